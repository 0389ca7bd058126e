/** Mon contrat: the tenant asks for a change of the occupants of a dossier (staff decide). */
import type { OccupantsChangeBody } from '../../../src-shared/contract/api';
import type { Tx } from '../db/client';
import { insertChangeRequest } from '../change-requests/service';
import type { WriteAt } from '../sync/versions';
import { requireDossier } from '../dossier/service';

export async function requestOccupantsChange(tx: Tx, at: WriteAt, body: OccupantsChangeBody) {
  await requireDossier(tx, at.tenantId, body.dossierId);
  const proposal = { occupants: body.occupants };
  return insertChangeRequest(tx, at, { kind: 'occupants', dossierId: body.dossierId, summary: proposal, payload: proposal });
}
