/**
 * The signed-in staff member: the bearer token lives in sessionStorage (the contract: closing the
 * tab signs out), `me` is StaffMe. A 401 on any call ends the session and goes back to sign-in.
 */
import type { StaffMe, StaffRole } from './types';

const TOKEN_KEY = 'staff-console-token';

function readToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

let token = $state<string | null>(readToken());
let me = $state<StaffMe | null>(null);
let expiredNotice = $state(false);

export const session = {
  get token() {
    return token;
  },
  get me() {
    return me;
  },
  get role(): StaffRole | null {
    return me?.role ?? null;
  },
  /** True once after a 401 ended the session: the sign-in page says so. */
  get expiredNotice() {
    return expiredNotice;
  },
  start(newToken: string, staff: StaffMe) {
    token = newToken;
    me = staff;
    expiredNotice = false;
    sessionStorage.setItem(TOKEN_KEY, newToken);
  },
  setMe(staff: StaffMe) {
    me = staff;
  },
  clear() {
    token = null;
    me = null;
    sessionStorage.removeItem(TOKEN_KEY);
  },
  expired() {
    if (token) expiredNotice = true;
    session.clear();
  },
};
