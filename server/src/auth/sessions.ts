/**
 * Sessions: an opaque access token (15 min) and a refresh token (30 days) bound to a device,
 * both stored as SHA-256. Refresh rotates the pair; presenting a refresh token that was already
 * exchanged revokes the whole family (token theft detection).
 *
 * One exception, for answers lost on the way (the desktop app killed or the connection dropped
 * after the server rotated but before the app saved the new pair): the same device presenting the
 * token it exchanged less than LOST_ANSWER_GRACE_MS ago, while the pair issued for it has never
 * been used, gets a fresh pair and that unused pair is retired. Without it, a power cut at the
 * wrong instant would sign the tenant out for good.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { SessionResponse } from '../../../src-shared/api/auth';
import type { DbOrTx } from '../db/client';
import { accounts, sessions, tenants } from '../db/schema';
import { runNamed } from '../db/prepared';
import { newOpaqueToken, sha256Hex } from '../crypto/tokens';
import { ApiError } from '../http/errors';
import type { AppContext, AuthInfo } from '../context';

export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const LOST_ANSWER_GRACE_MS = 2 * 60 * 1000;

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
      const [successor] = await tx
        .select()
        .from(sessions)
        .where(and(eq(sessions.familyId, row.familyId), isNull(sessions.revokedAt), isNull(sessions.rotatedAt)));
      // The pair issued for THIS exchange only: nothing in the family was exchanged since.
      const later = row.rotatedAt
        ? await tx
            .select({ id: sessions.id })
            .from(sessions)
            .where(and(eq(sessions.familyId, row.familyId), gt(sessions.rotatedAt, row.rotatedAt)))
            .limit(1)
        : [];
      const lostAnswer =
        successor !== undefined &&
        later.length === 0 &&
        row.rotatedAt !== null &&
        now.getTime() - row.rotatedAt.getTime() <= LOST_ANSWER_GRACE_MS &&
        successor.usedAt === null &&
        successor.createdAt >= row.rotatedAt;
      if (!lostAnswer) {
        await revokeFamily(tx, row.familyId, now);
        return null;
      }
      await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, successor.id));
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

/**
 * The live session of an access token's hash: every authenticated request runs it, so its text is
 * fixed and it runs as a prepared statement planned once per connection (db/prepared.ts).
 */
const SESSION_BY_ACCESS_HASH =
  'select s.id, s.family_id, s.account_id, a.tenant_id, s.used_at from sessions s inner join accounts a on a.id = s.account_id where s.access_hash = $1 and s.revoked_at is null and s.access_expires_at > $2';
type SessionByAccessHash = { id: string; family_id: string; account_id: string; tenant_id: string; used_at: Date | string | null };

/** onRequest hook (before any body parsing): `Authorization: Bearer <access token>` -> request.auth, or 401. */
export function authenticate(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
    if (!match?.[1]) throw new ApiError('UNAUTHENTICATED');
    const [row] = await runNamed<SessionByAccessHash>(ctx.db, 'auth_session_by_access_hash', SESSION_BY_ACCESS_HASH, [sha256Hex(match[1]), ctx.clock().toISOString()]);
    if (!row) throw new ApiError('UNAUTHENTICATED');
    if (row.used_at === null) {
      // Once per pair: from now on a replay of the refresh token that produced it is a theft.
      await ctx.db.update(sessions).set({ usedAt: ctx.clock() }).where(and(eq(sessions.id, row.id), isNull(sessions.usedAt)));
    }
    const auth: AuthInfo = { accountId: row.account_id, tenantId: row.tenant_id, sessionId: row.id, familyId: row.family_id };
    request.auth = auth;
  };
}
