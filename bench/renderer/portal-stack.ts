/**
 * What bench/renderer's run.ts and timeline.ts share: the demo server and the browser preview
 * on a wall clock (as `npm start`), Debian's Chromium, a tenant signed in, and the wait for the
 * balance's sentence in the page's text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildServer } from '../../server/src/app';
import { startPreview } from '../../src-main/host/cli';
import { systemClock } from '../../src-shared/clock';

export const BALANCE = /Votre compte est (créditeur|débiteur) de/;

export interface PortalStack {
  /** The preview's page, and a temporary folder for anything else the bench needs. */
  url: string;
  work: string;
  browser: Browser;
  /** A new tab on the portal, signed in as the demo tenant, the balance shown. */
  signedInPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function startPortalStack(): Promise<PortalStack> {
  const work = mkdtempSync(join(tmpdir(), 'el-bench-renderer-'));
  const server = await buildServer({ db: { kind: 'pglite' }, demo: true, sandbox: true, passwordHashing: 'fast' });
  const serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  // A bench measures today's demo, on the wall clock, like `npm start`.
  const preview = await startPreview({ serverUrl, userDataDir: join(work, 'user-data'), now: systemClock });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    url: preview.host.url,
    work,
    browser,
    async signedInPage() {
      const page = await browser.newPage();
      await page.goto(preview.host.url);
      await page.getByLabel('Adresse mail').fill('martine.dupont@example.org');
      await page.getByLabel('Mot de passe', { exact: true }).fill('Demo-Locataire-2026!');
      await page.getByRole('button', { name: 'SE CONNECTER' }).click();
      await page.getByText(BALANCE).waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await preview.close();
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Reloads the page and answers when the balance's sentence is in its text, in ms from navigation start. */
export async function reloadUntilBalance(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  // A function (the portal's CSP refuses a string to evaluate) that runs in the page, whose
  // document this Node-typed file names through a minimal shape; polled each frame.
  const handle = await page.waitForFunction(
    (source) => {
      const { document } = globalThis as unknown as { document: { body: { innerText: string } | null } };
      return new RegExp(source).test(document.body?.innerText ?? '') ? performance.now() : false;
    },
    BALANCE.source,
    { polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}
