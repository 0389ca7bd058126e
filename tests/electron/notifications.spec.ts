/**
 * OS notifications in real Electron (issue 20): staff answer a request through the admin API, the
 * app's sync brings it, and main shows it through Electron's Notification (recorded here by
 * wrapping Notification.prototype.show in the main process: the desktop's own notification would
 * need a person to look at it). Runs only where Electron's binary exists (tests/electron/run.mjs
 * prints why it skips elsewhere); the adapter itself is unit-tested with a fake
 * (tests/unit/main/notifier.test.ts), the grouping in tests/integration/main/notifications.test.ts.
 */
import { expect, test } from '@playwright/test';
import { launchApp, signIn } from './launch';

const ADMIN_KEY = 'electron-notifications-admin-key-0123';

test('an answer from staff shows one OS notification through Electron', async () => {
  // The demo server of launch.ts takes its admin key from the environment.
  process.env.PORTAL_ADMIN_API_KEY = ADMIN_KEY;
  const harness = await launchApp();
  try {
    await signIn(harness.window);
    await harness.app.evaluate(({ Notification }) => {
      const shown: { title: string; body: string }[] = [];
      (globalThis as { shownNotifications?: typeof shown }).shownNotifications = shown;
      Notification.prototype.show = function show(this: { title: string; body: string }) {
        shown.push({ title: this.title, body: this.body });
      };
    });
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${harness.serverUrl}/v1/admin${path}`, { method, headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const { requests } = (await (await admin('GET', '/requests')).json()) as { requests: { id: string; number: number }[] };
    expect((await admin('PATCH', `/requests/${requests[0]!.id}`, { status: 'in_progress', message: 'Le plombier passe jeudi.' })).status).toBe(200);
    await expect(async () => {
      await harness.window.evaluate(() => (window as unknown as { portal: { invoke(name: string, input: unknown): Promise<unknown> } }).portal.invoke('sync.now', {}));
      const shown = await harness.app.evaluate(() => (globalThis as { shownNotifications?: unknown[] }).shownNotifications ?? []);
      expect(shown).toEqual([{ title: 'Espace Locataire', body: `Réponse à votre demande n° ${requests[0]!.number}.` }]);
    }).toPass({ timeout: 20_000 });
    await expect(harness.window.getByRole('link', { name: 'Notifications, 1 non lues' })).toBeVisible();
  } finally {
    await harness.close();
    delete process.env.PORTAL_ADMIN_API_KEY;
  }
});
