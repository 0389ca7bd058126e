/**
 * The kiosk's machine-level settings (one file for every OS user of the lodge PC, see
 * docs/OPERATIONS.md): whether kiosk mode is on, the caretaker's PIN (hashed), the idle times,
 * the printer, and the PIN lockout (kept here so a restart does not reset it).
 *
 * Pure: the file itself is behind `KioskSettingsStore` (electron-store in src-main/app, a JSON
 * file in the browser preview and the tests).
 */
import { z } from 'zod';
import { readJsonFile, writeJsonFileAtomic } from '../storage/json-file';

export const KIOSK_DEFAULT_IDLE_SECONDS = 120;
export const KIOSK_DEFAULT_WARNING_SECONDS = 30;
/** Bounds shared with the setup screen: shorter is unusable, longer leaves a session open too long. */
export const KIOSK_IDLE_BOUNDS = { min: 30, max: 1800 } as const;
/** 20 s at least: WCAG 2.2.1 gives the tenant 20 seconds to say "Continuer ma session". */
export const KIOSK_WARNING_BOUNDS = { min: 20, max: 120 } as const;
/** What builds before issue 15 let a caretaker store; read and raised to the minimum, not refused (that would lose the PIN). */
const STORED_WARNING_MIN = 10;

export const kioskLockoutSchema = z.object({
  /** Wrong PINs since the last right one. */
  failures: z.number().int().nonnegative(),
  /** Epoch ms until which no PIN is checked, or null. */
  lockedUntil: z.number().nullable(),
});
export type KioskLockout = z.infer<typeof kioskLockoutSchema>;

export const NO_LOCKOUT: KioskLockout = { failures: 0, lockedUntil: null };

export const kioskSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** scrypt$N$r$p$salt$hash (./pin.ts), or null before the first-run screen. */
    pinHash: z.string().min(1).nullable().default(null),
    idleTimeoutSeconds: z.number().int().min(KIOSK_IDLE_BOUNDS.min).max(KIOSK_IDLE_BOUNDS.max).default(KIOSK_DEFAULT_IDLE_SECONDS),
    warningSeconds: z
      .number()
      .int()
      .min(STORED_WARNING_MIN)
      .max(KIOSK_WARNING_BOUNDS.max)
      .transform((seconds) => Math.max(seconds, KIOSK_WARNING_BOUNDS.min))
      .default(KIOSK_DEFAULT_WARNING_SECONDS),
    /** The OS printer's name, or null for the system's default printer. */
    printerName: z.string().min(1).max(256).nullable().default(null),
    lockout: kioskLockoutSchema.default(NO_LOCKOUT),
  })
  .refine((settings) => settings.warningSeconds < settings.idleTimeoutSeconds, { path: ['warningSeconds'] });
export type KioskSettings = z.output<typeof kioskSettingsSchema>;

export const DEFAULT_KIOSK_SETTINGS: KioskSettings = kioskSettingsSchema.parse({});

export interface KioskSettingsStore {
  read(): unknown;
  write(value: KioskSettings): void;
}

/** The browser preview's and the tests' stand-in for the machine-level electron-store file. */
export function createJsonKioskSettingsStore(file: string): KioskSettingsStore {
  return { read: () => readJsonFile(file), write: (value) => writeJsonFileAtomic(file, value) };
}

/**
 * The stored settings; a file that does not match the schema (hand-edited, from a newer build)
 * falls back to the defaults, keeping only `enabled`: a lodge PC must stay a kiosk, and the
 * caretaker then sets a PIN again on the first-run screen.
 */
export function readKioskSettings(store: KioskSettingsStore): KioskSettings {
  const raw = store.read();
  const parsed = kioskSettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  console.warn('kiosk: machine-level settings unreadable; back to the defaults', parsed.error.issues);
  const enabled = typeof raw === 'object' && raw !== null && (raw as { enabled?: unknown }).enabled === true;
  return { ...DEFAULT_KIOSK_SETTINGS, enabled };
}

/** Idle and warning times the caretaker typed: the warning must fit inside the idle time. */
export function checkIdleTimes(idleTimeoutSeconds: number, warningSeconds: number): 'ok' | 'warningTooLong' {
  return warningSeconds < idleTimeoutSeconds ? 'ok' : 'warningTooLong';
}

/** Kiosk mode is on when the machine-level setting says so, or for a run started with --kiosk. */
export function kioskModeOn(input: { argv: readonly string[]; store: KioskSettingsStore }): boolean {
  return input.argv.includes('--kiosk') || readKioskSettings(input.store).enabled;
}

/** A store that keeps nothing (a core built without the machine-level file, e.g. most tests). */
export function createMemoryKioskSettingsStore(initial?: unknown): KioskSettingsStore {
  let value = initial;
  return { read: () => value, write: (next) => (value = next) };
}

/**
 * The folder of the machine-level settings file, shared by every OS user of the PC
 * (docs/OPERATIONS.md): Windows %ProgramData%\Espace Locataire, macOS
 * /Library/Application Support/Espace Locataire, Linux /etc/espace-locataire.
 */
export function machineSettingsFolder(platform: string, env: Record<string, string | undefined>, productName = 'Espace Locataire'): string {
  if (platform === 'win32') return `${(env.ProgramData ?? env.ALLUSERSPROFILE ?? 'C:\\ProgramData').replace(/[\\/]+$/, '')}\\${productName}`;
  if (platform === 'darwin') return `/Library/Application Support/${productName}`;
  return `/etc/${productName.toLowerCase().replace(/\s+/g, '-')}`;
}
/** The file's name in that folder (electron-store `name`). */
export const MACHINE_SETTINGS_NAME = 'kiosk';
