/** Who is signed in, as main knows it; the expiry notice shown on the sign-in screen. */
import type { SessionState } from '../../src-shared/bridge';
import { call, portal } from './bridge';

let state = $state<SessionState>({ state: 'signedOut' });
let notice = $state<'expired' | 'signedOut' | null>(null);

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
};

function apply(next: SessionState) {
  state = next;
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

export async function signOut(): Promise<void> {
  try {
    apply(await call('session.signOut'));
  } catch {
    // Main could not confirm, but the tenant asked to leave: never keep showing their data.
    apply({ state: 'signedOut' });
  }
}

export function clearNotice() {
  notice = null;
}

portal.on('session.expired', () => apply({ state: 'signedOut', reason: 'expired' }));
