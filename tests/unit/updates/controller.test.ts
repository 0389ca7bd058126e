import { describe, expect, it } from 'vitest';
import { createUpdateController, type UpdaterPort } from '../../../src-main/updates/controller';
import { CHECK_INTERVAL_MS, ERROR_RETRY_MS, START_DELAY_MS, TICK_MS, type Activity, type Availability, type UpdateView } from '../../../src-main/updates/policy';

/** A clock and an interval timer that only move when the test says so. */
function fakeClock(start = Date.UTC(2026, 0, 15, 8, 0, 0)) {
  let now = start;
  const timers = new Map<number, { callback: () => void; every: number; next: number }>();
  let nextId = 1;
  return {
    now: () => now,
    timers: {
      setInterval(callback: () => void, every: number) {
        const id = nextId++;
        timers.set(id, { callback, every, next: now + every });
        return id;
      },
      clearInterval(handle: unknown) {
        timers.delete(handle as number);
      },
    },
    /** Moves time forward, firing intervals in order. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.values()].filter((timer) => timer.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.every;
        due.callback();
        await Promise.resolve();
      }
      now = end;
      await Promise.resolve();
    },
    /** Simulates a sleeping PC: the clock jumps, no timer fires in between. */
    jump(ms: number) {
      now += ms;
      for (const timer of timers.values()) timer.next = now + timer.every;
    },
    active: () => timers.size,
  };
}

function fakeUpdater() {
  const calls = { checks: 0, installs: [] as boolean[], installOnQuit: [] as boolean[] };
  let result: () => Promise<unknown> = () => Promise.resolve({});
  const port: UpdaterPort = {
    check: () => {
      calls.checks += 1;
      return result();
    },
    quitAndInstall: (silent) => calls.installs.push(silent),
    setInstallOnQuit: (value) => calls.installOnQuit.push(value),
  };
  return { port, calls, failNextWith: (message: string) => (result = () => Promise.reject(new Error(message))), succeed: () => (result = () => Promise.resolve({})) };
}

const enabled: Availability = { enabled: true, feedUrl: 'https://maj.example-bailleur.fr/el/' };

function setup(options: { availability?: Availability; activity?: Partial<Activity> } = {}) {
  const clock = fakeClock();
  const updater = fakeUpdater();
  const activity: Activity = { kiosk: false, sessionOpen: true, dirtyForm: false, pendingOutbox: 0, ...options.activity };
  const views: UpdateView[] = [];
  const logs: string[] = [];
  const controller = createUpdateController({
    availability: options.availability ?? enabled,
    updater: updater.port,
    activity: () => activity,
    now: clock.now,
    timers: clock.timers,
    onChange: (view) => views.push(view),
    log: (line) => logs.push(line),
  });
  return { clock, updater, activity, views, logs, controller };
}

