/**
 * Staff operations, shared by the admin API (/v1/admin) and the admin CLI. Those of one area live
 * in it (requests/staff.ts, change-requests/staff.ts) and are re-exported here, so the API and the
 * CLI have one list of what staff can do.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { adminCreateTenantBodySchema, ledgerPostingSchema } from '../../../src-shared/api/admin';
import type { Landlord } from '../../../src-shared/api/landlord';
import { landlordSettings, blobs, documents, dossiers, tenants } from '../db/schema';
import { sha256Hex } from '../crypto/tokens';
import { sniffMediaType } from '../lib/magic';
import { MAX_UPLOAD_BYTES } from '../../../src-shared/limits';
import { ApiError, validationError, type FieldProblem } from '../http/errors';
import { bicProblem, ibanProblem } from '../lib/field-checks';
import { withTenantWrite } from '../sync/versions';
import { postLedgerEntries } from '../balance/ledger';
import { addActivity } from '../home/activity';
import { createTenant } from '../dossier/tenants';
import { landlordIdentityFromEnv, NO_MAIL, SANDBOX_LANDLORD_IDENTITY, type DocumentDeps } from '../documents/deps';
import { readLandlordSettings } from '../landlord/settings';
import { OFFICE_ACTOR, recordAudit, type StaffActor } from '../staff/audit';
import { residenceIdsByCode } from '../residences/service';
import { issueSettlementDocuments, periodsSettledBy, publishMonthNotices, type PublishNoticesParams, type SettlementOutcome } from '../documents/publish';

export { adminListRequests, adminUpdateRequest } from '../requests/staff';
export { adminDecideChangeRequest, adminListChangeRequests } from '../change-requests/staff';
export { decideInsurance } from '../insurance/staff';

import type { AdminDeps } from './deps';
import { addNotification } from '../notifications/service';
export type { AdminDeps } from './deps';

export function documentDeps(deps: AdminDeps): DocumentDeps {
  return {
    db: deps.db,
    cipher: deps.cipher,
    clock: deps.now,
    mailer: deps.documents?.mailer ?? NO_MAIL,
    landlord: deps.documents?.landlord ?? { settings: () => readLandlordSettings(deps.db), identity: landlordIdentityFromEnv(process.env) ?? SANDBOX_LANDLORD_IDENTITY },
    ...(deps.documents?.log ? { log: deps.documents.log } : {}),
    ...(deps.documents?.rendering ? { rendering: deps.documents.rendering } : {}),
  };
}

/** Staff publish the avis d'échéance of a month, for every tenant or one (Numéro TG). */
export function adminPublishNotices(deps: AdminDeps, period: string, tenantReference?: string, options: Pick<PublishNoticesParams, 'onProgress' | 'keepNotices'> = {}) {
  return publishMonthNotices(documentDeps(deps), { period, ...(tenantReference ? { tenantReference } : {}), ...options });
}

type CreateTenantInput = z.output<typeof adminCreateTenantBodySchema>;

export async function adminCreateTenant(deps: AdminDeps, input: CreateTenantInput) {
  if (input.bank) {
    const problems = [ibanProblem('bank.iban', input.bank.iban), bicProblem('bank.bic', input.bank.bic)].filter((p): p is FieldProblem => p !== null);
    if (problems.length) throw validationError(problems);
  }
  const [taken] = await deps.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.reference, input.reference));
  if (taken) throw new ApiError('CONFLICT', { message: 'Ce numéro TG existe déjà.' });
  const [dossierTaken] = await deps.db.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.number, input.dossier.number));
  if (dossierTaken) throw new ApiError('CONFLICT', { message: 'Ce numéro de dossier existe déjà.' });
  const code = input.dossier.residenceCode;
  const residenceId = code ? (await residenceIdsByCode(deps.db, [code])).get(code) : undefined;
  if (code && !residenceId) throw validationError([{ path: 'dossier.residenceCode', message: 'Résidence inconnue : créez-la d\'abord', key: 'fields.invalid' }]);
  return createTenant(deps.db, deps.cipher, deps.now(), { ...input, dossier: { ...input.dossier, residenceId: residenceId ?? null } });
}

