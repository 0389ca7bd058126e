/**
 * Runs the update policy over time: wakes up every minute (wall clock, so a PC that slept for a
 * night checks when it wakes), starts checks when due, folds the updater's events into the state,
 * and installs when the policy says so. Clock, timer and updater are injected: the adapter
 * (src-main/app/updater.ts) passes electron-updater and real timers, the tests a fake clock.
 */
import {
  INITIAL_UPDATE_STATE,
  TICK_MS,
  checkDue,
  decideInstall,
  installOnQuit,
  reduceUpdate,
  updateView,
  type Activity,
  type Availability,
  type UpdateState,
  type UpdateView,
  type UpdaterEvent,
} from './policy';

/** The part of electron-updater the controller drives. */
export interface UpdaterPort {
  /** Starts a check; with autoDownload on, an available update downloads in the background. */
  check(): Promise<unknown>;
  /** Quits the app and installs (electron-updater's quitAndInstall(isSilent, isForceRunAfter)). */
  quitAndInstall(silent: boolean): void;
  setInstallOnQuit(value: boolean): void;
}

export interface TimerPort {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface UpdateControllerOptions {
  availability: Availability;
  updater: UpdaterPort;
  activity: () => Activity;
  now: () => number;
  timers: TimerPort;
  onChange?: (view: UpdateView) => void;
  log?: (message: string) => void;
  /** For tests: start from a given state. */
  initialState?: UpdateState;
}

export function createUpdateController(options: UpdateControllerOptions) {
  const { availability, updater, activity, now, timers } = options;
  const log = options.log ?? (() => {});
  let state = options.initialState ?? INITIAL_UPDATE_STATE;
  let startedAt = now();
  let handle: unknown = null;
  let installing = false;
  let lastViewJson = '';

  function publish() {
    const view = updateView(availability, state, activity());
    const json = JSON.stringify(view);
    if (json === lastViewJson) return;
    lastViewJson = json;
    options.onChange?.(view);
  }

  function evaluate() {
    if (!availability.enabled || installing) return;
    const current = activity();
    updater.setInstallOnQuit(installOnQuit(state, current));
    const decision = decideInstall(state, current);
    if (decision.action === 'install') {
      installing = true;
      log(`update ${state.version ?? ''}: installing${decision.silent ? ' (silent)' : ''}`);
      updater.quitAndInstall(decision.silent);
    }
    publish();
  }

  function check() {
    if (!availability.enabled) return;
    // The 'checking' event also arrives from electron-updater; recording it here keeps a failed
    // call (rejected before any event) from being retried on every tick.
    state = reduceUpdate(state, { type: 'checking' }, now());
    updater.check().then(
      () => {
        // Resolved without any event (electron-updater returns null when it decides not to look):
        // do not stay "checking" forever.
        if (state.phase === 'checking') handleEvent({ type: 'notAvailable' });
      },
      (error: unknown) => {
        handleEvent({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      },
    );
  }

  function tick() {
    if (checkDue(state, now(), startedAt)) check();
    evaluate();
  }

  function handleEvent(event: UpdaterEvent) {
    const next = reduceUpdate(state, event, now());
    if (event.type === 'error') log(`update check failed: ${event.message}`);
    if (next === state) return;
    state = next;
    evaluate();
  }

  return {
    /** Starts the schedule (first check START_DELAY_MS after this call). No-op when disabled. */
    start() {
      if (!availability.enabled) {
        log(`updates disabled (${availability.reason})`);
        publish();
        return;
      }
      if (handle !== null) return;
      startedAt = now();
      handle = timers.setInterval(tick, TICK_MS);
      publish();
    },
    stop() {
      if (handle !== null) timers.clearInterval(handle);
      handle = null;
    },
    /** Feed electron-updater's events here. */
    handleEvent,
    /** Call when the activity changed (form saved, outbox drained, session ended) to act at once. */
    reevaluate: evaluate,
    /** "Redémarrer pour mettre à jour": restarts now, or as soon as nothing blocks. */
    restartNow() {
      handleEvent({ type: 'restartRequested' });
    },
    tick,
    view: () => updateView(availability, state, activity()),
    state: () => state,
  };
}

export type UpdateController = ReturnType<typeof createUpdateController>;
