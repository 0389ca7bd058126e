/** Mes demandes, staff's side (admin API and CLI): the list of requests, a status change and an answer. */
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { dossiers, requestMessages, requests } from '../db/schema';
import { ApiError } from '../http/errors';
import { withTenantWrite } from '../sync/versions';
import type { AdminDeps } from '../admin/deps';
import { addActivity } from '../home/activity';
import { addRequestEvent } from './events';
import { addNotification } from '../notifications/service';

export async function adminListRequests(deps: AdminDeps, status?: 'open' | 'in_progress' | 'closed' | 'cancelled') {
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

export async function adminUpdateRequest(deps: AdminDeps, id: string, status: 'open' | 'in_progress' | 'closed' | 'cancelled', message?: string) {
  const [target] = await deps.db.select().from(requests).where(eq(requests.id, id));
  if (!target) throw new ApiError('NOT_FOUND', { message: 'Demande introuvable.' });
  const now = deps.now();
  return withTenantWrite(deps.db, target.tenantId, async (tx, version) => {
    await tx.update(requests).set({ status, version, updatedAt: now }).where(eq(requests.id, id));
    if (status !== target.status) await addRequestEvent(tx, version, now, target.tenantId, id, status, 'staff');
    if (message) await tx.insert(requestMessages).values({ id: randomUUID(), tenantId: target.tenantId, version, updatedAt: now, requestId: id, author: 'staff', body: message, createdAt: now });
    await addActivity(tx, version, now, target.tenantId, 'request.updated', `Demande n° ${target.number} mise à jour`, id);
    // One update, one notification (its subject is this write's version): an answer, else a new status.
    if (message || status !== target.status) await addNotification(tx, { tenantId: target.tenantId, version, now }, message ? 'request.answered' : 'request.status', { number: target.number, status }, id, { subject: `${id}:${version}` });
    return { id, version };
  });
}
