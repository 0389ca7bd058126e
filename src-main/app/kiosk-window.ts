/**
 * Kiosk mode's Electron side: the wipe of the renderer's storage and HTTP cache at the end of a
 * tenant session (and at start, after a crash), the printer list, the silent print of the app
 * window, and the restart as a normal app when the caretaker leaves kiosk mode. The rules are in
 * src-main/kiosk (tested under Node); this file only calls Electron.
 */
import { app, session, type BrowserWindow } from 'electron';
import type { KioskPrinter } from '../kiosk/service';

/** Local/session storage, IndexedDB, cookies, service workers, then the HTTP cache. */
export async function wipeRendererData(): Promise<void> {
  const defaultSession = session.defaultSession;
  await defaultSession.clearStorageData();
  await defaultSession.clearCache();
  await defaultSession.clearAuthCache();
}

export async function listPrinters(window: BrowserWindow | null): Promise<KioskPrinter[]> {
  if (!window || window.isDestroyed()) return [];
  const printers = await window.webContents.getPrintersAsync();
  return printers.map((printer) => ({ name: printer.name, displayName: printer.displayName || printer.name }));
}

/**
 * Prints what the app window shows for print (the renderer has filled its print container)
 * without a dialog, to the kiosk's printer (null: the system's default one).
 */
export function printSilently(window: BrowserWindow | null, deviceName: string | null): Promise<'printed' | 'failed'> {
  if (!window || window.isDestroyed()) return Promise.resolve('failed');
  return new Promise((resolve) => {
    window.webContents.print({ silent: true, printBackground: false, ...(deviceName ? { deviceName } : {}) }, (success, reason) => {
      if (!success) console.warn(`kiosk: printing failed (${reason})`);
      resolve(success ? 'printed' : 'failed');
    });
  });
}

/** Starts the app again without --kiosk (the machine-level setting is already off). */
export function restartWithoutKiosk(): void {
  app.relaunch({ args: process.argv.slice(1).filter((argument) => argument !== '--kiosk') });
  app.exit(0);
}

/**
 * A tenant cannot close the kiosk window (Alt+F4, Ctrl+W): only a quit the app decided (an
 * update, the caretaker leaving kiosk mode) closes it. The OS lockdown (docs/OPERATIONS.md)
 * restarts the app anyway if it ever stops.
 */
export function holdKioskWindow(window: BrowserWindow): void {
  let quitting = false;
  app.once('before-quit', () => {
    quitting = true;
  });
  window.on('close', (event) => {
    if (!quitting) event.preventDefault();
  });
}
