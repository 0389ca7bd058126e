/**
 * electron-store backed stores (ESM-only and Electron-only: kept in src-main/app and bundled).
 * Window bounds are remembered; settings go through the core's SettingsStore interface.
 */
import Store from 'electron-store';
import type { Rectangle } from 'electron';
import type { SettingsStore } from '../services/settings';
import type { Settings } from '../../src-shared/bridge';

interface WindowState {
  bounds?: Rectangle;
  maximized?: boolean;
}

const windowStore = new Store<WindowState>({ name: 'window-state' });
const settingsBackend = new Store<{ settings?: Settings }>({ name: 'settings' });

export const windowState = {
  read: (): WindowState => ({ bounds: windowStore.get('bounds'), maximized: windowStore.get('maximized') }),
  write: (state: WindowState) => windowStore.set(state),
};

export const electronSettingsStore: SettingsStore = {
  read: () => settingsBackend.get('settings'),
  write: (value) => settingsBackend.set('settings', value),
};
