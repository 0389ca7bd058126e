/**
 * Change requests: what the tenant asks to change in Mon dossier (personal details), Mon contrat
 * (occupants) and Ma situation de solde (bank details). Staff decide them (admin/service.ts); the
 * three areas share one table, one feed entity and this insert.
 */
import type { Tx } from '../db/client';
import { changeRequests } from '../db/schema';
import { addActivity } from '../home/activity';
import type { WriteAt } from '../sync/versions';

const CHANGE_REQUEST_LABELS = {
  personal_info: 'Demande de mise à jour de mes informations',
  occupants: 'Demande de modification des occupants',
  bank_details: 'Demande de mise à jour du RIB',
} as const;

/** A change request for staff, and its line in "Mes dernières actions". */
export async function insertChangeRequest(
  tx: Tx,
  at: WriteAt,
  request: { kind: keyof typeof CHANGE_REQUEST_LABELS; dossierId?: string; summary: object; payload: object; attachmentSha256?: string },
) {
  const { id, version, now, tenantId } = at;
  await tx.insert(changeRequests).values({ id, tenantId, version, updatedAt: now, status: 'pending', createdAt: now, ...request });
  await addActivity(tx, version, now, tenantId, 'changeRequest.sent', CHANGE_REQUEST_LABELS[request.kind], id);
  return { id, version };
}
