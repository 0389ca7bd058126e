/**
 * Kiosk mode (--kiosk, the caretaker's lodge PC): the window is a fullscreen kiosk, always on
 * top, without menu bar or DevTools, and keeps the security baseline.
 */
import { expect, test } from '@playwright/test';
import { launchApp } from './launch';

test('--kiosk starts a fullscreen kiosk window, always on top, no menu, no DevTools', async () => {
  const harness = await launchApp({ args: ['--kiosk'] });
  try {
    const { app, window } = harness;
    await window.waitForLoadState('domcontentloaded');
    expect(window.url()).toMatch(/^app:\/\/portal\//);
    // macOS enters fullscreen with an animation: poll.
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => {
        const [main] = BrowserWindow.getAllWindows();
        return main ? { kiosk: main.isKiosk(), fullScreen: main.isFullScreen(), onTop: main.isAlwaysOnTop(), menuBar: main.isMenuBarVisible() } : null;
      }), { timeout: 15_000 })
      .toEqual({ kiosk: true, fullScreen: true, onTop: true, menuBar: false });

    const devTools = await app.evaluate(async ({ BrowserWindow }) => {
      const [main] = BrowserWindow.getAllWindows();
      if (!main) return null;
      main.webContents.openDevTools({ mode: 'detach' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return main.webContents.isDevToolsOpened();
    });
    expect(devTools).toBe(false);
    expect(app.windows()).toHaveLength(1);
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await harness.close();
  }
});
