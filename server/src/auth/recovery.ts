/** Single-use mailed links: password reset and new-email confirmation (JSON API and HTML pages). */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { accounts, oneTimeTokens, tenants } from '../db/schema';
import { withTenantWrite } from '../sync/versions';
import type { AppContext } from '../context';
import { sha256Hex } from '../crypto/tokens';
import { ApiError, validationError } from '../http/errors';
import { passwordProblem } from '../lib/field-checks';
import { revokeAccountSessions } from './sessions';

export const LINK_INVALID = 'Ce lien a expiré ou a déjà été utilisé.';

export function checkPolicy(path: string, password: string): void {
  const problem = passwordProblem(path, password);
  if (problem) throw validationError([problem]);
}

/**
 * Whether a mailed link can still be used, without spending it: the page says "expired or already
 * used" before the tenant types a new password. The POST still decides (consumeToken), atomically.
 */
export async function linkUsable(ctx: AppContext, purpose: 'reset_password' | 'confirm_email', token: string): Promise<boolean> {
  if (token === '') return false;
  const [row] = await ctx.db
    .select({ id: oneTimeTokens.tokenHash })
    .from(oneTimeTokens)
    .where(and(eq(oneTimeTokens.tokenHash, sha256Hex(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, ctx.clock())))
    .limit(1);
  return row !== undefined;
}

/** Marks a one-time token used (atomically: a link works once) and returns its row, or throws. */
async function consumeToken(ctx: AppContext, purpose: 'reset_password' | 'confirm_email', token: string, now: Date) {
  const [row] = await ctx.db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.tokenHash, sha256Hex(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now)))
    .returning();
  if (!row) throw validationError([{ path: 'token', message: LINK_INVALID }]);
  return row;
}

/** Sets the new password and signs every device out. The policy is checked before the link is spent. */
export async function resetPassword(ctx: AppContext, token: string, password: string): Promise<void> {
  const now = ctx.clock();
  checkPolicy('password', password);
  const passwordHash = await ctx.hasher.hash(password);
  const row = await consumeToken(ctx, 'reset_password', token, now);
  await ctx.db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, updatedAt: now }).where(eq(accounts.id, row.accountId));
    await revokeAccountSessions(tx, row.accountId, now);
  });
}

export async function confirmEmail(ctx: AppContext, token: string): Promise<void> {
  const now = ctx.clock();
  const row = await consumeToken(ctx, 'confirm_email', token, now);
  const newEmail = (row.payload as { newEmail: string }).newEmail;
  const [taken] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, newEmail));
  if (taken) throw new ApiError('CONFLICT', { message: 'Cette adresse mail est déjà utilisée.' });
  const [account] = await ctx.db.update(accounts).set({ email: newEmail, updatedAt: now }).where(eq(accounts.id, row.accountId)).returning({ tenantId: accounts.tenantId });
  // The login address is also the one "Mon dossier" shows (seed: "également votre identifiant").
  if (account) {
    await withTenantWrite(ctx.db, account.tenantId, (tx, version) =>
      tx.update(tenants).set({ contactEmail: newEmail, version, updatedAt: now }).where(eq(tenants.id, account.tenantId)),
    );
  }
}
