import { describe, expect, it } from 'vitest';
import {
  createMemoryKioskSettingsStore,
  DEFAULT_KIOSK_SETTINGS,
  kioskModeOn,
  machineSettingsFolder,
  readKioskSettings,
} from '../../../src-main/kiosk/settings';
import { kioskSetupInputSchema } from '../../../src-shared/kiosk/bridge';

describe('kiosk machine-level settings', () => {
  it('defaults: off, no PIN, 120 s idle, 30 s warning, the default printer', () => {
    expect(DEFAULT_KIOSK_SETTINGS).toEqual({
      enabled: false,
      pinHash: null,
      idleTimeoutSeconds: 120,
      warningSeconds: 30,
      printerName: null,
      lockout: { failures: 0, lockedUntil: null },
    });
  });

  it('is on with the setting or the --kiosk switch', () => {
    expect(kioskModeOn({ argv: ['app'], store: createMemoryKioskSettingsStore() })).toBe(false);
    expect(kioskModeOn({ argv: ['app', '--kiosk'], store: createMemoryKioskSettingsStore() })).toBe(true);
    expect(kioskModeOn({ argv: ['app'], store: createMemoryKioskSettingsStore({ enabled: true }) })).toBe(true);
  });

  it('a file that does not validate falls back to the defaults but stays a kiosk when it said so', () => {
    const store = createMemoryKioskSettingsStore({ enabled: true, pinHash: 'x', idleTimeoutSeconds: 5 });
    expect(readKioskSettings(store)).toEqual({ ...DEFAULT_KIOSK_SETTINGS, enabled: true });
    // The warning must fit inside the idle time.
    expect(readKioskSettings(createMemoryKioskSettingsStore({ idleTimeoutSeconds: 60, warningSeconds: 60 })).idleTimeoutSeconds).toBe(120);
  });

  it('a warning under 20 s (WCAG 2.2.1) stored by an older build is read as 20 s, keeping the PIN', () => {
    const store = createMemoryKioskSettingsStore({ enabled: true, pinHash: 'scrypt$x', idleTimeoutSeconds: 60, warningSeconds: 10 });
    expect(readKioskSettings(store)).toMatchObject({ pinHash: 'scrypt$x', idleTimeoutSeconds: 60, warningSeconds: 20 });
  });

  // The setup screen's own check is in tests/e2e/kiosk.spec.ts (first run).
  it('the bridge refuses a warning under 20 s', () => {
    const input = { pin: '135790', pinConfirmation: '135790', idleTimeoutSeconds: 120, warningSeconds: 19, printerName: null };
    expect(kioskSetupInputSchema.safeParse(input).success).toBe(false);
    expect(kioskSetupInputSchema.safeParse({ ...input, warningSeconds: 20 }).success).toBe(true);
  });

  it('lives where every OS user of the PC reads it', () => {
    expect(machineSettingsFolder('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\Espace Locataire');
    expect(machineSettingsFolder('darwin', {})).toBe('/Library/Application Support/Espace Locataire');
    expect(machineSettingsFolder('linux', {})).toBe('/etc/espace-locataire');
  });
});
