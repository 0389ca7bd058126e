/** Ma situation de solde: the tenant asks for a new RIB, with a supporting document (staff decide). */
import type { BankDetailsChangeBody } from '../../../src-shared/balance/api';
import { maskBic, maskIban, normalizeBic, normalizeIban } from '../../../src-shared/validation';
import type { DataCipher } from '../crypto/data-key';
import type { Tx } from '../db/client';
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
