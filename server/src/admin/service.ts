/** Staff operations, shared by the admin API (/v1/admin) and the admin CLI. */
import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { adminCreateTenantBodySchema, ledgerPostingSchema } from '../../../src-shared/api/admin';
import type { Db } from '../db/client';
import type { Landlord } from '../../../src-shared/api/landlord';
import { landlordSettings, bankAccounts, blobs, changeRequests, documents, dossiers, occupants, tenants } from '../db/schema';
import { sha256Hex } from '../crypto/tokens';
import { sniffMediaType } from '../lib/magic';
import { MAX_UPLOAD_BYTES } from '../../../src-shared/limits';
import type { DataCipher } from '../crypto/data-key';
import { ApiError, validationError, type FieldProblem } from '../http/errors';
import { bicProblem, ibanProblem } from '../lib/field-checks';
import { withTenantWrite } from '../sync/versions';
import { postLedgerEntries } from '../balance/ledger';
import { addActivity } from '../home/activity';
import { createTenant } from '../dossier/tenants';
import { landlordIdentityFromEnv, NO_MAIL, SANDBOX_LANDLORD_IDENTITY, type DocumentDeps } from '../documents/deps';
import { readLandlordSettings } from '../landlord/settings';
import { issueSettlementDocuments, periodsSettledBy, publishMonthNotices, type SettlementOutcome } from '../documents/publish';

export interface AdminDeps {
  db: Db;
  cipher: DataCipher;
  now: () => Date;
  /** For documents (quittances, reçus, avis): mailer, landlord settings and letterhead identity; defaults: no mail, the stored settings, LANDLORD_* env. */
  documents?: Partial<Pick<DocumentDeps, 'mailer' | 'landlord' | 'log'>>;
}

function documentDeps(deps: AdminDeps): DocumentDeps {
  return {
    db: deps.db,
    cipher: deps.cipher,
    clock: deps.now,
    mailer: deps.documents?.mailer ?? NO_MAIL,
    landlord: deps.documents?.landlord ?? { settings: () => readLandlordSettings(deps.db), identity: landlordIdentityFromEnv(process.env) ?? SANDBOX_LANDLORD_IDENTITY },
    ...(deps.documents?.log ? { log: deps.documents.log } : {}),
  };
}

/** Staff publish the avis d'échéance of a month, for every tenant or one (Numéro TG). */
export function adminPublishNotices(deps: AdminDeps, period: string, tenantReference?: string) {
  return publishMonthNotices(documentDeps(deps), { period, ...(tenantReference ? { tenantReference } : {}) });
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
  return createTenant(deps.db, deps.cipher, deps.now(), input);
}

