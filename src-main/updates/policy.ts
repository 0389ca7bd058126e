/**
 * When to look for an update, and when installing one is allowed. Pure functions over plain data
 * and a clock value (no Electron, no timers), so every rule is tested under Node
 * (tests/unit/updates). The Electron side is src-main/app/updater.ts; the timing and the state
 * changes are in ./controller.ts.
 *
 * The rules (issue 9):
 * - updates are off in development (not packaged), in tests (PORTAL_DISABLE_UPDATES=1 or CI) and
 *   when the build has no feed URL;
 * - look at start and every 6 hours (30 minutes after a failed check: a PC started offline should
 *   not wait 6 hours);
 * - once downloaded, never restart while a form is being edited or items wait in the outbox: wait
 *   and look again;
 * - in kiosk mode (lodge PC) install only when no tenant session is open, without asking;
 * - elsewhere, offer "Redémarrer pour mettre à jour" and restart only when the tenant asks.
 */

export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
export const ERROR_RETRY_MS = 30 * 60 * 1000;
/** First check after start: off the critical path of the first paint and the first sync. */
export const START_DELAY_MS = 10 * 1000;
/** How often the controller wakes up to re-evaluate (wall clock, so sleep/resume is handled). */
export const TICK_MS = 60 * 1000;

export type DisabledReason = 'development' | 'tests' | 'noFeed';

export type Availability = { enabled: true; feedUrl: string } | { enabled: false; reason: DisabledReason };

function flagSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Whether this run of the app updates itself at all. */
export function updatesAvailability(input: {
  packaged: boolean;
  env: Record<string, string | undefined>;
  /** The generic provider's URL baked into the build (app-update.yml), or null. */
  feedUrl: string | null;
}): Availability {
  if (!input.packaged) return { enabled: false, reason: 'development' };
  if (flagSet(input.env.PORTAL_DISABLE_UPDATES) || flagSet(input.env.CI)) return { enabled: false, reason: 'tests' };
  if (!input.feedUrl || !/^https?:\/\//i.test(input.feedUrl)) return { enabled: false, reason: 'noFeed' };
  return { enabled: true, feedUrl: input.feedUrl };
}

export type UpdatePhase = 'idle' | 'checking' | 'downloading' | 'downloaded' | 'error';

export interface UpdateState {
  phase: UpdatePhase;
  /** Version being downloaded or ready to install. */
  version: string | null;
  /** Download progress, 0 to 100, while downloading. */
  percent: number | null;
  /** Clock value (ms) when the last check started, or null before the first. */
  lastCheckAt: number | null;
  /** Whether the last finished check failed (shortens the wait before the next one). */
  lastCheckFailed: boolean;
  error: string | null;
  /** The tenant asked for "Redémarrer pour mettre à jour"; honoured as soon as nothing blocks. */
  restartRequested: boolean;
}

export const INITIAL_UPDATE_STATE: UpdateState = {
  phase: 'idle',
  version: null,
  percent: null,
  lastCheckAt: null,
  lastCheckFailed: false,
  error: null,
  restartRequested: false,
};

/** What the app is doing, as far as installing an update is concerned. */
export interface Activity {
  kiosk: boolean;
  /** A tenant is signed in (in kiosk mode: someone is at the terminal, not the sign-in screen). */
  sessionOpen: boolean;
  /** A form has unsaved input. */
  dirtyForm: boolean;
  /** Items in the outbox not yet accepted by the server. */
  pendingOutbox: number;
}

export type InstallBlocker = 'dirtyForm' | 'unsentItems' | 'kioskSessionOpen';

export type InstallDecision =
  | { action: 'none' }
  /** Downloaded, but something is in progress: look again later. */
  | { action: 'wait'; blockers: InstallBlocker[] }
  /** Downloaded and nothing blocks: show "Redémarrer pour mettre à jour". */
  | { action: 'offer' }
  /** Quit and install now (silent in kiosk mode, and the app starts again). */
  | { action: 'install'; silent: boolean };

export function installBlockers(activity: Activity): InstallBlocker[] {
  const blockers: InstallBlocker[] = [];
  if (activity.kiosk && activity.sessionOpen) blockers.push('kioskSessionOpen');
  if (activity.dirtyForm) blockers.push('dirtyForm');
  if (activity.pendingOutbox > 0) blockers.push('unsentItems');
  return blockers;
}

export function decideInstall(state: UpdateState, activity: Activity): InstallDecision {
  if (state.phase !== 'downloaded') return { action: 'none' };
  const blockers = installBlockers(activity);
  if (blockers.length > 0) return { action: 'wait', blockers };
  // The lodge PC updates itself between two tenants; a tenant's own PC asks first.
  if (activity.kiosk) return { action: 'install', silent: true };
  return state.restartRequested ? { action: 'install', silent: false } : { action: 'offer' };
}

/**
 * electron-updater's autoInstallOnAppQuit: installing when the tenant quits is not a restart under
 * their feet (a form they leave is theirs to leave), but items still in the outbox or a kiosk
 * session in progress keep the current version until the next quit.
 */
export function installOnQuit(state: UpdateState, activity: Activity): boolean {
  if (state.phase !== 'downloaded') return false;
  return installBlockers({ ...activity, dirtyForm: false }).length === 0;
}

/** Clock value (ms) at which the next check is due, or null when none is (busy or downloaded). */
export function nextCheckAt(state: UpdateState, startedAt: number): number | null {
  if (state.phase === 'checking' || state.phase === 'downloading' || state.phase === 'downloaded') return null;
  if (state.lastCheckAt === null) return startedAt + START_DELAY_MS;
  return state.lastCheckAt + (state.lastCheckFailed ? ERROR_RETRY_MS : CHECK_INTERVAL_MS);
}

export function checkDue(state: UpdateState, now: number, startedAt: number): boolean {
  const due = nextCheckAt(state, startedAt);
  return due !== null && now >= due;
}

/** What electron-updater reported, in the adapter's words. */
export type UpdaterEvent =
  | { type: 'checking' }
  | { type: 'available'; version: string }
  | { type: 'notAvailable' }
  | { type: 'progress'; percent: number }
  | { type: 'downloaded'; version: string }
  | { type: 'error'; message: string }
  | { type: 'restartRequested' };

export function reduceUpdate(state: UpdateState, event: UpdaterEvent, now: number): UpdateState {
  switch (event.type) {
    case 'checking':
      // A check while an update is ready changes nothing: it stays ready.
      if (state.phase === 'downloaded') return state;
      return { ...state, phase: 'checking', lastCheckAt: now, error: null };
    case 'available':
      return { ...state, phase: 'downloading', version: event.version, percent: 0, lastCheckFailed: false, error: null };
    case 'notAvailable':
      return { ...state, phase: 'idle', version: null, percent: null, lastCheckFailed: false, error: null };
    case 'progress':
      if (state.phase !== 'downloading') return state;
      return { ...state, percent: Math.max(0, Math.min(100, Math.round(event.percent * 10) / 10)) };
    case 'downloaded':
      return { ...state, phase: 'downloaded', version: event.version, percent: 100, lastCheckFailed: false, error: null };
    case 'error':
      // A failed background check must not hide an update that is already downloaded.
      if (state.phase === 'downloaded') return { ...state, error: event.message };
      return { ...state, phase: 'error', percent: null, lastCheckFailed: true, error: event.message, lastCheckAt: state.lastCheckAt ?? now };
    case 'restartRequested':
      return state.phase === 'downloaded' ? { ...state, restartRequested: true } : state;
  }
}

/**
 * What the renderer would show (the payload of the 'update.state' event the bridge will carry):
 * a progress while downloading, "Redémarrer pour mettre à jour" when ready, and why it waits.
 */
export interface UpdateView {
  status: 'disabled' | 'idle' | 'checking' | 'downloading' | 'ready' | 'waiting' | 'error';
  version: string | null;
  percent: number | null;
  /** Show the "Redémarrer pour mettre à jour" action. */
  canRestart: boolean;
  restartRequested: boolean;
  blockers: InstallBlocker[];
}

export function updateView(availability: Availability, state: UpdateState, activity: Activity): UpdateView {
  const base = { version: state.version, percent: state.percent, canRestart: false, restartRequested: state.restartRequested, blockers: [] as InstallBlocker[] };
  if (!availability.enabled) return { ...base, status: 'disabled', version: null, percent: null };
  const decision = decideInstall(state, activity);
  switch (state.phase) {
    case 'downloaded':
      if (decision.action === 'wait') return { ...base, status: 'waiting', blockers: decision.blockers, canRestart: !activity.kiosk };
      return { ...base, status: 'ready', canRestart: !activity.kiosk };
    case 'checking':
    case 'downloading':
    case 'idle':
    case 'error':
      return { ...base, status: state.phase };
  }
}
