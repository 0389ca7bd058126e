import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 47821);
/** The kiosk-mode stack (tests/e2e/kiosk-stack.ts, used by kiosk.spec.ts), with short idle times. */
const kioskPort = Number(process.env.E2E_KIOSK_PORT ?? 47822);
// The staff console's specs (tests/e2e/staff-*.spec.ts) start their own server in the spec, on
// E2E_STAFF_PORT (default 47823, tests/e2e/staff-stack.ts), serving the built console at /staff/.

/**
 * End-to-end tests of the renderer in Debian's Chromium (Playwright cannot download browsers
 * here), through the browser preview, against the real Portal API server with demo data.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: [
    {
      command: `node_modules/.bin/tsx --import ./scripts/package-type-cache.mjs tests/e2e/stack.ts`,
      url: `http://127.0.0.1:${port}/`,
      env: { E2E_PORT: String(port) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      command: `node_modules/.bin/tsx --import ./scripts/package-type-cache.mjs tests/e2e/kiosk-stack.ts`,
      url: `http://127.0.0.1:${kioskPort}/`,
      env: { E2E_KIOSK_PORT: String(kioskPort) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
