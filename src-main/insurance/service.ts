/**
 * "Mon assurance logement": the certificate status of each housing dossier, and sending a new
 * certificate (3-step wizard in the renderer; one outbox item here).
 */
import { z } from 'zod';
import type { InsuranceBody } from '../../src-shared/insurance/api';
import type { insuranceSubmitInputSchema } from '../../src-shared/insurance/bridge';
import { putLocalEntity } from '../storage/cache-mirror';
import { sha256Hex } from '../sync/outbox';
import { decodeAttachment, deliveryOf, outboxById, requireDossier, rows, type AccountData } from '../services/account-data';

type InsuranceStatus = 'none' | 'valid' | 'expired' | 'pending' | 'refused';

/** Dossiers that hold a housing contract: those need a home-insurance certificate. */
function housingDossierIds(data: AccountData): Set<string> {
  return new Set(rows(data, 'contract').filter((row) => row.data.kind === 'logement').map((row) => row.data.dossierId));
}

export function insuranceStatuses(data: AccountData) {
  const outbox = outboxById(data);
  const housing = housingDossierIds(data);
  const certificates = rows(data, 'insurance');
  return rows(data, 'dossier')
    .filter((dossier) => housing.has(dossier.id))
    .map((dossier) => {
      const mine = certificates
        .filter((row) => row.data.dossierId === dossier.id)
        .sort((a, b) => b.data.createdAt.localeCompare(a.data.createdAt));
      const valid = mine.find((row) => row.data.status === 'accepted' && row.data.validFrom <= data.today && row.data.validTo >= data.today);
      const pending = mine.find((row) => row.data.status === 'pending' && deliveryOf(row, outbox) !== 'refused');
      const latest = mine[0];
      const shown = valid ?? pending ?? latest ?? null;
      let status: InsuranceStatus = 'none';
      if (valid) status = 'valid';
      else if (pending) status = 'pending';
      else if (latest && (latest.data.status === 'refused' || deliveryOf(latest, outbox) === 'refused')) status = 'refused';
      else if (latest?.data.status === 'accepted') status = 'expired';
      return {
        dossierId: dossier.id,
        number: dossier.data.number,
        status,
        insurer: shown?.data.insurer ?? null,
        policyNumber: shown?.data.policyNumber ?? null,
        validFrom: shown?.data.validFrom ?? null,
        validTo: shown?.data.validTo ?? null,
        // Staff's answer to the latest certificate sent (none while it waits).
        decision:
          latest && latest.data.status !== 'pending' && latest.data.decidedAt
            ? {
                status: latest.data.status === 'accepted' ? ('approved' as const) : ('refused' as const),
                comment: latest.data.staffComment,
                requestedAt: latest.data.createdAt,
                decidedAt: latest.data.decidedAt,
              }
            : null,
      };
    });
}

export function submitInsurance(data: AccountData, input: z.output<typeof insuranceSubmitInputSchema>) {
  requireDossier(data, input.dossierId);
  const attachment = decodeAttachment(input.attachment, 'attachment');
  const id = data.enqueue({
    kind: 'insurance.submit',
    attachments: [attachment],
    body: ({ uploadIds }) =>
      ({
        dossierId: input.dossierId,
        insurer: input.insurer,
        policyNumber: input.policyNumber,
        validFrom: input.validFrom,
        validTo: input.validTo,
        attachmentUploadId: uploadIds[0]!,
      }) satisfies InsuranceBody,
    optimistic: (tx, id) =>
      putLocalEntity(tx, 'insurance', id, {
        dossierId: input.dossierId,
        insurer: input.insurer,
        policyNumber: input.policyNumber,
        validFrom: input.validFrom,
        validTo: input.validTo,
        attachmentSha256: sha256Hex(attachment.bytes),
        status: 'pending',
        createdAt: data.now.toISOString(),
        staffComment: null,
        decidedAt: null,
      }),
  });
  return { id, delivery: 'pending' as const };
}
