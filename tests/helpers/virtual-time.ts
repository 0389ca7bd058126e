/**
 * Virtual time for main-process tests: one clock shared by the Portal API server, the desktop
 * core and the kiosk's inactivity timer, that a test moves forward by hours or days at once
 * ("idle for 8 hours", "the PC slept over the weekend"). The clock starts at a pinned instant and
 * also runs at the wall clock's speed, so real network timeouts and polling still behave.
 * Timers handed out through `timers` fire when the virtual clock passes their deadline.
 */
import { startingClock, type Clock } from '../../src-shared/clock';
import type { IdleTimerPorts } from '../../src-main/kiosk/idle-timer';

interface VirtualTimer {
  id: number;
  at: number;
  callback: () => void;
}

export function virtualTime(startIso: string) {
  const { clock, advance } = startingClock(startIso);
  let timers: VirtualTimer[] = [];
  let nextId = 1;

  function runDue() {
    for (;;) {
      const now = clock().getTime();
      const due = timers.filter((timer) => timer.at <= now).sort((a, b) => a.at - b.at)[0];
      if (!due) return;
      timers = timers.filter((timer) => timer !== due);
      due.callback();
    }
  }

  const ports: IdleTimerPorts = {
    now: () => clock().getTime(),
    setTimeout: (callback, ms) => {
      const timer = { id: nextId++, at: clock().getTime() + ms, callback };
      timers.push(timer);
      return timer.id;
    },
    clearTimeout: (handle) => {
      timers = timers.filter((timer) => timer.id !== handle);
    },
  };

  return {
    clock: clock as Clock,
    /** Timers (the kiosk's inactivity timer ports) that follow this clock. */
    timers: ports,
    /** Timers waiting to fire (a signed-in home session must have none). */
    pendingTimers: () => timers.length,
    /** Jumps forward, firing every timer that falls due, in deadline order. */
    advance(ms: number) {
      advance(ms);
      runDue();
    },
  };
}

export const HOUR = 60 * 60_000;
export const DAY = 24 * HOUR;
