/**
 * Mon assurance, staff's side: a certificate accepted, or refused with its reason (shown to the
 * tenant on Mon assurance). One function for every caller; the tenant's activity and the audit
 * entry are written in the same transaction.
 */
import { eq } from 'drizzle-orm';
import { insuranceCertificates } from '../db/schema';
import { ApiError } from '../http/errors';
import { withTenantWrite } from '../sync/versions';
import type { AdminDeps } from '../admin/deps';
import { addActivity } from '../home/activity';
import { OFFICE_ACTOR, recordAudit, type StaffActor } from '../staff/audit';

export async function decideInsurance(deps: Pick<AdminDeps, 'db' | 'now'>, id: string, decision: 'accept' | 'refuse', reason?: string, actor: StaffActor = OFFICE_ACTOR) {
  const [found] = await deps.db.select({ tenantId: insuranceCertificates.tenantId }).from(insuranceCertificates).where(eq(insuranceCertificates.id, id));
  if (!found) throw new ApiError('NOT_FOUND', { message: 'Attestation introuvable.' });
  if (decision === 'refuse' && !reason) throw new ApiError('VALIDATION', { fields: [{ path: 'reason', message: 'Indiquez le motif du refus', key: 'fields.required' }] });
  const now = deps.now();
  return withTenantWrite(deps.db, found.tenantId, async (tx, version) => {
    const [before] = await tx.select().from(insuranceCertificates).where(eq(insuranceCertificates.id, id));
    if (!before) throw new ApiError('NOT_FOUND', { message: 'Attestation introuvable.' });
    if (before.status !== 'pending') throw new ApiError('CONFLICT', { message: 'Cette attestation a déjà été traitée.' });
    const status = decision === 'accept' ? 'accepted' : 'refused';
    const staffComment = decision === 'refuse' ? reason! : (reason ?? null);
    await tx.update(insuranceCertificates).set({ status, staffComment, decidedAt: now, version, updatedAt: now }).where(eq(insuranceCertificates.id, id));
    await addActivity(tx, version, now, found.tenantId, decision === 'accept' ? 'insurance.accepted' : 'insurance.refused', decision === 'accept' ? 'Attestation d\'assurance acceptée' : 'Attestation d\'assurance refusée', id);
    await recordAudit(tx, { at: now, actor, action: 'insurance.decide', targetType: 'insurance', targetId: id, before: { status: before.status }, after: { status, staffComment } });
    return { id, version };
  });
}
