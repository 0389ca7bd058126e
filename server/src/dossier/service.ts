/** Mon dossier: the tenant asks for a change of their personal details (staff decide, admin/service.ts). */
import { and, eq } from 'drizzle-orm';
import type { PersonalInfoChangeBody } from '../../../src-shared/dossier/api';
import { formatFrenchPhone, validateFrenchPhone } from '../../../src-shared/validation';
import type { Tx } from '../db/client';
import { dossiers, tenants } from '../db/schema';
import { ApiError, validationError, type FieldProblem } from '../http/errors';
import { insertChangeRequest } from '../change-requests/service';
import type { WriteAt } from '../sync/versions';

/** The profile fields a personal-info change may carry, and their column on `tenants`. */
const PROFILE_FIELDS = { email: 'contactEmail', phoneHome: 'phoneHome', phoneMobile: 'phoneMobile', phoneWork: 'phoneWork', cafNumber: 'cafNumber' } as const;

/** The dossier must be the tenant's own and live: every area's write on a dossier checks it first. */
export async function requireDossier(tx: Tx, tenantId: string, dossierId: string): Promise<void> {
  const [row] = await tx.select({ id: dossiers.id }).from(dossiers).where(and(eq(dossiers.id, dossierId), eq(dossiers.tenantId, tenantId), eq(dossiers.deleted, false)));
  if (!row) throw new ApiError('NOT_FOUND', { message: 'Dossier introuvable.' });
}

/** The change as staff will read it: phones checked and in the seed's display form, "06.01.02.03.04". Throws 400 on a bad phone. */
export function normalizePersonalInfo(body: PersonalInfoChangeBody): Record<string, string | null> {
  const problems: FieldProblem[] = [];
  const normalized: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(body)) {
    if (field.startsWith('phone') && value) {
      const phone = validateFrenchPhone(value);
      if (!phone.ok) problems.push({ path: field, message: 'Numéro de téléphone invalide', key: 'fields.phone.format' });
      else normalized[field] = formatFrenchPhone(value);
    } else normalized[field] = value ?? null;
  }
  if (problems.length) throw validationError(problems);
  return normalized;
}

export async function requestPersonalInfoChange(tx: Tx, at: WriteAt, normalized: Record<string, string | null>) {
  return insertChangeRequest(tx, at, { kind: 'personal_info', summary: normalized, payload: normalized });
}

/** Staff approved the change (change-requests/staff.ts): the fields it carries replace the profile's. */
export async function applyPersonalInfoChange(tx: Tx, at: Omit<WriteAt, 'id'>, payload: Record<string, unknown>): Promise<void> {
  const set: Record<string, unknown> = { version: at.version, updatedAt: at.now };
  for (const [field, column] of Object.entries(PROFILE_FIELDS)) if (field in payload) set[column] = payload[field];
  await tx.update(tenants).set(set).where(eq(tenants.id, at.tenantId));
}
