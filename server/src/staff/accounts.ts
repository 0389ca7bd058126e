/**
 * Staff accounts: created by an administrator (console) or by the CLI `create-staff` (the first
 * administrator), activated through a one-time link (72 h) where the staff member chooses a
 * password (the tenants' policy) and enrols their TOTP authenticator.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { StaffAccount, StaffMe, StaffRole } from '../../../src-shared/api/staff';
import type { Db, DbOrTx } from '../db/client';
import { residences, staffAccounts, staffResidences, staffSessions, staffTokens } from '../db/schema';
import { newOpaqueToken, sha256Hex } from '../crypto/tokens';
import type { DataCipher } from '../crypto/data-key';
import { ApiError, validationError } from '../http/errors';
import { recordAudit, type StaffActor } from './audit';
import { residenceRef } from '../residences/service';

/** How long an activation link can be used. */
export const ACTIVATION_TTL_MS = 72 * 60 * 60 * 1000;
/** Where the console's activation page is, under the server's public URL. */
export const activationUrl = (publicUrl: string, token: string) => `${publicUrl}/staff/#/activer?token=${encodeURIComponent(token)}`;

type StaffRow = typeof staffAccounts.$inferSelect;

export interface StaffDeps {
  db: Db;
  now: () => Date;
  /** Base of the activation link. */
  publicUrl: string;
}

/** Each account's residences, as references. */
async function residencesOf(db: DbOrTx, staffIds: string[]) {
  const byStaff = new Map<string, { id: string; code: string; name: string }[]>();
  if (staffIds.length === 0) return byStaff;
  const rows = await db
    .select({ staffId: staffResidences.staffId, id: residences.id, code: residences.code, name: residences.name })
    .from(staffResidences)
    .innerJoin(residences, eq(residences.id, staffResidences.residenceId))
    .where(inArray(staffResidences.staffId, staffIds))
    .orderBy(asc(residences.name));
  for (const r of rows) byStaff.set(r.staffId, [...(byStaff.get(r.staffId) ?? []), residenceRef(r)]);
  return byStaff;
}

function accountView(row: StaffRow, refs: { id: string; code: string; name: string }[]): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    residences: refs,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listStaffAccounts(db: DbOrTx): Promise<StaffAccount[]> {
  const rows = await db.select().from(staffAccounts).orderBy(asc(staffAccounts.displayName), asc(staffAccounts.email));
  const refs = await residencesOf(db, rows.map((r) => r.id));
  return rows.map((r) => accountView(r, refs.get(r.id) ?? []));
}

async function staffAccountView(db: DbOrTx, id: string): Promise<StaffAccount | null> {
  const [row] = await db.select().from(staffAccounts).where(eq(staffAccounts.id, id));
  if (!row) return null;
  return accountView(row, (await residencesOf(db, [id])).get(id) ?? []);
}

export async function staffMe(db: DbOrTx, id: string): Promise<StaffMe> {
  const account = await staffAccountView(db, id);
  if (!account) throw new ApiError('UNAUTHENTICATED');
  return { id: account.id, email: account.email, displayName: account.displayName, role: account.role, residences: account.residences };
}

/** Residence ids must exist; only a caretaker has residences (the other roles see all). */
async function checkResidences(db: DbOrTx, role: StaffRole, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (role !== 'caretaker') return [];
  if (unique.length === 0) return [];
  const found = await db.select({ id: residences.id }).from(residences).where(inArray(residences.id, unique));
  if (found.length !== unique.length) throw validationError([{ path: 'residenceIds', message: 'Résidence inconnue', key: 'fields.invalid' }]);
  return unique;
}

async function issueActivation(tx: DbOrTx, staffId: string, now: Date) {
  const token = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + ACTIVATION_TTL_MS);
  // A new link replaces the ones before it.
  await tx.update(staffTokens).set({ usedAt: now }).where(and(eq(staffTokens.staffId, staffId), eq(staffTokens.purpose, 'activation'), isNull(staffTokens.usedAt)));
  await tx.insert(staffTokens).values({ id: randomUUID(), staffId, purpose: 'activation', tokenHash: sha256Hex(token), expiresAt, createdAt: now });
  return { token, expiresAt };
}

