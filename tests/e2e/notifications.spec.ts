/**
 * Notifications end to end (issue 20), on this file's own stack: a real Portal API with an admin
 * key, a switchable proxy between the tenant's preview and the server (the PC goes offline while
 * staff keep working), and the preview. Staff answer a request through the admin API; the tenant's
 * bell says the count, the preview shows the OS notification as a toast, the centre lists the
 * entry, which opens the request. Then a week offline, twelve answers, back online: one grouped
 * notification, not twelve. By visible labels; axe clean.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startPreview } from '../../src-main/host/cli';
import { startPortalServer, type RestartableServer } from '../helpers/portal-server';
import { startSwitchableProxy, type SwitchableProxy } from '../helpers/switchable-proxy';
import { expectNoSeriousA11yViolations } from './a11y';
import { signInDemo } from './own-stack';

const ADMIN_KEY = 'e2e-notifications-admin-key-0123456789';
const DAY = 24 * 60 * 60_000;

let server: RestartableServer;
let proxy: SwitchableProxy;
let preview: Awaited<ReturnType<typeof startPreview>>;
let work: string;
let baseUrl: string;
let request: { id: string; number: number };

const admin = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${server.url}/v1/admin${path}`, {
    method,
    headers: { 'x-api-key': ADMIN_KEY, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return response.json() as Promise<unknown>;
};

/** What a sync trigger (focus, the 5-minute timer) would do, now: the preview's core syncs until `done` holds. */
async function syncUntil(page: Page, done: () => Promise<void>) {
  await expect(async () => {
    preview.core.nudgeSync();
    await preview.core.syncIdle();
    await done();
  }).toPass({ timeout: 20_000 });
}

test.beforeAll(async () => {
  server = await startPortalServer({ server: { adminApiKey: ADMIN_KEY } });
  proxy = await startSwitchableProxy(server.url);
  work = mkdtempSync(join(tmpdir(), 'el-e2e-notify-'));
  preview = await startPreview({ serverUrl: proxy.url, userDataDir: join(work, 'user-data'), port: 0, now: server.clock });
  baseUrl = preview.host.url.endsWith('/') ? preview.host.url : `${preview.host.url}/`;
  const { requests } = (await admin('GET', '/requests')) as { requests: { id: string; number: number }[] };
  request = requests[0]!;
});

test.afterAll(async () => {
  await preview?.close();
  await proxy?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test("staff answer a request: the bell's count, the toast, the centre's entry that opens the request", async ({ page }) => {
  await signInDemo(page, baseUrl);
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

  await admin('PATCH', `/requests/${request.id}`, { status: 'in_progress', message: 'Le plombier passe jeudi matin.' });
  const bell = page.getByRole('link', { name: 'Notifications, 1 non lues' });
  await syncUntil(page, () => expect(bell).toBeVisible({ timeout: 1000 }));
  // The count is said once, politely.
  await expect(page.getByRole('status').filter({ hasText: '1 notifications non lues' })).toHaveCount(1);
  const toasts = page.getByRole('region', { name: 'Nouveautés' });
  await expect(toasts.getByText(`Réponse à votre demande n° ${request.number}.`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the home page with the bell and a toast');
  await toasts.getByRole('button', { name: 'Fermer' }).click();
  await expect(toasts.getByText(`Réponse à votre demande n° ${request.number}.`)).toHaveCount(0);

  await bell.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes notifications' })).toBeVisible();
  const entries = page.getByRole('list').filter({ hasText: 'Votre bailleur a répondu' }).getByRole('listitem');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText(`Non lue : Votre bailleur a répondu à votre demande n° ${request.number}.`);
  await expectNoSeriousA11yViolations(page, 'the notification centre');
  await entries.first().getByRole('button', { name: `Ouvrir : Votre bailleur a répondu à votre demande n° ${request.number}.` }).click();
  await expect(page).toHaveURL(new RegExp(`#/demande/${request.id}$`));
  await expect(page.getByText('Le plombier passe jeudi matin.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
});

test('a week offline, twelve answers meanwhile, back online: one grouped notification, not twelve', async ({ page }) => {
  await signInDemo(page, baseUrl);
  proxy.cut();
  for (let i = 1; i <= 12; i++) {
    server.advance(DAY / 2);
    await admin('PATCH', `/requests/${request.id}`, { status: 'in_progress', message: `Point d'étape ${i}` });
  }
  preview.core.nudgeSync();
  await preview.core.syncIdle();
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  proxy.reconnect();
  const bell = page.getByRole('link', { name: 'Notifications, 12 non lues' });
  await syncUntil(page, () => expect(bell).toBeVisible({ timeout: 1000 }));
  const toasts = page.getByRole('region', { name: 'Nouveautés' });
  await expect(toasts.getByText('12 nouveautés dans votre Espace Locataire')).toBeVisible();
  await expect(toasts.locator('> div')).toHaveCount(1);
  await toasts.getByRole('button', { name: 'Ouvrir' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes notifications' })).toBeVisible();
  await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
  await expect(page.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the centre, all read');
});

test('the preferences screen: one choice per kind, sent to the landlord', async ({ page }) => {
  await signInDemo(page, baseUrl);
  await page.goto(`${baseUrl}#/preferences-de-notification`);
  await expect(page.getByRole('heading', { level: 1, name: 'Préférences de notification' })).toBeVisible();
  const debit = page.getByLabel('Rappel avant le prélèvement');
  await expect(debit).toHaveValue('app');
  await debit.selectOption({ label: "Dans l'application et par mail" });
  await syncUntil(page, async () => {
    await page.reload();
    await expect(page.getByLabel('Rappel avant le prélèvement')).toHaveValue('both', { timeout: 1000 });
    await expect(page.getByText("Choix en cours d'envoi à votre bailleur.")).toHaveCount(0, { timeout: 1000 });
  });
  await expectNoSeriousA11yViolations(page, 'the notification preferences');
});
