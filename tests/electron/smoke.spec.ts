/**
 * Smoke test of the app in real Electron: it starts against the demo server, on our own scheme,
 * and the sign-in screen renders. Runs only where Electron's binary exists (tests/electron/run.mjs).
 */
import { expect, test } from '@playwright/test';
import { launchApp } from './launch';

test('the app starts on app://portal/ and the sign-in screen renders', async () => {
  const harness = await launchApp();
  try {
    const { window } = harness;
    await expect(window.getByRole('button', { name: 'SE CONNECTER' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/portal\//);
    expect(await harness.app.evaluate(({ app }) => app.isPackaged)).toBe(false);
  } finally {
    await harness.close();
  }
});
