/** The last `sync.state` event; null until main sends one (the header then shows nothing). */
import type { EventPayload } from '../../src-shared/bridge';
import { portal } from './bridge';

let last = $state<EventPayload<'sync.state'> | null>(null);

export const sync = {
  get state() {
    return last;
  },
};

portal.on('sync.state', (payload) => {
  last = payload;
});
