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

// The OS says the network is back: sync now rather than at the next timer (offline writes go out).
window.addEventListener('online', () => {
  void call('sync.now').catch(() => undefined);
});
