/**
 * A spec file's own stack: a real Portal API server (tests/helpers/portal-server.ts) and a
 * browser preview on it, both on free ports, so the file can publish documents or stop the
 * server without touching the shared e2e stack (stack.ts). Signs the demo tenant in by labels.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startPreview } from '../../src-main/host/cli';
import type { MailMessage } from '../../server/src/mail/mailer';
import { startPortalServer, type RestartableServer } from '../helpers/portal-server';

export const DEMO = { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!' };

/** `mail`: the messages the server sends land there (reset and confirmation links). */
export async function startOwnServer(options: { mail?: MailMessage[] } = {}): Promise<RestartableServer> {
  return startPortalServer(options.mail ? { server: { mail: { kind: 'memory', from: 'test@localhost', sent: options.mail } } } : {});
}

/** The preview on `server`; `close` stops both and removes the user-data folder. */
export async function startOwnPreview(server: RestartableServer) {
  const work = mkdtempSync(join(tmpdir(), 'el-e2e-own-'));
  const preview = await startPreview({ serverUrl: server.url, userDataDir: join(work, 'user-data'), port: 0, now: server.clock });
  const baseUrl = preview.host.url.endsWith('/') ? preview.host.url : `${preview.host.url}/`;
  return {
    baseUrl,
    async close() {
      await preview.close();
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** The session lives in main (one preview core per file): it may still be open, in either language. */
export async function signInDemo(page: Page, baseUrl: string) {
  await page.goto(baseUrl);
  const signInButton = page.getByRole('button', { name: 'SE CONNECTER' });
  const userMenu = page.getByRole('button', { name: /^(Mon compte|My account)$/ });
  await expect(signInButton.or(userMenu)).toBeVisible();
  if (await userMenu.isVisible()) return;
  await page.getByLabel('Adresse mail').fill(DEMO.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.password);
  await signInButton.click();
  await expect(page).toHaveURL(/#\/accueil$/, { timeout: 30_000 });
}
