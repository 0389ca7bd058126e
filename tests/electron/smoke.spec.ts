/**
 * Smoke test of the packaged shape of the app in real Electron: it starts against the demo
 * server, its page has no Node and cannot navigate away, and the sign-in screen renders.
 * (The webPreferences themselves are asserted under Node: tests/unit/main/window-preferences.test.ts.)
 * Runs only where Electron's binary exists (tests/electron/run.mjs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { _electron as electron } from 'playwright-core';
import { buildServer } from '../../server/src/app';

test('the app starts, its page is locked down, and the sign-in screen renders', async () => {
  const work = mkdtempSync(join(tmpdir(), 'el-electron-'));
  const server = await buildServer({ db: { kind: 'pglite' }, demo: true, sandbox: true });
  const serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  const app = await electron.launch({
    args: [join(import.meta.dirname, '..', '..'), `--user-data-dir=${join(work, 'user-data')}`],
    env: { ...process.env, PORTAL_SERVER_URL: serverUrl },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('button', { name: 'SE CONNECTER' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/portal\//);

    // The page has no Node and cannot leave the app's origin.
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { portal?: unknown }).portal)).toBe('object');
    await window.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/';
    });
    await window.waitForTimeout(500);
    expect(window.url()).toMatch(/^app:\/\/portal\//);
  } finally {
    await app.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
