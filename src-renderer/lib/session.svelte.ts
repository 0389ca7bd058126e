/** Who is signed in, as main knows it; the expiry notice shown on the sign-in screen. */
import type { SessionState } from '../../src-shared/session/bridge';
import type { PortalErrorShape } from '../../src-shared/errors';
import { BridgeError, call, portal } from './bridge';

let state = $state<SessionState>({ state: 'signedOut' });
let notice = $state<'expired' | 'signedOut' | null>(null);
/** Why the last sign-out did not happen (an error other than UNSENT_ITEMS). */
let signOutError = $state<PortalErrorShape | null>(null);
/**
 * Writes still waiting in the outbox when the tenant asked to sign out: the confirmation dialog
 * (SignOutDialog) is open while this is not null.
 */
let unsentOnSignOut = $state<number | null>(null);

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
  /** How many writes would be lost by signing out now; null when no confirmation is asked. */
  get unsentOnSignOut() {
    return unsentOnSignOut;
  },
};

function apply(next: SessionState) {
  state = next;
  signOutError = null;
  unsentOnSignOut = null;
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

/** How many writes wait to be sent (at least 1: main has just said some do). */
async function countUnsent(): Promise<number> {
  try {
    const outbox = await call('outbox.get');
    return Math.max(1, outbox.items.filter((item) => item.status === 'pending').length);
  } catch {
    return 1;
  }
}

/**
 * Resolves true once signed out; false when main refused because writes are still unsent:
 * `session.unsentOnSignOut` then asks the tenant to confirm (signOutDiscardingUnsent) or stay.
 */
export async function signOut(): Promise<boolean> {
  signOutError = null;
  unsentOnSignOut = null;
  try {
    apply(await call('session.signOut'));
  } catch (error) {
    if (error instanceof BridgeError && error.code === 'UNSENT_ITEMS') {
      unsentOnSignOut = await countUnsent();
      return false;
    }
    // Main could not confirm, but the tenant asked to leave: never keep showing their data.
    apply({ state: 'signedOut' });
  }
  return true;
}

/** "Me déconnecter quand même": the unsent writes are dropped with the session. */
export async function signOutDiscardingUnsent(): Promise<void> {
  try {
    apply(await call('session.signOut', { discardUnsent: true }));
  } catch {
    apply({ state: 'signedOut' });
  }
}

/** "Rester connecté": the dialog closes, nothing is lost. */
export function keepSession() {
  unsentOnSignOut = null;
}

export function clearNotice() {
  notice = null;
}

portal.on('session.expired', () => apply({ state: 'signedOut', reason: 'expired' }));
