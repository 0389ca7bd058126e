/**
 * The caretaker's session as the renderer sees it (issue 19): who is signed in, how many replies
 * wait. The token itself stays in main (src-main/caretaker); this is only its state.
 */
import type { CaretakerState } from '../../src-shared/caretaker/bridge';
import { BridgeError, call } from '../lib/bridge';

let state = $state<CaretakerState | null>(null);

export const caretaker = {
  get state(): CaretakerState | null {
    return state;
  },
};

export function setCaretaker(next: CaretakerState) {
  state = next;
}

export async function refreshCaretaker(): Promise<void> {
  state = await call('caretaker.state', {});
}

/** 'unsent': replies still wait (the page asks before discarding them). */
export async function signOutCaretaker(discardUnsent: boolean): Promise<'done' | 'unsent'> {
  try {
    state = await call('caretaker.signOut', { discardUnsent });
    return 'done';
  } catch (error) {
    if (error instanceof BridgeError && error.shape.code === 'UNSENT_ITEMS') return 'unsent';
    throw error;
  }
}
