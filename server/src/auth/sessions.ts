/**
 * Sessions: an opaque access token (15 min) and a refresh token (30 days) bound to a device,
 * both stored as SHA-256. Refresh rotates the pair; presenting a refresh token that was already
 * exchanged revokes the whole family (token theft detection).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { SessionResponse } from '../../../src-shared/api/auth';
import type { DbOrTx } from '../db/client';
import { accounts, sessions, tenants } from '../db/schema';
import { newOpaqueToken, sha256Hex } from '../crypto/tokens';
import { ApiError } from '../http/errors';
import type { AppContext, AuthInfo } from '../context';

export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function displayName(t: { civility: string; lastName: string; firstName: string }): string {
  return `${t.civility} ${t.lastName.toUpperCase()} ${t.firstName.toUpperCase()}`.trim();
}

export async function accountView(db: DbOrTx, accountId: string) {
  const [row] = await db
    .select({ account: accounts, tenant: tenants })
    .from(accounts)
    .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
    .where(eq(accounts.id, accountId));
  if (!row) throw new ApiError('UNAUTHENTICATED');
  return {
    id: row.account.id,
    email: row.account.email,
    displayName: displayName(row.tenant),
    tenantId: row.tenant.id,
  };
}

export async function issueSession(
  db: DbOrTx,
  now: Date,
  accountId: string,
  device: { id: string; name: string },
  familyId: string = randomUUID(),
): Promise<SessionResponse> {
  const accessToken = newOpaqueToken();
  const refreshToken = newOpaqueToken();
  const accessExpiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_MS);
  const refreshExpiresAt = new Date(now.getTime() + REFRESH_TOKEN_TTL_MS);
  await db.insert(sessions).values({
    id: randomUUID(),
    accountId,
    familyId,
    deviceId: device.id,
    deviceName: device.name,
    accessHash: sha256Hex(accessToken),
    refreshHash: sha256Hex(refreshToken),
    accessExpiresAt,
    refreshExpiresAt,
    createdAt: now,
  });
  return {
    accessToken,
    accessTokenExpiresAt: accessExpiresAt.toISOString(),
    refreshToken,
    refreshTokenExpiresAt: refreshExpiresAt.toISOString(),
    account: await accountView(db, accountId),
  };
}

export async function refreshSession(ctx: AppContext, refreshToken: string, deviceId: string): Promise<SessionResponse> {
  const now = ctx.clock();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(sessions).where(eq(sessions.refreshHash, sha256Hex(refreshToken)));
    if (!row || row.revokedAt || row.deviceId !== deviceId || row.refreshExpiresAt <= now) {
      throw new ApiError('UNAUTHENTICATED');
    }
    // Conditional update: of two concurrent refreshes with one token, exactly one wins.
    const won = await tx
      .update(sessions)
      .set({ rotatedAt: now, accessExpiresAt: now })
      .where(and(eq(sessions.id, row.id), isNull(sessions.rotatedAt)))
      .returning({ id: sessions.id });
    if (won.length === 0) {
      await revokeFamily(tx, row.familyId, now);
      return null;
    }
    return issueSession(tx, now, row.accountId, { id: row.deviceId, name: row.deviceName }, row.familyId);
  }).then((result) => {
    if (!result) throw new ApiError('UNAUTHENTICATED', { message: 'Session révoquée. Veuillez vous reconnecter.' });
    return result;
  });
}

export async function revokeFamily(db: DbOrTx, familyId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.familyId, familyId), isNull(sessions.revokedAt)));
}

/** Revokes every session of the account, except the family `keepFamilyId` when given. */
export async function revokeAccountSessions(db: DbOrTx, accountId: string, now: Date, keepFamilyId?: string): Promise<void> {
  const conditions = [eq(sessions.accountId, accountId), isNull(sessions.revokedAt)];
  if (keepFamilyId) conditions.push(ne(sessions.familyId, keepFamilyId));
  await db.update(sessions).set({ revokedAt: now }).where(and(...conditions));
}

/** onRequest hook (before any body parsing): `Authorization: Bearer <access token>` -> request.auth, or 401. */
export function authenticate(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
    if (!match?.[1]) throw new ApiError('UNAUTHENTICATED');
    const [row] = await ctx.db
      .select({ id: sessions.id, familyId: sessions.familyId, accountId: sessions.accountId, tenantId: accounts.tenantId })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(and(eq(sessions.accessHash, sha256Hex(match[1])), isNull(sessions.revokedAt), gt(sessions.accessExpiresAt, ctx.clock())));
    if (!row) throw new ApiError('UNAUTHENTICATED');
    const auth: AuthInfo = { accountId: row.accountId, tenantId: row.tenantId, sessionId: row.id, familyId: row.familyId };
    request.auth = auth;
  };
}
