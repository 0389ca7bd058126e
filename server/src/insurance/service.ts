/** Mon assurance: the tenant sends their home insurance certificate (staff check it). */
import type { InsuranceBody } from '../../../src-shared/insurance/api';
import type { Tx } from '../db/client';
import { insuranceCertificates } from '../db/schema';
import { addActivity } from '../home/activity';
import type { WriteAt } from '../sync/versions';
import { requireDossier } from '../dossier/service';
import { requireUploads } from '../uploads/service';

export async function submitInsurance(tx: Tx, at: WriteAt, body: InsuranceBody) {
  const { id, version, now, tenantId } = at;
  await requireDossier(tx, tenantId, body.dossierId);
  const [attachment] = await requireUploads(tx, tenantId, [body.attachmentUploadId], 'attachmentUploadId');
  await tx.insert(insuranceCertificates).values({
    id, tenantId, version, updatedAt: now, dossierId: body.dossierId, insurer: body.insurer, policyNumber: body.policyNumber,
    validFrom: body.validFrom, validTo: body.validTo, attachmentSha256: attachment!, status: 'pending', createdAt: now,
  });
  await addActivity(tx, version, now, tenantId, 'insurance.sent', 'Attestation d\'assurance transmise', id);
  return { id, version };
}