describe('update controller', () => {
  it('does nothing at all when updates are disabled (no timer, no check)', async () => {
    const { clock, updater, controller, views, logs } = setup({ availability: { enabled: false, reason: 'tests' } });
    controller.start();
    await clock.advance(CHECK_INTERVAL_MS * 2);
    expect(updater.calls.checks).toBe(0);
    expect(clock.active()).toBe(0);
    expect(views.at(-1)?.status).toBe('disabled');
    expect(logs).toEqual(['updates disabled (tests)']);
  });

  it('checks after start, then every 6 hours, including after the PC slept', async () => {
    const { clock, updater, controller } = setup();
    controller.start();
    await clock.advance(START_DELAY_MS - 1);
    expect(updater.calls.checks).toBe(0);
    await clock.advance(TICK_MS);
    expect(updater.calls.checks).toBe(1);
    controller.handleEvent({ type: 'notAvailable' });

    await clock.advance(CHECK_INTERVAL_MS - 2 * TICK_MS);
    expect(updater.calls.checks).toBe(1);
    await clock.advance(2 * TICK_MS);
    expect(updater.calls.checks).toBe(2);

    // A night asleep: the next minute's tick after waking checks at once.
    clock.jump(14 * 60 * 60 * 1000);
    await clock.advance(TICK_MS);
    expect(updater.calls.checks).toBe(3);
  });

  it('retries 30 minutes after a failed check, not 6 hours', async () => {
    const { clock, updater, controller, logs } = setup();
    updater.failNextWith('getaddrinfo ENOTFOUND maj.example-bailleur.fr');
    controller.start();
    await clock.advance(START_DELAY_MS + TICK_MS);
    expect(updater.calls.checks).toBe(1);
    expect(controller.state().phase).toBe('error');
    expect(logs.some((line) => line.includes('ENOTFOUND'))).toBe(true);
    updater.succeed();
    await clock.advance(ERROR_RETRY_MS);
    expect(updater.calls.checks).toBe(2);
  });

  it('does not stay "checking" when the updater resolves without an event', async () => {
    const { clock, controller } = setup();
    controller.start();
    await clock.advance(START_DELAY_MS + TICK_MS);
    expect(controller.state().phase).toBe('idle');
  });

  it('downloads with progress, offers the restart, and restarts when the tenant asks', async () => {
    const { clock, updater, controller, views } = setup();
    controller.start();
    await clock.advance(START_DELAY_MS + TICK_MS);
    controller.handleEvent({ type: 'available', version: '1.3.0' });
    controller.handleEvent({ type: 'progress', percent: 55 });
    expect(views.at(-1)).toMatchObject({ status: 'downloading', percent: 55 });
    controller.handleEvent({ type: 'downloaded', version: '1.3.0' });
    expect(views.at(-1)).toMatchObject({ status: 'ready', version: '1.3.0', canRestart: true });
    expect(updater.calls.installs).toEqual([]);
    expect(updater.calls.installOnQuit.at(-1)).toBe(true);

    // No further checks while an update waits to be installed.
    await clock.advance(2 * CHECK_INTERVAL_MS);
    expect(updater.calls.checks).toBe(1);
    expect(updater.calls.installs).toEqual([]);

    controller.restartNow();
    expect(updater.calls.installs).toEqual([false]);
  });

  it('waits under an open form or unsent items, then restarts once they are gone', async () => {
    const { clock, updater, controller, activity, views } = setup({ activity: { dirtyForm: true, pendingOutbox: 2 } });
    controller.start();
    controller.handleEvent({ type: 'downloaded', version: '1.3.0' });
    controller.restartNow();
    expect(updater.calls.installs).toEqual([]);
    expect(views.at(-1)).toMatchObject({ status: 'waiting', blockers: ['dirtyForm', 'unsentItems'], restartRequested: true });
    expect(updater.calls.installOnQuit.at(-1)).toBe(false);

    activity.dirtyForm = false;
    await clock.advance(TICK_MS);
    expect(updater.calls.installs).toEqual([]);

    activity.pendingOutbox = 0;
    await clock.advance(TICK_MS);
    expect(updater.calls.installs).toEqual([false]);
  });

  it('kiosk: waits while a tenant is signed in, installs silently at the sign-in screen', async () => {
    const { clock, updater, controller, activity } = setup({ activity: { kiosk: true, sessionOpen: true } });
    controller.start();
    controller.handleEvent({ type: 'downloaded', version: '1.3.0' });
    await clock.advance(10 * TICK_MS);
    expect(updater.calls.installs).toEqual([]);
    expect(updater.calls.installOnQuit.at(-1)).toBe(false);

    activity.sessionOpen = false;
    controller.reevaluate();
    expect(updater.calls.installs).toEqual([true]);
    // Installing happens once, even if more ticks arrive before the app quits.
    await clock.advance(5 * TICK_MS);
    expect(updater.calls.installs).toEqual([true]);
  });

  it('stop() clears its timer', () => {
    const { clock, controller } = setup();
    controller.start();
    expect(clock.active()).toBe(1);
    controller.stop();
    expect(clock.active()).toBe(0);
  });
});
