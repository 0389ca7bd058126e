/**
 * Kiosk mode in the main process, minus Electron: the caretaker's procedures (first-run setup,
 * PIN unlock with lockout, settings, leaving kiosk mode), the inactivity timer of the tenant's
 * session, and printing. The portal core builds it when kiosk mode is on; kiosk/procedures.ts routes the `kiosk.*`
 * procedures here; src-main/app and the preview host plug in the printer and the exit.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { EventPayload, ProcedureOutput } from '../../src-shared/bridge';
import type { KioskStatus } from '../../src-shared/kiosk/bridge';
import { systemClock } from '../../src-shared/clock';
import { PortalError } from '../../src-shared/errors';
import type { ParsedInput } from '../ipc/router';
import { createIdleTimer, type IdleTimerPorts } from './idle-timer';
import { afterRightPin, afterWrongPin, lockedForMs } from './lockout';
import { hashPin, PIN_HASH_PARAMS, verifyPin, type PinHashParams } from './pin';
import { readKioskSettings, type KioskSettings, type KioskSettingsStore } from './settings';

/** How long the caretaker's unlock lasts (the settings screen is short work). */
export const CARETAKER_TOKEN_TTL_MS = 10 * 60_000;

export interface KioskPrinter {
  name: string;
  displayName: string;
}

export interface KioskServiceOptions {
  store: KioskSettingsStore;
  /** Kiosk mode is on for this run (machine-level setting or --kiosk). */
  enabled: boolean;
  /** Ends the tenant's session for inactivity: sign-out discarding unsent items, then the wipe. */
  endSession: () => Promise<void>;
  emitIdleWarning: (payload: EventPayload<'kiosk.idleWarning'>) => void;
  /** Electron: the OS printers (webContents.getPrintersAsync). Absent in the preview. */
  listPrinters?: () => Promise<KioskPrinter[]>;
  /** Electron: prints the app window silently (webContents.print). Absent in the preview. */
  print?: (deviceName: string | null) => Promise<'printed' | 'failed'>;
  /** Leaves kiosk mode once the setting is off (Electron: relaunch without --kiosk). */
  exit?: () => void;
  timers?: IdleTimerPorts;
  pinHashParams?: PinHashParams;
  /** Tests only (the browser preview's e2e stack): idle times below the caretaker's bounds. */
  idleOverride?: { idleSeconds: number; warningSeconds: number };
}

