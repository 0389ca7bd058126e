/**
 * Kiosk mode in the renderer (the caretaker's lodge PC): whether it is on and configured, the
 * inactivity countdown main announces, the activity report, printing through main, and the wipe
 * of the page's own storage at the end of a tenant session.
 */
import type { KioskStatus } from '../../src-shared/kiosk/bridge';
import { call, portal } from '../lib/bridge';

/** At most one activity report per this many ms (main's idle timer needs no more). */
export const ACTIVITY_THROTTLE_MS = 5_000;

let status = $state<KioskStatus | null>(null);
/** Seconds left before the session ends for inactivity; null when no warning is shown. */
let secondsLeft = $state<number | null>(null);
let printMessage = $state<'printed' | 'failed' | null>(null);

export const kiosk = {
  get enabled(): boolean {
    return status?.enabled ?? false;
  },
  /** Kiosk mode on, no PIN yet: the first-run screen replaces everything else. */
  get needsSetup(): boolean {
    return (status?.enabled ?? false) && !status?.configured;
  },
  get status() {
    return status;
  },
  get secondsLeft() {
    return secondsLeft;
  },
  get printMessage() {
    return printMessage;
  },
};

export function applyKioskStatus(next: KioskStatus) {
  status = next;
  document.documentElement.classList.toggle('kiosk', next.enabled);
}

/** Boot: asks main whether this PC is a kiosk (never fails the boot). */
export async function loadKiosk(): Promise<void> {
  try {
    const next = await call('kiosk.status');
    applyKioskStatus(next);
    if (next.enabled) installKioskBehaviour();
  } catch {
    // An older main without kiosk procedures: a normal app.
  }
}

/**
 * The end of a tenant session on the kiosk: the page forgets everything it held (storage, and
 * all its memory by reloading) and starts again on the sign-in screen. Main has already wiped
 * its side (and, in Electron, the page's storage and HTTP cache).
 */
export function wipePageAndRestart() {
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // storage disabled: nothing to clear
  }
  secondsLeft = null;
  location.hash = '#/connexion';
  location.reload();
}

// Throttle and grace windows are durations, not dates: measured on the monotonic clock
// (performance.now), which a PC's clock being set or an NTP jump cannot move. Start far enough
// back that the very first activity is reported.
let lastReport = Number.NEGATIVE_INFINITY;
let signedIn = () => false;

/** Tells main someone is at the terminal (throttled; not while the warning waits for an answer). */
function reportActivity() {
  if (!signedIn() || secondsLeft !== null) return;
  const now = performance.now();
  if (now - lastReport < ACTIVITY_THROTTLE_MS) return;
  lastReport = now;
  void call('kiosk.activity').catch(() => undefined);
}

/**
 * Warnings main sent before it heard "Continuer" may still be on their way: ignore them until
 * the answer is in and a moment after (a genuine new warning comes many seconds later).
 */
let ignoreWarningsUntil = 0;
const STALE_WARNING_MS = 1500;

/** "Continuer ma session": the warning closes and the count starts again. */
export async function continueSession() {
  secondsLeft = null;
  lastReport = performance.now();
  ignoreWarningsUntil = Number.POSITIVE_INFINITY;
  await call('kiosk.activity').catch(() => undefined);
  ignoreWarningsUntil = performance.now() + STALE_WARNING_MS;
}

/** Something typed in the page's fields (the sign-in form's email, a sign-up half filled). */
function somethingTyped(): boolean {
  const fields = document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('main input, main textarea');
  return [...fields].some((field) =>
    field instanceof HTMLTextAreaElement || !['checkbox', 'radio', 'hidden', 'submit', 'button'].includes(field.type)
      ? field.value !== ''
      : false,
  );
}

/**
 * Nobody signed in (`isGuest`): after the session idle time without a touch, a page left with
 * typed text, or left away from the sign-in screen, is wiped back to an empty sign-in screen. Main
 * keeps no guest timer (there is no session to end); this one runs in the page. Call it during a
 * component's set-up.
 */
export function watchGuestIdle(isGuest: () => boolean) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    if (!status?.enabled || !isGuest()) return;
    timer = setTimeout(() => {
      if (isGuest() && !kiosk.needsSetup && (somethingTyped() || location.hash !== '#/connexion')) wipePageAndRestart();
    }, status.sessionIdleSeconds * 1000);
  };
  $effect(() => {
    void isGuest();
    arm();
    const types = ['pointerdown', 'keydown', 'input', 'touchstart'] as const;
    for (const type of types) window.addEventListener(type, arm, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of types) window.removeEventListener(type, arm, { capture: true });
    };
  });
}

export function setSignedInSource(source: () => boolean) {
  signedIn = source;
}

let installed = false;
function installKioskBehaviour() {
  if (installed) return;
  installed = true;
  for (const type of ['pointerdown', 'keydown', 'touchstart'] as const) {
    window.addEventListener(type, reportActivity, { capture: true, passive: true });
  }
  portal.on('kiosk.idleWarning', ({ secondsLeft: left }) => {
    if (left === 0) wipePageAndRestart();
    else if (performance.now() >= ignoreWarningsUntil) secondsLeft = left;
  });
  // Quittances, avis and payment confirmations: the viewers call window.print() after filling
  // their print container; on the kiosk main prints that silently to the caretaker's printer.
  const nativePrint = window.print.bind(window);
  window.print = () => {
    printMessage = null;
    void call('kiosk.print')
      .then(({ result }) => {
        if (result === 'unavailable') nativePrint();
        else printMessage = result;
      })
      .catch(() => (printMessage = 'failed'));
  };
}
