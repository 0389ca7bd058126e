/**
 * Throttling of wrong caretaker PINs: 5 free attempts, then a growing lockout (30 s, 1 min,
 * 5 min, 15 min, then 1 h for each further wrong PIN). While locked, a PIN is not even checked.
 * The state is plain data saved in the machine-level settings, so a restart does not reset it.
 */
import type { KioskLockout } from './settings';

export const FREE_PIN_ATTEMPTS = 5;
export const LOCKOUT_STEPS_MS: readonly number[] = [30_000, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
const LONGEST_LOCKOUT_MS = 60 * 60_000;

/** Milliseconds left before a PIN may be tried again (0: now). */
export function lockedForMs(state: KioskLockout, nowMs: number): number {
  if (state.lockedUntil === null) return 0;
  const left = state.lockedUntil - nowMs;
  // A clock set back must not turn a 30 s lockout into days: never more than the longest step.
  return Math.max(0, Math.min(left, LONGEST_LOCKOUT_MS));
}

export function afterWrongPin(state: KioskLockout, nowMs: number): KioskLockout {
  const failures = state.failures + 1;
  if (failures < FREE_PIN_ATTEMPTS) return { failures, lockedUntil: null };
  const step = LOCKOUT_STEPS_MS[failures - FREE_PIN_ATTEMPTS] ?? LONGEST_LOCKOUT_MS;
  return { failures, lockedUntil: nowMs + step };
}

export function afterRightPin(): KioskLockout {
  return { failures: 0, lockedUntil: null };
}
