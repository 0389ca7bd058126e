/**
 * The tenant's path in real Electron: sign in against the demo server, open every section, and
 * keep reading once the server is gone (the cache in the user-data folder answers).
 */
import { expect, test } from '@playwright/test';
import { launchApp, signIn, visitEverySection } from './launch';

test('sign in, then every section of the menu opens', async () => {
  const harness = await launchApp();
  try {
    await signIn(harness.window);
    await expect(harness.window.getByRole('button', { name: 'Mon compte' })).toBeVisible();
    await visitEverySection(harness.window);
  } finally {
    await harness.close();
  }
});

test('offline: with the server gone, the sections still open from the cache', async () => {
  const harness = await launchApp();
  try {
    await signIn(harness.window);
    await visitEverySection(harness.window);
    await harness.stopServer();
    await visitEverySection(harness.window);
    await expect(harness.window.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible({ timeout: 60_000 });
  } finally {
    await harness.close();
  }
});

test('offline after a restart: the session comes back without the password, the sections open', async () => {
  const harness = await launchApp();
  try {
    // The refresh token is kept with safeStorage; without an OS keyring (a bare Linux session)
    // nothing is kept, by design, and a restart asks for the password again.
    const encryption = await harness.app.evaluate(({ safeStorage }) => safeStorage.isEncryptionAvailable());
    test.skip(!encryption, 'safeStorage has no OS keyring here: sessions are not kept across restarts');
    await signIn(harness.window);
    await visitEverySection(harness.window);
    await harness.stopServer();
    await harness.relaunch();
    await expect(harness.window).toHaveURL(/#\/accueil$/, { timeout: 30_000 });
    await visitEverySection(harness.window);
    await expect(harness.window.getByRole('status').filter({ hasText: 'Hors ligne' })).toBeVisible({ timeout: 60_000 });
  } finally {
    await harness.close();
  }
});
