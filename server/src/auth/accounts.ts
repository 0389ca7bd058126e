/**
 * The account's rows, for the sign-up, sign-in and account routes (auth/routes.ts): who a tenant
 * is, their account, their consents, their one-time links. The routes decide (throttles, policy,
 * answers); this module reads and writes.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Landlord } from '../../../src-shared/api/landlord';
import type { SessionResponse } from '../../../src-shared/api/auth';
import type { Db, DbOrTx } from '../db/client';
import { accounts, consents, oneTimeTokens, tenants } from '../db/schema';
import { ApiError } from '../http/errors';
import { newOpaqueToken, sha256Hex } from '../crypto/tokens';
import { normalizeName } from '../lib/names';
import { bumpTenantVersion } from '../sync/versions';
import { issueSession, revokeAccountSessions } from './sessions';

export type AccountRow = typeof accounts.$inferSelect;
type TenantRow = typeof tenants.$inferSelect;

/** Finds the tenant matching reference + name + birth date, or null. */
export async function matchTenant(db: Db, body: { tenantReference: string; lastName: string; firstName: string; birthDate: string }): Promise<TenantRow | null> {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.reference, body.tenantReference.trim()));
  if (!tenant) return null;
  const same =
    normalizeName(tenant.lastName) === normalizeName(body.lastName) &&
    normalizeName(tenant.firstName) === normalizeName(body.firstName) &&
    tenant.birthDate === body.birthDate;
  return same ? tenant : null;
}

export async function accountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const [account] = await db.select().from(accounts).where(eq(accounts.email, email));
  return account;
}

export async function accountById(db: Db, accountId: string): Promise<AccountRow | undefined> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  return account;
}

export async function accountOfTenant(db: Db, tenantId: string): Promise<AccountRow | undefined> {
  const [account] = await db.select().from(accounts).where(eq(accounts.tenantId, tenantId));
  return account;
}

export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const [taken] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
  return taken !== undefined;
}

/**
 * The tenant's account, their consents to the landlord's current terms (and paperless if asked),
 * their contact email on the profile, and the first session, in one transaction. 409 when the
 * tenant has an account already or the email is another's.
 */
export async function createAccount(
  db: Db,
  input: { tenantId: string; email: string; passwordHash: string; paperless: boolean; legal: Landlord['legal']; device: Parameters<typeof issueSession>[3]; now: Date },
): Promise<SessionResponse> {
  const { tenantId, email, passwordHash, paperless, legal, device, now } = input;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: accounts.id, tenantId: accounts.tenantId }).from(accounts).where(eq(accounts.tenantId, tenantId));
    if (existing) throw new ApiError('CONFLICT', { key: 'errorDetails.conflict.accountExists', message: 'Un compte existe déjà pour ce locataire. Utilisez « Mot de passe oublié ? ».' });
    const [taken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
    if (taken) throw new ApiError('CONFLICT', { key: 'errorDetails.conflict.emailTaken', message: 'Cette adresse mail est déjà utilisée.', fields: [{ path: 'email', message: 'Adresse mail déjà utilisée', key: 'fields.emailTaken' }] });
    const accountId = randomUUID();
    await tx.insert(accounts).values({ id: accountId, tenantId, email, passwordHash, createdAt: now, updatedAt: now });
    const given = [
      { kind: 'cgu' as const, version: legal.cguVersion },
      { kind: 'privacy' as const, version: legal.privacyVersion },
      ...(paperless ? [{ kind: 'paperless' as const, version: '1' }] : []),
    ];
    await tx.insert(consents).values(given.map((c) => ({ id: randomUUID(), accountId, kind: c.kind, version: c.version, acceptedAt: now })));
    const version = await bumpTenantVersion(tx, tenantId);
    await tx
      .update(tenants)
      .set({ paperless, paperlessSince: paperless ? now : null, contactEmail: email, version, updatedAt: now })
      .where(eq(tenants.id, tenantId));
    return issueSession(tx, now, accountId, device);
  });
}

/** What GET /v1/me adds to the account: the paperless choice and the consents given. */
export async function paperlessAndConsents(db: Db, tenantId: string, accountId: string) {
  const [tenant] = await db.select({ paperless: tenants.paperless }).from(tenants).where(eq(tenants.id, tenantId));
  const given = await db.select().from(consents).where(eq(consents.accountId, accountId));
  return {
    paperless: tenant?.paperless ?? false,
    consents: given.map((c) => ({ kind: c.kind, version: c.version, acceptedAt: c.acceptedAt.toISOString() })),
  };
}

/** A link sent by mail (password reset, email confirmation): the token goes out, only its hash is kept. */
export async function issueOneTimeToken(
  db: Db,
  input: { accountId: string; purpose: 'reset_password' | 'confirm_email'; payload?: { newEmail: string }; ttlMs: number; now: Date },
): Promise<string> {
  const { accountId, purpose, payload, ttlMs, now } = input;
  const token = newOpaqueToken();
  await db.insert(oneTimeTokens).values({
    id: randomUUID(),
    accountId,
    purpose,
    tokenHash: sha256Hex(token),
    ...(payload ? { payload } : {}),
    expiresAt: new Date(now.getTime() + ttlMs),
    createdAt: now,
  });
  return token;
}

/**
 * A new password; every other session of the account ends (the one that changed it stays), and
 * so does every reset link still outstanding.
 */
export async function changePassword(db: Db, accountId: string, passwordHash: string, now: Date, keepFamilyId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, updatedAt: now }).where(eq(accounts.id, accountId));
    await revokeAccountSessions(tx, accountId, now, keepFamilyId);
    await revokeResetLinks(tx, accountId, now);
  });
}

/** Spends every reset link of the account still outstanding: after a reset or a change, an old mail must not work. */
export async function revokeResetLinks(db: DbOrTx, accountId: string, now: Date): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(and(eq(oneTimeTokens.accountId, accountId), eq(oneTimeTokens.purpose, 'reset_password'), isNull(oneTimeTokens.usedAt)));
}

