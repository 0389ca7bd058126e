/**
 * Staff authentication: activation (password + TOTP enrolment), sign-in in two steps (password ->
 * a short-lived challenge, then the TOTP code -> a session). The password checks share the
 * tenants' lockout (auth/throttle.ts, keys `staff-sign-in:…`), TOTP codes have their own, and a
 * TOTP step once accepted is never accepted again.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { StaffActivation } from '../../../src-shared/api/staff';
import type { AppContext } from '../context';
import { staffAccounts, staffTokens } from '../db/schema';
import { newOpaqueToken, sha256Hex } from '../crypto/tokens';
import { ApiError, validationError } from '../http/errors';
import { newPasswordProblem } from '../auth/password-strength';
import { checkPolicy } from '../auth/recovery';
import { lockoutPolicy, throttleKey } from '../auth/throttle';
import { recordAudit } from './audit';
import { activationOf, rememberEnrolment, staffMe } from './accounts';
import { openStaffSession } from './sessions';
import { acceptedTotpStep, newTotpSecret, totpEnrolment } from './totp';

/** How long the sign-in challenge (between the password and the code) lives. */
export const STAFF_CHALLENGE_TTL_MS = 5 * 60 * 1000;

const WRONG_CODE = 'Code incorrect ou déjà utilisé.';
const SIGN_IN_FAILED = 'Adresse mail ou mot de passe incorrect.';

/** GET staffActivation: the account's email and a fresh TOTP secret to enrol (a reload draws another). */
export async function staffActivation(ctx: AppContext, token: string, ip: string): Promise<StaffActivation> {
  const now = ctx.clock();
  await ctx.throttle.consume(throttleKey('recovery-ip', ip), ctx.limits.recoveryPerIp, now);
  const { t, s } = await activationOf(ctx.db, token, now);
  const secret = newTotpSecret();
  await rememberEnrolment(ctx.db, ctx.cipher, t.id, secret);
  const landlord = await ctx.landlord();
  return { email: s.email, displayName: s.displayName, ...(await totpEnrolment(secret, s.email, `${landlord.name} (personnel)`)) };
}

/** POST staffActivate: the password (tenants' policy) and the first code; the link is then used. */
export async function staffActivate(ctx: AppContext, body: { token: string; password: string; code: string }, ip: string) {
  const now = ctx.clock();
  await ctx.throttle.consume(throttleKey('recovery-ip', ip), ctx.limits.recoveryPerIp, now);
  const { t, s } = await activationOf(ctx.db, body.token, now);
  // A live link's tries are counted (six digits are guessable); a dead link is just dead (404).
  await ctx.throttle.consume(throttleKey('staff-activate', t.id), ctx.limits.signInPerAccount, now);
  checkPolicy('password', body.password);
  const [firstName, ...rest] = s.displayName.split(/\s+/);
  const weak = await newPasswordProblem('password', body.password, { firstName, lastName: rest.join(' '), email: s.email });
  if (weak) throw validationError([weak]);
  const sealed = (t.payload as { totpSecretEncrypted?: string } | null)?.totpSecretEncrypted;
  if (!sealed) throw new ApiError('CONFLICT', { message: 'Ouvrez d\'abord la page d\'activation pour obtenir votre code QR.' });
  const secret = ctx.cipher.decrypt(sealed);
  const step = acceptedTotpStep(secret, body.code, now, null);
  if (step === null) throw validationError([{ path: 'code', message: WRONG_CODE, key: 'fields.invalid' }]);
  const passwordHash = await ctx.hasher.hash(body.password);
  await ctx.db.transaction(async (tx) => {
    const used = await tx.update(staffTokens).set({ usedAt: now }).where(and(eq(staffTokens.id, t.id), isNull(staffTokens.usedAt))).returning({ id: staffTokens.id });
    if (used.length === 0) throw new ApiError('NOT_FOUND', { message: 'Ce lien d\'activation a expiré ou a déjà été utilisé.' });
    await tx
      .update(staffAccounts)
      .set({ passwordHash, totpSecretEncrypted: ctx.cipher.encrypt(secret), totpLastStep: step, activatedAt: s.activatedAt ?? now, updatedAt: now })
      .where(eq(staffAccounts.id, s.id));
    await recordAudit(tx, { at: now, actor: { staffId: s.id, displayName: s.displayName }, action: 'account.activate', targetType: 'staffAccount', targetId: s.id, before: { activatedAt: s.activatedAt?.toISOString() ?? null }, after: { activatedAt: (s.activatedAt ?? now).toISOString() } });
  });
  return { status: 'ok' as const };
}

