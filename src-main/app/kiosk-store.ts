/**
 * The kiosk's machine-level settings in electron-store, in a folder every OS user of the PC
 * shares (src-main/kiosk/settings.ts machineSettingsFolder; docs/OPERATIONS.md says who may write
 * it). When that folder cannot be opened at all (not created by the installer, no right to create
 * it) the settings fall back to this OS user's own folder, and the log says so.
 */
import { join } from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import { MACHINE_SETTINGS_NAME, machineSettingsFolder, type KioskSettingsStore } from '../kiosk/settings';

function open(cwd: string): KioskSettingsStore {
  const store = new Store<{ kiosk?: unknown }>({ name: MACHINE_SETTINGS_NAME, cwd, clearInvalidConfig: false });
  return {
    read: () => store.get('kiosk'),
    write: (value) => store.set('kiosk', value),
  };
}

export function openKioskSettingsStore(): { store: KioskSettingsStore; folder: string } {
  const folder = machineSettingsFolder(process.platform, process.env);
  try {
    return { store: open(folder), folder };
  } catch (error) {
    const fallback = join(app.getPath('userData'), 'kiosk');
    console.warn(`kiosk: machine-level settings folder ${folder} unavailable (${String(error)}); using ${fallback}`);
    return { store: open(fallback), folder: fallback };
  }
}
