/**
 * Mes demandes, staff's side: the list of the admin API and CLI, and the one function that
 * changes a request for staff (status, planned intervention, a reply), used by the admin API, the
 * CLI and the staff console's routes alike. It writes the tenant's activity and the audit entry in
 * the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { dossiers, requestMessages, requests } from '../db/schema';
import { ApiError } from '../http/errors';
import { withTenantWrite } from '../sync/versions';
import type { AdminDeps } from '../admin/deps';
import { addActivity } from '../home/activity';
import { addRequestEvent } from './events';
import { OFFICE_ACTOR, recordAudit, type StaffActor } from '../staff/audit';

type RequestStatus = 'open' | 'in_progress' | 'closed' | 'cancelled';

export async function adminListRequests(deps: AdminDeps, status?: RequestStatus) {
  const rows = await deps.db
    .select({ r: requests, dossierNumber: dossiers.number })
    .from(requests)
    .innerJoin(dossiers, eq(dossiers.id, requests.dossierId))
    .where(status ? eq(requests.status, status) : undefined)
    .orderBy(desc(requests.number));
  return rows.map(({ r, dossierNumber }) => ({
    id: r.id,
    number: r.number,
    tenantId: r.tenantId,
    dossierNumber,
    kind: r.kind,
    category: r.category,
    subject: r.subject,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }));
}

export interface StaffRequestChange {
  /** The new status (absent: a reply only). */
  status?: RequestStatus;
  /** The planned intervention, `aaaa-mm-jj`; null clears it; absent leaves it. */
  plannedDate?: string | null;
  /** A reply sent to the tenant, signed with the actor's name. */
  message?: string;
  /** The reply's id chosen by the client (an offline queue sending again): written once. */
  messageId?: string;
  /** Who does it (the audit log's entry); default the office (admin API, CLI). */
  actor?: StaffActor;
}

/**
 * Staff change a request: status, planned date and/or a reply. One tenant version, one activity
 * line ("Réponse à votre demande", "Intervention planifiée" or "mise à jour"), one audit entry.
 */
export async function adminUpdateRequest(deps: AdminDeps, id: string, change: StaffRequestChange) {
  const now = deps.now();
  const actor = change.actor ?? OFFICE_ACTOR;
  const [target] = await deps.db.select({ tenantId: requests.tenantId }).from(requests).where(eq(requests.id, id));
  if (!target) throw new ApiError('NOT_FOUND', { message: 'Demande introuvable.' });
  return withTenantWrite(deps.db, target.tenantId, async (tx, version) => {
    // Read again under the tenant's lock: two staff members answering at once see each other's change.
    const [before] = await tx.select().from(requests).where(eq(requests.id, id));
    if (!before) throw new ApiError('NOT_FOUND', { message: 'Demande introuvable.' });
    if (change.messageId) {
      const [sent] = await tx.select({ requestId: requestMessages.requestId, version: requestMessages.version }).from(requestMessages).where(eq(requestMessages.id, change.messageId));
      if (sent && sent.requestId === id) return { id, version: sent.version };
      if (sent) throw new ApiError('CONFLICT', { message: 'Cet identifiant de message est déjà utilisé.' });
    }
    const status = change.status ?? before.status;
    const plannedDate = change.plannedDate === undefined ? before.plannedDate : change.plannedDate;
    const statusChanged = status !== before.status;
    const planChanged = plannedDate !== before.plannedDate;
    if (!statusChanged && !planChanged && !change.message) return { id, version };
    await tx.update(requests).set({ status, plannedDate, version, updatedAt: now }).where(eq(requests.id, id));
    if (statusChanged) await addRequestEvent(tx, version, now, before.tenantId, id, status, 'staff');
    if (change.message) {
      await tx.insert(requestMessages).values({ id: change.messageId ?? randomUUID(), tenantId: before.tenantId, version, updatedAt: now, requestId: id, author: 'staff', authorName: actor.displayName, body: change.message, createdAt: now });
    }
    if (planChanged && plannedDate) await addActivity(tx, version, now, before.tenantId, 'request.planned', `Intervention planifiée (demande n° ${before.number})`, id);
    else if (change.message && !statusChanged) await addActivity(tx, version, now, before.tenantId, 'request.answered', `Réponse à votre demande n° ${before.number}`, id);
    else await addActivity(tx, version, now, before.tenantId, 'request.updated', `Demande n° ${before.number} mise à jour`, id);
    await recordAudit(tx, {
      at: now,
      actor,
      action: change.status === undefined && change.plannedDate === undefined ? 'request.reply' : 'request.status',
      targetType: 'request',
      targetId: id,
      before: { status: before.status, plannedDate: before.plannedDate },
      after: { status, plannedDate, ...(change.message ? { message: change.message } : {}) },
    });
    return { id, version };
  });
}
