/**
 * The security baseline (docs/ARCHITECTURE.md), checked in real Electron on every window the app
 * opens: webPreferences, what the page can reach (no Node, no other origin, no new window, no
 * permission), the CSP on our scheme, and the OS-level sandbox of renderer processes.
 * The preference values themselves are also unit-tested under Node (tests/unit/main).
 */
import { expect, test } from '@playwright/test';
import { launchApp, signIn } from './launch';

/** Only on Windows and macOS does getAppMetrics() report the OS sandbox. */
const reportsOsSandbox = process.platform === 'win32' || process.platform === 'darwin';

test('every window meets the baseline: isolated, sandboxed, no Node, web security on', async () => {
  const harness = await launchApp();
  try {
    await expect(harness.window.getByRole('button', { name: 'SE CONNECTER' })).toBeVisible();
    const windows = await harness.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((window) => {
        // getLastWebPreferences() is the preferences the window was created with (undocumented in
        // the typings, present at run time): null when absent, then the behaviour checks below stand.
        const contents = window.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
        return { url: window.webContents.getURL(), preferences: contents.getLastWebPreferences?.() ?? null };
      }),
    );
    expect(windows.length).toBeGreaterThan(0);
    for (const { url, preferences } of windows) {
      expect(url, 'no window shows anything but our scheme').toMatch(/^app:\/\/portal\//);
      if (!preferences) {
        test.info().annotations.push({ type: 'note', description: 'getLastWebPreferences() unavailable; behaviour checks only' });
        continue;
      }
      // Electron's defaults are safe: unset means the default (isolation and sandbox on).
      expect(preferences.contextIsolation ?? true, url).toBe(true);
      expect(preferences.sandbox ?? true, url).toBe(true);
      expect(preferences.nodeIntegration ?? false, url).toBe(false);
      expect(preferences.nodeIntegrationInWorker ?? false, url).toBe(false);
      expect(preferences.nodeIntegrationInSubFrames ?? false, url).toBe(false);
      expect(preferences.webSecurity ?? true, url).toBe(true);
      expect(preferences.allowRunningInsecureContent ?? false, url).toBe(false);
      expect(preferences.experimentalFeatures ?? false, url).toBe(false);
      expect(preferences.webviewTag ?? false, url).toBe(false);
    }

    // What the page itself can do.
    const page = await harness.window.evaluate(async () => {
      const scope = globalThis as unknown as Record<string, unknown> & { open: (url: string) => unknown; fetch: typeof fetch; location: { href: string } };
      let outsideFetch = 'blocked';
      try {
        await scope.fetch('https://example.org/');
        outsideFetch = 'reached';
      } catch {
        outsideFetch = 'blocked';
      }
      const own = await scope.fetch(scope.location.href);
      const NotificationApi = scope.Notification as { requestPermission(): Promise<string> } | undefined;
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        module: typeof scope.module,
        portal: typeof scope.portal,
        opened: scope.open('https://example.org/') === null,
        outsideFetch,
        csp: own.headers.get('content-security-policy'),
        notification: NotificationApi ? await NotificationApi.requestPermission() : 'denied',
      };
    });
    expect(page).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined', portal: 'object', opened: true, outsideFetch: 'blocked', notification: 'denied' });
    expect(page.csp).toContain("default-src 'self'");
    expect(harness.app.windows()).toHaveLength(1);

    if (reportsOsSandbox) {
      const renderers = await harness.app.evaluate(({ app }) => app.getAppMetrics().filter((metric) => metric.type === 'Tab').map((metric) => metric.sandboxed));
      expect(renderers.length).toBeGreaterThan(0);
      expect(renderers.every((sandboxed) => sandboxed === true)).toBe(true);
    }
  } finally {
    await harness.close();
  }
});

test('navigating to an outside URL is blocked, whether by script, link or new window', async () => {
  const harness = await launchApp();
  try {
    const { window } = harness;
    await signIn(window);
    const before = window.url();

    await window.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/';
    });
    await window.waitForTimeout(500);
    expect(window.url()).toBe(before);

    // A link to another site, in place and in a new window.
    for (const target of ['_self', '_blank']) {
      await window.evaluate((linkTarget) => {
        const doc = (globalThis as unknown as { document: { createElement(tag: string): { href: string; target: string; textContent: string; click(): void; remove(): void }; body: { append(node: unknown): void } } }).document;
        const link = doc.createElement('a');
        link.href = 'https://example.org/ailleurs';
        link.target = linkTarget;
        link.textContent = 'ailleurs';
        doc.body.append(link);
        link.click();
        link.remove();
      }, target);
      await window.waitForTimeout(500);
      expect(window.url()).toBe(before);
      expect(harness.app.windows()).toHaveLength(1);
    }

    // file:// is not ours either.
    await window.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'file:///';
    });
    await window.waitForTimeout(500);
    expect(window.url()).toBe(before);
    await expect(window.getByRole('heading', { level: 1 })).toHaveText('Bienvenue dans votre espace locataire');
  } finally {
    await harness.close();
  }
});