export async function adminPostLedger(deps: AdminDeps, dossierNumber: string, entries: z.output<typeof ledgerPostingSchema>[]) {
  const [dossier] = await deps.db.select().from(dossiers).where(eq(dossiers.number, dossierNumber));
  if (!dossier) throw new ApiError('NOT_FOUND', { message: 'Dossier introuvable.' });
  const now = deps.now();
  const ids = await withTenantWrite(deps.db, dossier.tenantId, async (tx, version) => {
    const ids = await postLedgerEntries(tx, version, now, dossier.tenantId, dossier.id, entries);
    for (const [i, e] of entries.entries()) {
      if (e.kind === 'payment') await addActivity(tx, version, now, dossier.tenantId, 'payment.done', 'Paiement effectué', ids[i] ?? null);
    }
    return ids;
  });
  // Payments (and allowances) settle their period: quittance when paid in full, reçu otherwise.
  // The entries are posted whatever happens here: a failure is reported, never thrown (a retry would post them twice).
  const settled: (SettlementOutcome & { period: string; error?: string })[] = [];
  for (const period of periodsSettledBy(entries)) {
    try {
      settled.push({ period, ...(await issueSettlementDocuments(documentDeps(deps), { dossierId: dossier.id, period })) });
    } catch (error) {
      deps.documents?.log?.('admin: settlement document not issued', { dossier: dossierNumber, period, error: String(error) });
      settled.push({ period, status: 'none', error: error instanceof Error ? error.message : String(error) });
    }
  }
  const [after] = await deps.db.select({ balanceCents: dossiers.balanceCents }).from(dossiers).where(eq(dossiers.id, dossier.id));
  return { ids, balanceCents: after!.balanceCents, documents: settled };
}

/** Attaches a PDF to a dossier as a quittance / avis d'échéance / reçu (activity + sync). */
export async function adminAddDocument(deps: AdminDeps, dossierNumber: string, input: { kind: 'quittance' | 'avis_echeance' | 'recu'; period: string; title: string; amountCents?: number; pdf: Buffer }) {
  if (sniffMediaType(input.pdf) !== 'application/pdf') throw validationError([{ path: 'pdfBase64', message: 'Le fichier doit être un PDF' }]);
  if (input.pdf.length > MAX_UPLOAD_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
  const [dossier] = await deps.db.select().from(dossiers).where(eq(dossiers.number, dossierNumber));
  if (!dossier) throw new ApiError('NOT_FOUND', { message: 'Dossier introuvable.' });
  const now = deps.now();
  const sha256 = sha256Hex(input.pdf);
  const id = randomUUID();
  await withTenantWrite(deps.db, dossier.tenantId, async (tx, version) => {
    await tx.insert(blobs).values({ sha256, mediaType: 'application/pdf', size: input.pdf.length, content: input.pdf, createdAt: now }).onConflictDoNothing();
    await tx.insert(documents).values({ id, tenantId: dossier.tenantId, dossierId: dossier.id, version, updatedAt: now, kind: input.kind, period: input.period, title: input.title, sha256, size: input.pdf.length, issuedAt: now, amountCents: input.amountCents ?? null });
    await addActivity(tx, version, now, dossier.tenantId, 'document.published', input.title, id);
    await addNotification(tx, { tenantId: dossier.tenantId, version, now }, 'document.published', { documentKind: input.kind, period: input.period }, id);
  });
  return { id, sha256, size: input.pdf.length };
}

/** Replaces the white-label settings served at GET /v1/landlord (validated by landlordSchema); one audit entry. */
export async function adminSetLandlord(deps: AdminDeps, landlord: Landlord, actor: StaffActor = OFFICE_ACTOR): Promise<Landlord> {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const [before] = await tx.select({ data: landlordSettings.data }).from(landlordSettings).where(eq(landlordSettings.id, 1)).for('update');
    await tx.insert(landlordSettings).values({ id: 1, data: landlord, updatedAt: now }).onConflictDoUpdate({ target: landlordSettings.id, set: { data: landlord, updatedAt: now } });
    await recordAudit(tx, { at: now, actor, action: 'landlord.update', targetType: 'landlord', targetId: '1', before: before?.data ?? null, after: landlord });
  });
  return landlord;
}
