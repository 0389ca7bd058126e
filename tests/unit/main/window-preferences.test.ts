import { describe, expect, it } from 'vitest';
import { appWindowPreferences } from '../../../src-main/window-preferences';

describe('app window webPreferences (Electron security checklist)', () => {
  it('sandboxes and isolates every window, with no Node in the page', () => {
    const prefs = appWindowPreferences({ preload: '/app/preload/index.cjs', packaged: true, kiosk: false });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('offers devtools only in development, never packaged nor in kiosk mode', () => {
    expect(appWindowPreferences({ packaged: false, kiosk: false }).devTools).toBe(true);
    expect(appWindowPreferences({ packaged: true, kiosk: false }).devTools).toBe(false);
    expect(appWindowPreferences({ packaged: false, kiosk: true }).devTools).toBe(false);
  });

  it('omits the preload for windows that must not have one (the payment window)', () => {
    expect(appWindowPreferences({ packaged: true, kiosk: false })).not.toHaveProperty('preload');
  });
});