export async function adminPostLedger(deps: AdminDeps, dossierNumber: string, entries: z.output<typeof ledgerPostingSchema>[]) {
  const [dossier] = await deps.db.select().from(dossiers).where(eq(dossiers.number, dossierNumber));
  if (!dossier) throw new ApiError('NOT_FOUND', { message: 'Dossier introuvable.' });
  const now = deps.now();
  const ids = await withTenantWrite(deps.db, dossier.tenantId, async (tx, version) => {
    const ids = await postLedgerEntries(tx, version, now, dossier.tenantId, dossier.id, entries);
    for (const [i, e] of entries.entries()) {
      if (e.kind === 'payment') await addActivity(tx, version, now, dossier.tenantId, 'payment', 'Paiement effectué', ids[i] ?? null);
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

export async function adminListChangeRequests(deps: AdminDeps, status?: 'pending' | 'approved' | 'refused') {
  const rows = await deps.db.select().from(changeRequests).where(status ? eq(changeRequests.status, status) : undefined).orderBy(desc(changeRequests.createdAt));
  return rows.map((c) => ({
    id: c.id,
    tenantId: c.tenantId,
    kind: c.kind,
    summary: c.summary as Record<string, unknown>,
    attachmentSha256: c.attachmentSha256,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
  }));
}

const PROFILE_FIELDS = { email: 'contactEmail', phoneHome: 'phoneHome', phoneMobile: 'phoneMobile', phoneWork: 'phoneWork', cafNumber: 'cafNumber' } as const;

/** Approving applies the change to the tenant's data (and the sync feed); refusing only records it. */
export async function adminDecideChangeRequest(deps: AdminDeps, id: string, decision: 'approve' | 'refuse', comment?: string) {
  const [change] = await deps.db.select().from(changeRequests).where(eq(changeRequests.id, id));
  if (!change) throw new ApiError('NOT_FOUND', { message: 'Demande de modification introuvable.' });
  if (change.status !== 'pending') throw new ApiError('CONFLICT', { message: 'Cette demande a déjà été traitée.' });
  const now = deps.now();
  const tenantId = change.tenantId;
  return withTenantWrite(deps.db, tenantId, async (tx, version) => {
    if (decision === 'approve') {
      const payload = change.payload as Record<string, unknown>;
      if (change.kind === 'personal_info') {
        const set: Record<string, unknown> = { version, updatedAt: now };
        for (const [field, column] of Object.entries(PROFILE_FIELDS)) if (field in payload) set[column] = payload[field];
        await tx.update(tenants).set(set).where(eq(tenants.id, tenantId));
      } else if (change.kind === 'occupants' && change.dossierId) {
        const list = (payload as { occupants: { civility: string; lastName: string; firstName: string; birthDate: string; relationship: string; signatory: boolean }[] }).occupants;
        await tx.update(occupants).set({ deleted: true, version, updatedAt: now }).where(and(eq(occupants.dossierId, change.dossierId), eq(occupants.deleted, false)));
        await tx.insert(occupants).values(list.map((o) => ({ id: randomUUID(), tenantId, dossierId: change.dossierId!, version, updatedAt: now, ...o })));
      } else if (change.kind === 'bank_details' && change.dossierId) {
        const p = payload as { ibanEncrypted: string; bicEncrypted: string; bankName: string; holder: { lastName: string; firstNames: string } };
        const summary = change.summary as { ibanMasked: string; bicMasked: string };
        await tx.update(bankAccounts).set({ deleted: true, version, updatedAt: now }).where(and(eq(bankAccounts.dossierId, change.dossierId), eq(bankAccounts.deleted, false)));
        await tx.insert(bankAccounts).values({
          id: randomUUID(), tenantId, dossierId: change.dossierId, version, updatedAt: now, bankName: p.bankName,
          ibanEncrypted: p.ibanEncrypted, bicEncrypted: p.bicEncrypted, ibanMasked: summary.ibanMasked, bicMasked: summary.bicMasked,
          holder: `${p.holder.lastName} ${p.holder.firstNames}`.toUpperCase(),
        });
      }
    }
    await tx
      .update(changeRequests)
      .set({ status: decision === 'approve' ? 'approved' : 'refused', staffComment: comment ?? null, decidedAt: now, version, updatedAt: now })
      .where(eq(changeRequests.id, id));
    await addActivity(tx, version, now, tenantId, 'changeRequest', decision === 'approve' ? 'Demande de modification acceptée' : 'Demande de modification refusée', id);
    return { id, version };
  });
}

/** Attaches a PDF to a dossier as a quittance / avis d'échéance / reçu (activity + sync). */
export async function adminAddDocument(deps: AdminDeps, dossierNumber: string, input: { kind: 'quittance' | 'avis_echeance' | 'recu'; period: string; title: string; pdf: Buffer }) {
  if (sniffMediaType(input.pdf) !== 'application/pdf') throw validationError([{ path: 'pdfBase64', message: 'Le fichier doit être un PDF' }]);
  if (input.pdf.length > MAX_UPLOAD_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
  const [dossier] = await deps.db.select().from(dossiers).where(eq(dossiers.number, dossierNumber));
  if (!dossier) throw new ApiError('NOT_FOUND', { message: 'Dossier introuvable.' });
  const now = deps.now();
  const sha256 = sha256Hex(input.pdf);
  const id = randomUUID();
  await withTenantWrite(deps.db, dossier.tenantId, async (tx, version) => {
    await tx.insert(blobs).values({ sha256, mediaType: 'application/pdf', size: input.pdf.length, content: input.pdf, createdAt: now }).onConflictDoNothing();
    await tx.insert(documents).values({ id, tenantId: dossier.tenantId, dossierId: dossier.id, version, updatedAt: now, kind: input.kind, period: input.period, title: input.title, sha256, size: input.pdf.length, issuedAt: now });
    await addActivity(tx, version, now, dossier.tenantId, 'document', input.title, id);
  });
  return { id, sha256, size: input.pdf.length };
}

/** Replaces the white-label settings served at GET /v1/landlord (validated by landlordSchema). */
export async function adminSetLandlord(deps: AdminDeps, landlord: Landlord): Promise<Landlord> {
  await deps.db
    .insert(landlordSettings)
    .values({ id: 1, data: landlord, updatedAt: deps.now() })
    .onConflictDoUpdate({ target: landlordSettings.id, set: { data: landlord, updatedAt: deps.now() } });
  return landlord;
}
