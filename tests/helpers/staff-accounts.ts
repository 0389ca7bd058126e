/**
 * Staff accounts for desktop tests of issue 19: created as an administrator would, activated
 * over HTTP as the activation page does (the TOTP secret it shows, a first code), and their
 * codes computed with otpauth from the server's clock. A code is never accepted twice, so each
 * code moves the server's clock past its 30-second step.
 */
import * as OTPAuth from 'otpauth';
import type { StaffRole } from '../../src-shared/api/staff';
import { createStaffAccount } from '../../server/src/staff/accounts';
import { OFFICE_ACTOR } from '../../server/src/staff/audit';
import type { RestartableServer } from './portal-server';

export const STAFF_PASSWORD = 'Gardien-Tilleuls-2026!x';

export interface TestStaff {
  email: string;
  secret: string;
}

/** The current code of `secret` by the server's clock; then the clock moves on a step. */
export function staffCode(server: Pick<RestartableServer, 'clock' | 'advance'>, secret: string): string {
  const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: server.clock().getTime() });
  server.advance(30_000);
  return code;
}

export async function createActivatedStaff(
  server: RestartableServer,
  input: { email: string; displayName: string; role: StaffRole; residenceIds?: string[] },
): Promise<TestStaff> {
  const check = (ok: boolean, why: string) => {
    if (!ok) throw new Error(`staff account ${input.email}: ${why}`);
  };
  const created = await createStaffAccount({ db: server.handle.db, now: server.clock, publicUrl: server.url }, input, OFFICE_ACTOR);
  const activation = await fetch(`${server.url}/v1/staff/auth/activation?token=${encodeURIComponent(created.token)}`);
  check(activation.ok, `activation page: ${activation.status}`);
  const { secretBase32 } = (await activation.json()) as { secretBase32: string };
  const done = await fetch(`${server.url}/v1/staff/auth/activate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: created.token, password: STAFF_PASSWORD, code: staffCode(server, secretBase32) }),
  });
  check(done.ok, `activation: ${done.status} ${await done.clone().text()}`);
  return { email: input.email, secret: secretBase32 };
}
