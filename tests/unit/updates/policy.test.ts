import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  ERROR_RETRY_MS,
  INITIAL_UPDATE_STATE,
  START_DELAY_MS,
  checkDue,
  decideInstall,
  installOnQuit,
  nextCheckAt,
  reduceUpdate,
  updateView,
  updatesAvailability,
  type Activity,
  type UpdateState,
} from '../../../src-main/updates/policy';

const FEED = 'https://maj.example-bailleur.fr/espace-locataire/';
const idle: Activity = { kiosk: false, sessionOpen: true, dirtyForm: false, pendingOutbox: 0 };
const downloaded: UpdateState = { ...INITIAL_UPDATE_STATE, phase: 'downloaded', version: '1.2.0', percent: 100, lastCheckAt: 0 };

describe('updatesAvailability', () => {
  it('is off in development, whatever else is set', () => {
    expect(updatesAvailability({ packaged: false, env: {}, feedUrl: FEED })).toEqual({ enabled: false, reason: 'development' });
  });

  it('is off in tests: PORTAL_DISABLE_UPDATES=1 or CI', () => {
    expect(updatesAvailability({ packaged: true, env: { PORTAL_DISABLE_UPDATES: '1' }, feedUrl: FEED })).toEqual({ enabled: false, reason: 'tests' });
    expect(updatesAvailability({ packaged: true, env: { CI: 'true' }, feedUrl: FEED })).toEqual({ enabled: false, reason: 'tests' });
    expect(updatesAvailability({ packaged: true, env: { CI: '1' }, feedUrl: FEED })).toEqual({ enabled: false, reason: 'tests' });
  });

  it('ignores flags set to an empty string, 0 or false', () => {
    for (const value of ['', '0', 'false', 'FALSE']) {
      expect(updatesAvailability({ packaged: true, env: { CI: value, PORTAL_DISABLE_UPDATES: value }, feedUrl: FEED }).enabled).toBe(true);
    }
  });

  it('is off without a feed URL (or with one that is not http/https)', () => {
    expect(updatesAvailability({ packaged: true, env: {}, feedUrl: null })).toEqual({ enabled: false, reason: 'noFeed' });
    expect(updatesAvailability({ packaged: true, env: {}, feedUrl: '' })).toEqual({ enabled: false, reason: 'noFeed' });
    expect(updatesAvailability({ packaged: true, env: {}, feedUrl: 'file:///tmp/feed' })).toEqual({ enabled: false, reason: 'noFeed' });
  });

  it('is on in a packaged build with a feed', () => {
    expect(updatesAvailability({ packaged: true, env: {}, feedUrl: FEED })).toEqual({ enabled: true, feedUrl: FEED });
  });
});

describe('when to check', () => {
  const start = 1_000_000;

  it('checks shortly after start, then every 6 hours', () => {
    expect(nextCheckAt(INITIAL_UPDATE_STATE, start)).toBe(start + START_DELAY_MS);
    expect(checkDue(INITIAL_UPDATE_STATE, start + START_DELAY_MS - 1, start)).toBe(false);
    expect(checkDue(INITIAL_UPDATE_STATE, start + START_DELAY_MS, start)).toBe(true);

    const checkedAt = start + START_DELAY_MS;
    const upToDate = reduceUpdate(reduceUpdate(INITIAL_UPDATE_STATE, { type: 'checking' }, checkedAt), { type: 'notAvailable' }, checkedAt + 500);
    expect(upToDate.phase).toBe('idle');
    expect(nextCheckAt(upToDate, start)).toBe(checkedAt + CHECK_INTERVAL_MS);
    expect(checkDue(upToDate, checkedAt + CHECK_INTERVAL_MS - 1, start)).toBe(false);
    expect(checkDue(upToDate, checkedAt + CHECK_INTERVAL_MS, start)).toBe(true);
  });

  it('retries after 30 minutes when a check failed (a PC started offline)', () => {
    const failed = reduceUpdate(reduceUpdate(INITIAL_UPDATE_STATE, { type: 'checking' }, start), { type: 'error', message: 'net::ERR_INTERNET_DISCONNECTED' }, start + 10);
    expect(failed.phase).toBe('error');
    expect(nextCheckAt(failed, start)).toBe(start + ERROR_RETRY_MS);
    const recovered = reduceUpdate(reduceUpdate(failed, { type: 'checking' }, start + ERROR_RETRY_MS), { type: 'notAvailable' }, start + ERROR_RETRY_MS);
    expect(nextCheckAt(recovered, start)).toBe(start + ERROR_RETRY_MS + CHECK_INTERVAL_MS);
  });

  it('does not check while checking, downloading, or with an update ready', () => {
    for (const phase of ['checking', 'downloading', 'downloaded'] as const) {
      const state: UpdateState = { ...INITIAL_UPDATE_STATE, phase, lastCheckAt: 0 };
      expect(nextCheckAt(state, 0)).toBeNull();
      expect(checkDue(state, 10 * CHECK_INTERVAL_MS, 0)).toBe(false);
    }
  });
});

