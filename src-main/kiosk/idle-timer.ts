/**
 * The kiosk's inactivity timer: after `idleMs` without activity the tenant's session ends; during
 * the last `warningMs` it calls `onWarning(secondsLeft)` once per second (30, 29, … 1), then
 * `onExpire()` at zero. Activity (reported by the renderer, or "Continuer ma session") starts the
 * count again. Clock and timers are injected (tests drive them by hand); the deadline is always
 * recomputed from the clock, so a late timer or a PC waking from sleep cannot stretch a session.
 */
export interface IdleTimerPorts {
  now: () => number;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface IdleTimerOptions extends IdleTimerPorts {
  /** Read at each (re)start, so a settings change applies from the next activity. */
  durations: () => { idleMs: number; warningMs: number };
  onWarning: (secondsLeft: number) => void;
  /** The warning was answered (activity during it): the renderer closes its dialog. */
  onCancel?: () => void;
  onExpire: () => void;
}

export type IdlePhase = 'stopped' | 'counting' | 'warning';

export function createIdleTimer(options: IdleTimerOptions) {
  let phase: IdlePhase = 'stopped';
  let deadline = 0;
  let warnAt = 0;
  let handle: unknown = null;
  let lastAnnounced: number | null = null;

  function clear() {
    if (handle !== null) options.clearTimeout(handle);
    handle = null;
  }

  function wake(delayMs: number) {
    clear();
    handle = options.setTimeout(check, Math.max(0, delayMs));
  }

  function check() {
    handle = null;
    if (phase === 'stopped') return;
    const now = options.now();
    const left = deadline - now;
    if (left <= 0) {
      phase = 'stopped';
      lastAnnounced = null;
      options.onExpire();
      return;
    }
    if (now < warnAt) {
      wake(warnAt - now);
      return;
    }
    phase = 'warning';
    const secondsLeft = Math.ceil(left / 1000);
    if (secondsLeft !== lastAnnounced) {
      lastAnnounced = secondsLeft;
      options.onWarning(secondsLeft);
    }
    // Next whole second of the countdown (or the deadline itself).
    wake(left - (secondsLeft - 1) * 1000);
  }

  function arm() {
    const { idleMs, warningMs } = options.durations();
    const now = options.now();
    deadline = now + idleMs;
    warnAt = deadline - Math.min(warningMs, idleMs);
    lastAnnounced = null;
    phase = 'counting';
    wake(warnAt - now);
  }

  return {
    /** A tenant session opened. */
    start: arm,
    /** The session ended (any way): nothing more to count. */
    stop() {
      clear();
      phase = 'stopped';
      lastAnnounced = null;
    },
    /** Someone is at the terminal: start the count again (and close a warning). */
    activity() {
      if (phase === 'stopped') return;
      const wasWarning = phase === 'warning';
      arm();
      if (wasWarning) options.onCancel?.();
    },
    phase: (): IdlePhase => phase,
  };
}

export type IdleTimer = ReturnType<typeof createIdleTimer>;
