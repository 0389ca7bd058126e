/** Ma situation de solde: the tenant asks for a new RIB, with a supporting document (staff decide). */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { BankDetailsChangeBody } from '../../../src-shared/balance/api';
import { maskBic, maskIban, normalizeBic, normalizeIban } from '../../../src-shared/validation';
import type { DataCipher } from '../crypto/data-key';
import type { Tx } from '../db/client';
import { bankAccounts } from '../db/schema';
import { validationError, type FieldProblem } from '../http/errors';
import { bicProblem, ibanProblem } from '../lib/field-checks';
import { insertChangeRequest } from '../change-requests/service';
import type { WriteAt } from '../sync/versions';
import { requireDossier } from '../dossier/service';
import { requireUploads } from '../uploads/service';

/** Throws 400 when the IBAN or the BIC does not check out (before any transaction). */
export function checkBankDetails(body: BankDetailsChangeBody): void {
  const problems = [ibanProblem('iban', body.iban), bicProblem('bic', body.bic)].filter((p): p is FieldProblem => p !== null);
  if (problems.length) throw validationError(problems);
}

/** The tenant sees the masked IBAN again; staff get the full one, encrypted at rest. */
export async function requestBankDetailsChange(tx: Tx, cipher: DataCipher, at: WriteAt, body: BankDetailsChangeBody) {
  await requireDossier(tx, at.tenantId, body.dossierId);
  const [attachment] = await requireUploads(tx, at.tenantId, [body.attachmentUploadId], 'attachmentUploadId');
  const summary = { ibanMasked: maskIban(body.iban), bicMasked: maskBic(body.bic), bankName: body.bankName, holder: body.holder };
  const payload = { ibanEncrypted: cipher.encrypt(normalizeIban(body.iban)), bicEncrypted: cipher.encrypt(normalizeBic(body.bic)), bankName: body.bankName, holder: body.holder };
  return insertChangeRequest(tx, at, { kind: 'bank_details', dossierId: body.dossierId, summary, payload, attachmentSha256: attachment! });
}

/** What a bank-details change request stores for staff (see requestBankDetailsChange). */
interface BankDetailsPayload {
  ibanEncrypted: string;
  bicEncrypted: string;
  bankName: string;
  holder: { lastName: string; firstNames: string };
}

/**
 * The SEPA mandate amendment a new RIB makes: the mandate (its RUM and the creditor) goes on, on
 * the new account. Recorded in the decision's audit entry; the landlord's ERP sends it with the
 * next direct debit ("modification du compte du débiteur").
 */
export interface MandateAmendment {
  mandateRum: string | null;
  creditorId: string | null;
  previousIbanMasked: string | null;
  newIbanMasked: string;
}

/**
 * Staff approved the change: the dossier's bank account is replaced (the old one becomes a
 * tombstone), the masks are the ones the tenant saw, and the direct-debit mandate carries over to
 * the new account (it used to be dropped, leaving the dossier without its RUM).
 */
export async function applyBankDetailsChange(tx: Tx, at: Omit<WriteAt, 'id'>, dossierId: string, payload: BankDetailsPayload, summary: { ibanMasked: string; bicMasked: string }): Promise<MandateAmendment> {
  const { tenantId, version, now } = at;
  const [previous] = await tx
    .update(bankAccounts)
    .set({ deleted: true, version, updatedAt: now })
    .where(and(eq(bankAccounts.dossierId, dossierId), eq(bankAccounts.deleted, false)))
    .returning({ mandateRum: bankAccounts.mandateRum, creditorId: bankAccounts.creditorId, ibanMasked: bankAccounts.ibanMasked });
  await tx.insert(bankAccounts).values({
    id: randomUUID(), tenantId, dossierId, version, updatedAt: now, bankName: payload.bankName,
    ibanEncrypted: payload.ibanEncrypted, bicEncrypted: payload.bicEncrypted, ibanMasked: summary.ibanMasked, bicMasked: summary.bicMasked,
    holder: `${payload.holder.lastName} ${payload.holder.firstNames}`.toUpperCase(),
    mandateRum: previous?.mandateRum ?? null, creditorId: previous?.creditorId ?? null,
  });
  return { mandateRum: previous?.mandateRum ?? null, creditorId: previous?.creditorId ?? null, previousIbanMasked: previous?.ibanMasked ?? null, newIbanMasked: summary.ibanMasked };
}