describe('download state', () => {
  it('follows available -> progress -> downloaded', () => {
    let state = reduceUpdate(INITIAL_UPDATE_STATE, { type: 'checking' }, 5);
    state = reduceUpdate(state, { type: 'available', version: '1.2.0' }, 6);
    expect(state).toMatchObject({ phase: 'downloading', version: '1.2.0', percent: 0 });
    state = reduceUpdate(state, { type: 'progress', percent: 42.4242 }, 7);
    expect(state.percent).toBe(42.4);
    state = reduceUpdate(state, { type: 'progress', percent: 180 }, 8);
    expect(state.percent).toBe(100);
    state = reduceUpdate(state, { type: 'downloaded', version: '1.2.0' }, 9);
    expect(state).toMatchObject({ phase: 'downloaded', version: '1.2.0', percent: 100 });
  });

  it('keeps a downloaded update through a later failed check or a new checking event', () => {
    expect(reduceUpdate(downloaded, { type: 'checking' }, 1)).toBe(downloaded);
    const afterError = reduceUpdate(downloaded, { type: 'error', message: 'timeout' }, 2);
    expect(afterError.phase).toBe('downloaded');
    expect(afterError.error).toBe('timeout');
  });

  it('ignores a restart request when nothing is downloaded, and progress outside a download', () => {
    expect(reduceUpdate(INITIAL_UPDATE_STATE, { type: 'restartRequested' }, 1)).toBe(INITIAL_UPDATE_STATE);
    expect(reduceUpdate(INITIAL_UPDATE_STATE, { type: 'progress', percent: 50 }, 1)).toBe(INITIAL_UPDATE_STATE);
  });
});

describe('when to install', () => {
  it('does nothing before an update is downloaded', () => {
    for (const phase of ['idle', 'checking', 'downloading', 'error'] as const) {
      expect(decideInstall({ ...INITIAL_UPDATE_STATE, phase }, idle)).toEqual({ action: 'none' });
    }
  });

  it('offers "Redémarrer pour mettre à jour", and restarts only when asked', () => {
    expect(decideInstall(downloaded, idle)).toEqual({ action: 'offer' });
    const asked = reduceUpdate(downloaded, { type: 'restartRequested' }, 1);
    expect(decideInstall(asked, idle)).toEqual({ action: 'install', silent: false });
  });

  it('never restarts under an open form or with unsent items, even when asked: it waits', () => {
    const asked = reduceUpdate(downloaded, { type: 'restartRequested' }, 1);
    expect(decideInstall(asked, { ...idle, dirtyForm: true })).toEqual({ action: 'wait', blockers: ['dirtyForm'] });
    expect(decideInstall(asked, { ...idle, pendingOutbox: 2 })).toEqual({ action: 'wait', blockers: ['unsentItems'] });
    expect(decideInstall(asked, { ...idle, dirtyForm: true, pendingOutbox: 1 })).toEqual({ action: 'wait', blockers: ['dirtyForm', 'unsentItems'] });
    // Once the form is saved and the outbox drained, the restart the tenant asked for happens.
    expect(decideInstall(asked, idle)).toEqual({ action: 'install', silent: false });
  });

  it('kiosk: installs by itself, silently, only when no tenant session is open', () => {
    const kioskInUse: Activity = { kiosk: true, sessionOpen: true, dirtyForm: false, pendingOutbox: 0 };
    expect(decideInstall(downloaded, kioskInUse)).toEqual({ action: 'wait', blockers: ['kioskSessionOpen'] });
    expect(decideInstall(downloaded, { ...kioskInUse, sessionOpen: false })).toEqual({ action: 'install', silent: true });
    // Back at the sign-in screen but an item is still unsent (sent from the lodge, offline): wait.
    expect(decideInstall(downloaded, { ...kioskInUse, sessionOpen: false, pendingOutbox: 1 })).toEqual({ action: 'wait', blockers: ['unsentItems'] });
  });

  it('installs on quit unless items are unsent or a kiosk session is open (a form left open does not block a quit)', () => {
    expect(installOnQuit(INITIAL_UPDATE_STATE, idle)).toBe(false);
    expect(installOnQuit(downloaded, idle)).toBe(true);
    expect(installOnQuit(downloaded, { ...idle, dirtyForm: true })).toBe(true);
    expect(installOnQuit(downloaded, { ...idle, pendingOutbox: 3 })).toBe(false);
    expect(installOnQuit(downloaded, { kiosk: true, sessionOpen: true, dirtyForm: false, pendingOutbox: 0 })).toBe(false);
    expect(installOnQuit(downloaded, { kiosk: true, sessionOpen: false, dirtyForm: false, pendingOutbox: 0 })).toBe(true);
  });
});

describe('updateView (what the renderer shows)', () => {
  const on = { enabled: true as const, feedUrl: FEED };

  it('is "disabled" when updates are off', () => {
    expect(updateView({ enabled: false, reason: 'development' }, downloaded, idle)).toMatchObject({ status: 'disabled', canRestart: false, version: null });
  });

  it('shows progress, then the restart action, then why it waits', () => {
    expect(updateView(on, { ...INITIAL_UPDATE_STATE, phase: 'downloading', version: '1.2.0', percent: 30 }, idle)).toMatchObject({ status: 'downloading', percent: 30, canRestart: false });
    expect(updateView(on, downloaded, idle)).toMatchObject({ status: 'ready', version: '1.2.0', canRestart: true, blockers: [] });
    expect(updateView(on, downloaded, { ...idle, pendingOutbox: 1 })).toMatchObject({ status: 'waiting', canRestart: true, blockers: ['unsentItems'] });
  });

  it('never offers the restart action in kiosk mode (the terminal updates itself)', () => {
    expect(updateView(on, downloaded, { kiosk: true, sessionOpen: true, dirtyForm: false, pendingOutbox: 0 })).toMatchObject({ status: 'waiting', canRestart: false });
  });
});
