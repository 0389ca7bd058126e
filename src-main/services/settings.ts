/**
 * The tenant's preferences on this PC (language for now). Stored through a small key/value
 * interface: electron-store in the app (src-main/app), a JSON file in the preview and tests.
 */
import { settingsSchema, type Settings } from '../../src-shared/bridge';
import { readJsonFile, writeJsonFileAtomic } from '../storage/json-file';

export interface SettingsStore {
  read(): unknown;
  write(value: Settings): void;
}

export const DEFAULT_SETTINGS: Settings = { locale: 'fr', prefetchDocuments: true };

export function createJsonSettingsStore(file: string): SettingsStore {
  return { read: () => readJsonFile(file), write: (value) => writeJsonFileAtomic(file, value) };
}

export function createSettingsService(store: SettingsStore) {
  function get(): Settings {
    const stored = settingsSchema.partial().safeParse(store.read());
    return { ...DEFAULT_SETTINGS, ...(stored.success ? stored.data : {}) };
  }
  function update(patch: Partial<Settings>): Settings {
    const next = { ...get(), ...patch };
    store.write(next);
    return next;
  }
  return { get, update };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