function sameToken(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const realTimers: IdleTimerPorts = {
  now: () => systemClock().getTime(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createKioskService(options: KioskServiceOptions) {
  const timers = options.timers ?? realTimers;
  const pinHashParams = options.pinHashParams ?? PIN_HASH_PARAMS;
  let settings: KioskSettings = readKioskSettings(options.store);
  let caretaker: { token: string; expiresAt: number } | null = null;
  /** One PIN check at a time: parallel guesses must not slip past the lockout. */
  let checking: Promise<unknown> = Promise.resolve();

  function save(next: KioskSettings) {
    options.store.write(next);
    settings = next;
  }

  const idle = createIdleTimer({
    ...timers,
    durations: () => {
      const { idleSeconds, warningSeconds } = options.idleOverride ?? {
        idleSeconds: settings.idleTimeoutSeconds,
        warningSeconds: settings.warningSeconds,
      };
      return { idleMs: idleSeconds * 1000, warningMs: warningSeconds * 1000 };
    },
    onWarning: (secondsLeft) => options.emitIdleWarning({ secondsLeft }),
    onExpire: () => {
      void options
        .endSession()
        .catch((error: unknown) => console.error('kiosk: ending the idle session failed', error))
        // 0: the session is over and wiped; the renderer wipes its side and shows the sign-in screen.
        .finally(() => options.emitIdleWarning({ secondsLeft: 0 }));
    },
  });

  function requireKiosk() {
    if (!options.enabled) throw new PortalError('FORBIDDEN');
  }

  function status(): KioskStatus {
    return {
      enabled: options.enabled,
      configured: settings.pinHash !== null,
      lockedForSeconds: Math.ceil(lockedForMs(settings.lockout, timers.now()) / 1000),
      idleTimeoutSeconds: settings.idleTimeoutSeconds,
      warningSeconds: settings.warningSeconds,
      sessionIdleSeconds: options.idleOverride?.idleSeconds ?? settings.idleTimeoutSeconds,
      printerName: settings.printerName,
    };
  }

  function requireCaretaker(token: string) {
    requireKiosk();
    if (caretaker && timers.now() > caretaker.expiresAt) caretaker = null;
    if (!caretaker || !sameToken(caretaker.token, token)) throw new PortalError('UNAUTHENTICATED');
  }

  async function setup(input: ParsedInput<'kiosk.setup'>): Promise<KioskStatus> {
    requireKiosk();
    // The first-run screen sets the PIN once; changing it needs the current one.
    if (settings.pinHash !== null) throw new PortalError('FORBIDDEN');
    const pinHash = await hashPin(input.pin, pinHashParams);
    save({
      ...settings,
      enabled: settings.enabled,
      pinHash,
      idleTimeoutSeconds: input.idleTimeoutSeconds,
      warningSeconds: input.warningSeconds,
      printerName: input.printerName,
    });
    return status();
  }

  async function unlockOnce(pin: string): Promise<ProcedureOutput<'kiosk.unlock'>> {
    requireKiosk();
    // Re-read: the lockout of another run of the app (or of before a restart) counts.
    settings = readKioskSettings(options.store);
    if (settings.pinHash === null) throw new PortalError('FORBIDDEN');
    const wait = lockedForMs(settings.lockout, timers.now());
    if (wait > 0) throw new PortalError('THROTTLED', { retryAfter: Math.ceil(wait / 1000) });
    if (!(await verifyPin(pin, settings.pinHash))) {
      const lockout = afterWrongPin(settings.lockout, timers.now());
      save({ ...settings, lockout });
      const locked = lockedForMs(lockout, timers.now());
      if (locked > 0) throw new PortalError('THROTTLED', { retryAfter: Math.ceil(locked / 1000) });
      throw new PortalError('INVALID_CREDENTIALS');
    }
    if (settings.lockout.failures > 0) save({ ...settings, lockout: afterRightPin() });
    caretaker = { token: randomBytes(32).toString('base64url'), expiresAt: timers.now() + CARETAKER_TOKEN_TTL_MS };
    return { token: caretaker.token, expiresInSeconds: CARETAKER_TOKEN_TTL_MS / 1000 };
  }

  function unlock({ pin }: ParsedInput<'kiosk.unlock'>) {
    const attempt = checking.then(() => unlockOnce(pin));
    checking = attempt.catch(() => undefined);
    return attempt;
  }

  async function updateSettings(input: ParsedInput<'kiosk.updateSettings'>): Promise<KioskStatus> {
    requireCaretaker(input.token);
    const pinHash = input.newPin !== undefined ? await hashPin(input.newPin, pinHashParams) : settings.pinHash;
    save({
      ...settings,
      pinHash,
      idleTimeoutSeconds: input.idleTimeoutSeconds,
      warningSeconds: input.warningSeconds,
      printerName: input.printerName,
    });
    return status();
  }

  async function exit({ token }: ParsedInput<'kiosk.exit'>): Promise<ProcedureOutput<'kiosk.exit'>> {
    requireCaretaker(token);
    caretaker = null;
    // Nothing of a tenant may outlive kiosk mode either.
    await options.endSession();
    save({ ...settings, enabled: false });
    if (!options.exit) return { result: 'restartManually' };
    options.exit();
    return { result: 'restarting' };
  }

  async function print(): Promise<ProcedureOutput<'kiosk.print'>> {
    if (!options.enabled || !options.print) return { result: 'unavailable' };
    return { result: await options.print(settings.printerName) };
  }

  return {
    status,
    setup,
    unlock,
    lock({ token }: ParsedInput<'kiosk.lock'>) {
      if (caretaker?.token === token) caretaker = null;
      return {};
    },
    updateSettings,
    exit,
    activity() {
      idle.activity();
      return {};
    },
    async printers(): Promise<ProcedureOutput<'kiosk.printers'>> {
      if (!options.enabled || !options.listPrinters) return { printers: [] };
      return { printers: await options.listPrinters() };
    },
    print,
    /**
     * A tenant session opened / closed: the inactivity timer runs only in between, and only on a
     * kiosk. At home a session lasts as long as its refresh token (renewed by use): signing a
     * tenant out because they paused to find a document would throw away what they were typing.
     */
    sessionOpened: () => {
      if (options.enabled) idle.start();
    },
    sessionClosed: () => idle.stop(),
    idlePhase: () => idle.phase(),
  };
}

export type KioskService = ReturnType<typeof createKioskService>;
