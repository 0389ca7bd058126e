/** Who is signed in, as main knows it; the expiry notice shown on the sign-in screen. */
import type { SessionState } from '../../src-shared/bridge';
import type { PortalErrorShape } from '../../src-shared/errors';
import { BridgeError, call, portal } from './bridge';

let state = $state<SessionState>({ state: 'signedOut' });
let notice = $state<'expired' | 'signedOut' | null>(null);
/** Why the last sign-out did not happen (UNSENT_ITEMS: writes still wait in the outbox). */
let signOutError = $state<PortalErrorShape | null>(null);

export const session = {
  get signedIn(): boolean {
    return state.state === 'signedIn';
  },
  get user() {
    return state.state === 'signedIn' ? state.user : null;
  },
  /** Why the tenant is on the sign-in screen, when it was not their choice to be there. */
  get notice() {
    return notice;
  },
  get signOutError() {
    return signOutError;
  },
};

function apply(next: SessionState) {
  state = next;
  signOutError = null;
  if (next.state === 'signedOut') notice = next.reason === 'expired' ? 'expired' : null;
  else notice = null;
}

export async function restoreSession(): Promise<void> {
  try {
    apply(await call('session.get'));
  } catch {
    apply({ state: 'signedOut' });
  }
}

/** Rejects with BridgeError (INVALID_CREDENTIALS, VALIDATION, THROTTLED, OFFLINE, …). */
export async function signIn(email: string, password: string): Promise<void> {
  apply(await call('session.signIn', { email, password }));
}

/** Resolves true once signed out; false when main refused because requests are still unsent. */
export async function signOut(): Promise<boolean> {
  signOutError = null;
  try {
    apply(await call('session.signOut'));
  } catch (error) {
    if (error instanceof BridgeError && error.code === 'UNSENT_ITEMS') {
      // TODO(next issue): offer "discard and sign out" once the contract has a confirmation.
      signOutError = error.shape;
      return false;
    }
    // Main could not confirm, but the tenant asked to leave: never keep showing their data.
    apply({ state: 'signedOut' });
  }
  return true;
}

export function clearNotice() {
  notice = null;
}

portal.on('session.expired', () => apply({ state: 'signedOut', reason: 'expired' }));
