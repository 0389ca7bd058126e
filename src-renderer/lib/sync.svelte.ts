/** The last `sync.state` event; null until main sends one (the header then shows nothing). */
import type { EventPayload } from '../../src-shared/bridge';
import { call, portal } from './bridge';

let last = $state<EventPayload<'sync.state'> | null>(null);

export const sync = {
  get state() {
    return last;
  },
};

portal.on('sync.state', (payload) => {
  last = payload;
});

/**
 * After a reload the page asks main where sync stands, rather than showing nothing until the
 * next attempt (which, offline, can be minutes away with the backoff).
 */
export async function loadSyncState(): Promise<void> {
  try {
    const current = await call('sync.get');
    // An event that arrived meanwhile is newer than this answer.
    last ??= current;
  } catch {
    // Signed out: nothing to show.
  }
}

/** At most one "the tenant is back" sync per this many ms (focus and visibility fire in bursts). */
const RETURN_SYNC_THROTTLE_MS = 30_000;
let lastReturnSync = Number.NEGATIVE_INFINITY;

// The tenant comes back to the window (after following an email confirmation link in their mail
// program, say): sync now, so what changed on the server shows at once.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || last === null) return;
  if (performance.now() - lastReturnSync < RETURN_SYNC_THROTTLE_MS) return;
  lastReturnSync = performance.now();
  void call('sync.now').catch(() => undefined);
});

// The OS says the network is back: sync now rather than at the next timer (offline writes go out).
window.addEventListener('online', () => {
  void call('sync.now').catch(() => undefined);
});
