import { defineConfig } from '@playwright/test';

/** Real-Electron suite (Playwright _electron), run by tests/electron/run.mjs where the binary exists. */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 90_000,
  reporter: [['list']],
});
