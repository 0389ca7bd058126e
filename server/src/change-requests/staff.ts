/**
 * Change requests, staff's side (admin API, CLI and the staff console): the list, and the
 * decision. Approving hands the change to its area (dossier, contract, balance), which applies it
 * to the tenant's data and so to the sync feed; refusing only records it. The tenant's data
 * changes only on approval. Each decision writes the tenant's activity and one audit entry in the
 * same transaction.
 */
import { desc, eq } from 'drizzle-orm';
import { changeRequests } from '../db/schema';
import { ApiError } from '../http/errors';
import { withTenantWrite } from '../sync/versions';
import type { AdminDeps } from '../admin/deps';
import { addActivity } from '../home/activity';
import { applyPersonalInfoChange } from '../dossier/service';
import { applyOccupantsChange } from '../contract/service';
import { applyBankDetailsChange, type MandateAmendment } from '../balance/service';
import { OFFICE_ACTOR, recordAudit, type StaffActor } from '../staff/audit';

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

export async function adminDecideChangeRequest(deps: AdminDeps, id: string, decision: 'approve' | 'refuse', comment?: string, actor: StaffActor = OFFICE_ACTOR) {
  const [found] = await deps.db.select({ tenantId: changeRequests.tenantId }).from(changeRequests).where(eq(changeRequests.id, id));
  if (!found) throw new ApiError('NOT_FOUND', { message: 'Demande de modification introuvable.' });
  const now = deps.now();
  const tenantId = found.tenantId;
  return withTenantWrite(deps.db, tenantId, async (tx, version) => {
    // Read under the tenant's lock: two staff members deciding at once, the second gets 409.
    const [change] = await tx.select().from(changeRequests).where(eq(changeRequests.id, id));
    if (!change) throw new ApiError('NOT_FOUND', { message: 'Demande de modification introuvable.' });
    if (change.status !== 'pending') throw new ApiError('CONFLICT', { message: 'Cette demande a déjà été traitée.' });
    let mandateAmendment: MandateAmendment | undefined;
    if (decision === 'approve') {
      const at = { tenantId, version, now };
      if (change.kind === 'personal_info') await applyPersonalInfoChange(tx, at, change.payload as Record<string, unknown>);
      else if (change.kind === 'occupants' && change.dossierId) await applyOccupantsChange(tx, at, change.dossierId, change.payload as Parameters<typeof applyOccupantsChange>[3]);
      else if (change.kind === 'bank_details' && change.dossierId) {
        mandateAmendment = await applyBankDetailsChange(tx, at, change.dossierId, change.payload as Parameters<typeof applyBankDetailsChange>[3], change.summary as Parameters<typeof applyBankDetailsChange>[4]);
      }
    }
    const status = decision === 'approve' ? 'approved' : 'refused';
    await tx.update(changeRequests).set({ status, staffComment: comment ?? null, decidedAt: now, version, updatedAt: now }).where(eq(changeRequests.id, id));
    await addActivity(tx, version, now, tenantId, decision === 'approve' ? 'changeRequest.approved' : 'changeRequest.refused', decision === 'approve' ? 'Demande de modification acceptée' : 'Demande de modification refusée', id);
    await recordAudit(tx, {
      at: now,
      actor,
      action: 'changeRequest.decide',
      targetType: 'changeRequest',
      targetId: id,
      before: { status: change.status, kind: change.kind, summary: change.summary },
      after: { status, comment: comment ?? null, ...(mandateAmendment ? { mandateAmendment } : {}) },
    });
    return { id, version, ...(mandateAmendment ? { mandateAmendment } : {}) };
  });
}
