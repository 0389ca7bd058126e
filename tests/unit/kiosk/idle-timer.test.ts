import { describe, expect, it } from 'vitest';
import { createIdleTimer } from '../../../src-main/kiosk/idle-timer';

/** A hand-driven clock with timers: advance(ms) fires what falls due, in order. */
function fakeClock() {
  let now = 1_000_000;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout: (callback: () => void, ms: number) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].callback();
      }
      now = end;
    },
    /** The PC slept: the clock jumps, then the late timers fire at once. */
    sleep(ms: number) {
      now += ms;
      this.advance(0);
    },
    pending: () => timers.size,
  };
}

function setup(idleSeconds = 120, warningSeconds = 30) {
  const clock = fakeClock();
  const warnings: number[] = [];
  let expired = 0;
  let cancelled = 0;
  const timer = createIdleTimer({
    ...clock,
    durations: () => ({ idleMs: idleSeconds * 1000, warningMs: warningSeconds * 1000 }),
    onWarning: (secondsLeft) => warnings.push(secondsLeft),
    onCancel: () => (cancelled += 1),
    onExpire: () => (expired += 1),
  });
  return { clock, timer, warnings, expired: () => expired, cancelled: () => cancelled };
}

describe('kiosk idle timer', () => {
  it('says nothing before the warning time, then counts down each second from 30 and expires at zero', () => {
    const { clock, timer, warnings, expired } = setup();
    timer.start();
    clock.advance(89_999);
    expect(warnings).toEqual([]);
    expect(timer.phase()).toBe('counting');
    clock.advance(1);
    expect(warnings).toEqual([30]);
    expect(timer.phase()).toBe('warning');
    clock.advance(29_000);
    expect(warnings).toEqual(Array.from({ length: 30 }, (_, index) => 30 - index));
    expect(expired()).toBe(0);
    clock.advance(1_000);
    expect(expired()).toBe(1);
    expect(timer.phase()).toBe('stopped');
    expect(clock.pending()).toBe(0);
  });

  it('activity before the warning pushes the deadline back', () => {
    const { clock, timer, warnings, expired } = setup();
    timer.start();
    clock.advance(80_000);
    timer.activity();
    clock.advance(80_000);
    expect(warnings).toEqual([]);
    clock.advance(10_000);
    expect(warnings).toEqual([30]);
    clock.advance(30_000);
    expect(expired()).toBe(1);
  });

  it('"Continuer ma session" during the warning cancels it and starts the full count again', () => {
    const { clock, timer, warnings, expired, cancelled } = setup();
    timer.start();
    clock.advance(100_000);
    expect(warnings.at(-1)).toBe(20);
    timer.activity();
    expect(cancelled()).toBe(1);
    expect(timer.phase()).toBe('counting');
    warnings.length = 0;
    clock.advance(89_000);
    expect(warnings).toEqual([]);
    clock.advance(1_000);
    expect(warnings).toEqual([30]);
    clock.advance(30_000);
    expect(expired()).toBe(1);
  });

  it('stop (sign-out) ends everything: no warning, no expiry, no timer left', () => {
    const { clock, timer, warnings, expired } = setup();
    timer.start();
    clock.advance(95_000);
    timer.stop();
    clock.advance(600_000);
    expect(warnings).toEqual([30, 29, 28, 27, 26, 25]);
    expect(expired()).toBe(0);
    expect(clock.pending()).toBe(0);
    timer.activity();
    expect(timer.phase()).toBe('stopped');
  });

  it('a late timer (PC asleep) cannot stretch the session: it expires at the first wake-up past the deadline', () => {
    const { clock, timer, warnings, expired } = setup();
    timer.start();
    clock.advance(60_000);
    clock.sleep(500_000);
    expect(expired()).toBe(1);
    expect(warnings).toEqual([]);
  });

  it('short times (warning longer than the idle time) still warn and expire', () => {
    const { clock, timer, warnings, expired } = setup(5, 30);
    timer.start();
    expect(warnings).toEqual([]);
    clock.advance(0);
    expect(warnings).toEqual([5]);
    clock.advance(5_000);
    expect(expired()).toBe(1);
  });
});
