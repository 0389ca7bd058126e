/** Single-use mailed links: password reset and new-email confirmation (JSON API and HTML pages). */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { accounts, oneTimeTokens, tenants } from '../db/schema';
import { withTenantWrite } from '../sync/versions';
import type { AppContext } from '../context';
import { sha256Hex } from '../crypto/tokens';
import { ApiError, validationError } from '../http/errors';
import { passwordProblem } from '../lib/field-checks';
import type { Db, DbOrTx } from '../db/client';
import { revokeAccountSessions } from './sessions';
import { revokeResetLinks } from './accounts';
import { newPasswordProblem, PASSWORD_SAME_MESSAGE, type PersonalData } from './password-strength';
import { throttleKey } from './throttle';

export const LINK_INVALID = 'Ce lien a expiré ou a déjà été utilisé.';

/** The shared rules only (sign-up checks the rest once it knows who the tenant is). */
export function checkPolicy(path: string, password: string): void {
  const problem = passwordProblem(path, password);
  if (problem) throw validationError([problem]);
}

/** The tenant's names, birth date and login email: what a new password must not be built on. */
export async function personalDataOf(db: Db, account: { tenantId: string; email: string }): Promise<PersonalData> {
  const [tenant] = await db.select({ firstName: tenants.firstName, lastName: tenants.lastName, birthDate: tenants.birthDate }).from(tenants).where(eq(tenants.id, account.tenantId));
  return { ...tenant, email: account.email };
}

/**
 * A new password for an account that has one: the rules, not common nor built on the tenant's
 * data, and not the current one (a change that changes nothing would leave a leaked password).
 */
export async function checkNewPassword(ctx: AppContext, path: string, password: string, account: { tenantId: string; email: string; passwordHash: string }): Promise<void> {
  const problem = await newPasswordProblem(path, password, await personalDataOf(ctx.db, account));
  if (problem) throw validationError([problem]);
  if (await ctx.hasher.verify(account.passwordHash, password)) throw validationError([{ path, message: PASSWORD_SAME_MESSAGE, key: 'fields.password.same' }]);
}

const tokenMatches = (purpose: 'reset_password' | 'confirm_email', token: string, now: Date) =>
  and(eq(oneTimeTokens.tokenHash, sha256Hex(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now));

/**
 * Whether a mailed link can still be used, without spending it: the page says "expired or already
 * used" before the tenant types a new password. The POST still decides (consumeToken), atomically.
 */
export async function linkUsable(ctx: AppContext, purpose: 'reset_password' | 'confirm_email', token: string): Promise<boolean> {
  if (token === '') return false;
  const [row] = await ctx.db
    .select({ id: oneTimeTokens.tokenHash })
    .from(oneTimeTokens)
    .where(tokenMatches(purpose, token, ctx.clock()))
    .limit(1);
  return row !== undefined;
}

/** Marks a one-time token used (atomically: a link works once) and returns its row, or throws. */
async function consumeToken(db: DbOrTx, purpose: 'reset_password' | 'confirm_email', token: string, now: Date) {
  const [row] = await db.update(oneTimeTokens).set({ usedAt: now }).where(tokenMatches(purpose, token, now)).returning();
  if (!row) throw validationError([{ path: 'token', message: LINK_INVALID, key: 'fields.linkInvalid' }]);
  return row;
}

/**
 * Sets the new password and signs every device out. Cheap checks first: the per-IP limit, then
 * the link (a read), then the policy; only then the slow hash, and the link is spent last, in the
 * same transaction as the new password, so a refused password leaves the link usable.
 */
export async function resetPassword(ctx: AppContext, token: string, password: string, ip: string): Promise<void> {
  const now = ctx.clock();
  await ctx.throttle.consume(throttleKey('reset-ip', ip), ctx.limits.recoveryPerIp, now);
  const [link] = await ctx.db.select().from(oneTimeTokens).where(tokenMatches('reset_password', token, now));
  if (!link) throw validationError([{ path: 'token', message: LINK_INVALID, key: 'fields.linkInvalid' }]);
  checkPolicy('password', password);
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, link.accountId));
  if (!account) throw validationError([{ path: 'token', message: LINK_INVALID, key: 'fields.linkInvalid' }]);
  await checkNewPassword(ctx, 'password', password, account);
  const passwordHash = await ctx.hasher.hash(password);
  await ctx.db.transaction(async (tx) => {
    const row = await consumeToken(tx, 'reset_password', token, now);
    await tx.update(accounts).set({ passwordHash, updatedAt: now }).where(eq(accounts.id, row.accountId));
    await revokeResetLinks(tx, row.accountId, now);
    await revokeAccountSessions(tx, row.accountId, now);
  });
}

export async function confirmEmail(ctx: AppContext, token: string): Promise<void> {
  const now = ctx.clock();
  const row = await consumeToken(ctx.db, 'confirm_email', token, now);
  const newEmail = (row.payload as { newEmail: string }).newEmail;
  const [taken] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, newEmail));
  if (taken) throw new ApiError('CONFLICT', { key: 'errorDetails.conflict.emailTaken', message: 'Cette adresse mail est déjà utilisée.' });
  const [account] = await ctx.db.update(accounts).set({ email: newEmail, updatedAt: now }).where(eq(accounts.id, row.accountId)).returning({ tenantId: accounts.tenantId });
  // The login address is also the one "Mon dossier" shows (seed: "également votre identifiant").
  if (account) {
    await withTenantWrite(ctx.db, account.tenantId, (tx, version) =>
      tx.update(tenants).set({ contactEmail: newEmail, version, updatedAt: now }).where(eq(tenants.id, account.tenantId)),
    );
  }
}