/** POST staffSignIn: the password; a challenge for the TOTP step, or 401 whatever was wrong. */
export async function staffSignIn(ctx: AppContext, email: string, password: string, ip: string) {
  const now = ctx.clock();
  await ctx.throttle.consume(throttleKey('staff-sign-in-ip', ip), ctx.limits.signInPerIp, now);
  const lockKey = throttleKey('staff-sign-in', email, ip);
  const attempt = await ctx.throttle.reserveAttempt(lockKey, lockoutPolicy(ctx.limits), now);
  const [account] = await ctx.db.select().from(staffAccounts).where(eq(staffAccounts.email, email));
  const usable = account && account.passwordHash && account.activatedAt && !account.disabledAt;
  const ok = usable ? await ctx.hasher.verify(account.passwordHash!, password) : (await ctx.hasher.verifyAgainstDummy(password), false);
  if (!ok || !account) throw new ApiError('INVALID_CREDENTIALS', { message: SIGN_IN_FAILED, attemptsLeft: attempt.attemptsLeft, retryAfter: attempt.pauseSeconds });
  await ctx.throttle.clear(lockKey);
  const challenge = newOpaqueToken();
  await ctx.db.insert(staffTokens).values({ id: randomUUID(), staffId: account.id, purpose: 'challenge', tokenHash: sha256Hex(challenge), expiresAt: new Date(now.getTime() + STAFF_CHALLENGE_TTL_MS), createdAt: now });
  return { challenge };
}

/** POST staffTotp: the code of the challenge's account -> a session. Wrong codes are locked out like passwords. */
export async function staffTotp(ctx: AppContext, challenge: string, code: string) {
  const now = ctx.clock();
  const [row] = await ctx.db
    .select({ t: staffTokens, s: staffAccounts })
    .from(staffTokens)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffTokens.staffId))
    .where(and(eq(staffTokens.tokenHash, sha256Hex(challenge)), eq(staffTokens.purpose, 'challenge'), isNull(staffTokens.usedAt), gt(staffTokens.expiresAt, now), isNull(staffAccounts.disabledAt)));
  if (!row || !row.s.totpSecretEncrypted) throw new ApiError('UNAUTHENTICATED', { message: 'Votre connexion a expiré : saisissez de nouveau votre mot de passe.' });
  // Per account: six digits are guessable, the password alone must not allow many tries.
  const lockKey = throttleKey('staff-totp', row.s.id);
  const attempt = await ctx.throttle.reserveAttempt(lockKey, lockoutPolicy(ctx.limits), now);
  const step = acceptedTotpStep(ctx.cipher.decrypt(row.s.totpSecretEncrypted), code, now, row.s.totpLastStep);
  const wrong = () => new ApiError('INVALID_CREDENTIALS', { message: WRONG_CODE, attemptsLeft: attempt.attemptsLeft, retryAfter: attempt.pauseSeconds });
  if (step === null) throw wrong();
  // Atomic: two requests with the same code, only one moves the last step on.
  const moved = await ctx.db
    .update(staffAccounts)
    .set({ totpLastStep: step })
    .where(and(eq(staffAccounts.id, row.s.id), or(isNull(staffAccounts.totpLastStep), lt(staffAccounts.totpLastStep, step))))
    .returning({ id: staffAccounts.id });
  if (moved.length === 0) throw wrong();
  const spent = await ctx.db.update(staffTokens).set({ usedAt: now }).where(and(eq(staffTokens.id, row.t.id), isNull(staffTokens.usedAt))).returning({ id: staffTokens.id });
  if (spent.length === 0) throw new ApiError('UNAUTHENTICATED');
  await ctx.throttle.clear(lockKey);
  const session = await openStaffSession(ctx.db, row.s.id, now);
  return { token: session.token, idleExpiresAt: session.idleExpiresAt.toISOString(), staff: await staffMe(ctx.db, row.s.id) };
}
