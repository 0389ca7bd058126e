/** Mon contrat: the tenant asks for a change of the occupants of a dossier (staff decide). */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { OccupantsChangeBody } from '../../../src-shared/contract/api';
import type { Tx } from '../db/client';
import { occupants } from '../db/schema';
import { insertChangeRequest } from '../change-requests/service';
import type { WriteAt } from '../sync/versions';
import { requireDossier } from '../dossier/service';

export async function requestOccupantsChange(tx: Tx, at: WriteAt, body: OccupantsChangeBody) {
  await requireDossier(tx, at.tenantId, body.dossierId);
  const proposal = { occupants: body.occupants };
  return insertChangeRequest(tx, at, { kind: 'occupants', dossierId: body.dossierId, summary: proposal, payload: proposal });
}

/** Staff approved the change: the proposed list replaces the dossier's occupants (the old ones become tombstones). */
export async function applyOccupantsChange(tx: Tx, at: Omit<WriteAt, 'id'>, dossierId: string, payload: Pick<OccupantsChangeBody, 'occupants'>): Promise<void> {
  const { tenantId, version, now } = at;
  await tx.update(occupants).set({ deleted: true, version, updatedAt: now }).where(and(eq(occupants.dossierId, dossierId), eq(occupants.deleted, false)));
  await tx.insert(occupants).values(payload.occupants.map((o) => ({ id: randomUUID(), tenantId, dossierId, version, updatedAt: now, ...o })));
}