/** A new staff account (not usable until activated) and its activation link. */
export async function createStaffAccount(deps: StaffDeps, input: { email: string; displayName: string; role: StaffRole; residenceIds?: string[] }, actor: StaffActor) {
  const now = deps.now();
  const email = input.email.trim().toLowerCase();
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: staffAccounts.id }).from(staffAccounts).where(eq(staffAccounts.email, email));
    if (taken) throw new ApiError('CONFLICT', { message: 'Un compte existe déjà avec cette adresse.' });
    const residenceIds = await checkResidences(tx, input.role, input.residenceIds ?? []);
    const id = randomUUID();
    await tx.insert(staffAccounts).values({ id, email, displayName: input.displayName, role: input.role, createdAt: now, updatedAt: now });
    if (residenceIds.length) await tx.insert(staffResidences).values(residenceIds.map((residenceId) => ({ staffId: id, residenceId })));
    const { token, expiresAt } = await issueActivation(tx, id, now);
    const account = (await staffAccountView(tx, id))!;
    await recordAudit(tx, { at: now, actor, action: 'account.create', targetType: 'staffAccount', targetId: id, after: account });
    return { account, activationUrl: activationUrl(deps.publicUrl, token), activationExpiresAt: expiresAt.toISOString(), token };
  });
}

/** Role, residences, disabled: an administrator's changes. Disabling ends the account's sessions. */
export async function updateStaffAccount(deps: StaffDeps, id: string, patch: { role?: StaffRole; residenceIds?: string[]; disabled?: boolean }, actor: StaffActor) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(staffAccounts).where(eq(staffAccounts.id, id)).for('update');
    if (!row) throw new ApiError('NOT_FOUND', { message: 'Compte introuvable.' });
    if (id === actor.staffId && (patch.disabled || (patch.role && patch.role !== row.role))) {
      throw new ApiError('CONFLICT', { message: 'Vous ne pouvez pas désactiver votre propre compte ni changer votre propre rôle.' });
    }
    const before = (await staffAccountView(tx, id))!;
    const role = patch.role ?? row.role;
    const disabledAt = patch.disabled === undefined ? row.disabledAt : patch.disabled ? (row.disabledAt ?? now) : null;
    await tx.update(staffAccounts).set({ role, disabledAt, updatedAt: now }).where(eq(staffAccounts.id, id));
    if (patch.residenceIds !== undefined || role !== 'caretaker') {
      const ids = await checkResidences(tx, role, patch.residenceIds ?? before.residences.map((r) => r.id));
      await tx.delete(staffResidences).where(eq(staffResidences.staffId, id));
      if (ids.length) await tx.insert(staffResidences).values(ids.map((residenceId) => ({ staffId: id, residenceId })));
    }
    if (disabledAt) await tx.update(staffSessions).set({ revokedAt: now }).where(and(eq(staffSessions.staffId, id), isNull(staffSessions.revokedAt)));
    const after = (await staffAccountView(tx, id))!;
    await recordAudit(tx, { at: now, actor, action: 'account.update', targetType: 'staffAccount', targetId: id, before, after });
    return after;
  });
}

const ACTIVATION_INVALID = 'Ce lien d\'activation a expiré ou a déjà été utilisé.';

/** The live activation link of `token`, with its account. */
export async function activationOf(db: DbOrTx, token: string, now: Date) {
  const [row] = await db
    .select({ t: staffTokens, s: staffAccounts })
    .from(staffTokens)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffTokens.staffId))
    .where(and(eq(staffTokens.tokenHash, sha256Hex(token)), eq(staffTokens.purpose, 'activation'), isNull(staffTokens.usedAt), gt(staffTokens.expiresAt, now), isNull(staffAccounts.disabledAt)));
  if (!row) throw new ApiError('NOT_FOUND', { message: ACTIVATION_INVALID });
  return row;
}

/** Keeps the TOTP secret being enrolled with the link (encrypted), until the activation uses it. */
export async function rememberEnrolment(db: DbOrTx, cipher: DataCipher, tokenId: string, secretBase32: string): Promise<void> {
  await db.update(staffTokens).set({ payload: { totpSecretEncrypted: cipher.encrypt(secretBase32) } }).where(eq(staffTokens.id, tokenId));
}

export { ACTIVATION_INVALID, issueActivation };
