/**
 * Residences: the landlord's buildings or groups, each with its caretaker (name, phone, hours,
 * lodge) and its on-call arrangement. A dossier belongs to one (dossiers.residence_id); the
 * technical requests of a residence reach its caretakers. Written by the staff API, the admin CLI
 * and the ERP import (by code), one function per fact.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { residenceBodySchema, Residence, ResidenceRef } from '../../../src-shared/api/staff';
import type { Db, DbOrTx } from '../db/client';
import { residences } from '../db/schema';
import { ApiError } from '../http/errors';
import { recordAudit, type StaffActor } from '../staff/audit';
import { resyncResidence } from './projection';

export type ResidenceInput = z.output<typeof residenceBodySchema>;
type ResidenceRow = typeof residences.$inferSelect;

export function residenceView(r: ResidenceRow): Residence {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    addressLine: r.addressLine,
    postalCode: r.postalCode,
    city: r.city,
    caretakerName: r.caretakerName,
    caretakerPhone: r.caretakerPhone,
    caretakerHours: r.caretakerHours,
    lodgeAddress: r.lodgeAddress,
    onCallPhone: r.onCallPhone,
    onCallHours: r.onCallHours,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const residenceRef = (r: { id: string; code: string; name: string }): ResidenceRef => ({ id: r.id, code: r.code, name: r.name });

/** Every residence, or those of `ids` (a caretaker's), by name. */
export async function listResidences(db: DbOrTx, ids?: string[]): Promise<Residence[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db.select().from(residences).where(ids ? inArray(residences.id, ids) : undefined).orderBy(asc(residences.name), asc(residences.code));
  return rows.map(residenceView);
}

const codeTaken = () => new ApiError('CONFLICT', { message: 'Ce code de résidence existe déjà.' });

export async function createResidence(deps: { db: Db; now: () => Date }, input: ResidenceInput, actor: StaffActor): Promise<Residence> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: residences.id }).from(residences).where(eq(residences.code, input.code));
    if (taken) throw codeTaken();
    const [row] = await tx.insert(residences).values({ id: randomUUID(), ...input, createdAt: now, updatedAt: now }).returning();
    const view = residenceView(row!);
    await recordAudit(tx, { at: now, actor, action: 'residence.create', targetType: 'residence', targetId: view.id, after: view });
    return view;
  });
}

export async function updateResidence(deps: { db: Db; now: () => Date }, id: string, input: ResidenceInput, actor: StaffActor): Promise<Residence> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(residences).where(eq(residences.id, id)).for('update');
    if (!before) throw new ApiError('NOT_FOUND', { message: 'Résidence introuvable.' });
    if (input.code !== before.code) {
      const [taken] = await tx.select({ id: residences.id }).from(residences).where(eq(residences.code, input.code));
      if (taken) throw codeTaken();
    }
    const [row] = await tx.update(residences).set({ ...input, updatedAt: now }).where(eq(residences.id, id)).returning();
    const view = residenceView(row!);
    await recordAudit(tx, { at: now, actor, action: 'residence.update', targetType: 'residence', targetId: id, before: residenceView(before), after: view });
    // Its tenants' "Nous contacter" follows (the feed's residence rows ride on their dossiers).
    await resyncResidence(tx, id, now);
    return view;
  });
}

/** The residence ids of codes (the ERP import): unknown codes are missing from the map. */
export async function residenceIdsByCode(db: DbOrTx, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes.filter((c) => c !== ''))];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: residences.id, code: residences.code }).from(residences).where(inArray(residences.code, unique));
  return new Map(rows.map((r) => [r.code, r.id]));
}
