/** Mes demandes, the tenant's side: a new request, a message on one, its cancellation. */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { createRequestBodySchema, RequestMessageBody } from '../../../src-shared/requests/api';
import type { Tx } from '../db/client';
import { requestMessages, requests } from '../db/schema';
import { ApiError, validationError } from '../http/errors';
import { addActivity } from '../home/activity';
import { addRequestEvent, nextRequestNumber } from './events';
import type { WriteAt } from '../sync/versions';
import { requireDossier } from '../dossier/service';
import { requireUploads } from '../uploads/service';

type CreateRequestBody = z.output<typeof createRequestBodySchema>;

/** An administrative request goes to one of the landlord's services: it must be one of theirs (400 otherwise). */
export function checkRequestService(serviceId: string, serviceIds: string[]): void {
  if (!serviceIds.includes(serviceId)) throw validationError([{ path: 'serviceId', message: 'Service inconnu', key: 'fields.invalid' }]);
}

export async function createRequest(tx: Tx, at: WriteAt, body: CreateRequestBody) {
  const { id, version, now, tenantId } = at;
  await requireDossier(tx, tenantId, body.dossierId);
  const photos = body.kind === 'technical' ? await requireUploads(tx, tenantId, body.photoUploadIds, 'photoUploadIds', true) : [];
  const number = await nextRequestNumber(tx);
  await tx.insert(requests).values({
    id, tenantId, version, updatedAt: now, dossierId: body.dossierId, number, kind: body.kind,
    category: body.kind === 'technical' ? body.category : body.serviceId,
    subject: body.kind === 'technical' ? body.description.slice(0, 80) : body.subject,
    description: body.description,
    permissionToEnter: body.kind === 'technical' ? body.permissionToEnter : null,
    photoSha256s: photos, status: 'open', createdAt: now,
  });
  await addRequestEvent(tx, version, now, tenantId, id, 'open', 'tenant');
  await addActivity(tx, version, now, tenantId, 'request.created', `Demande n° ${number}`, id);
  return { id, version };
}

async function requireRequest(tx: Tx, tenantId: string, id: string) {
  const [row] = await tx.select().from(requests).where(and(eq(requests.id, id), eq(requests.tenantId, tenantId), eq(requests.deleted, false)));
  if (!row) throw new ApiError('NOT_FOUND', { message: 'Demande introuvable.' });
  return row;
}

export async function addTenantMessage(tx: Tx, at: WriteAt, requestId: string, body: RequestMessageBody) {
  const { id, version, now, tenantId } = at;
  const target = await requireRequest(tx, tenantId, requestId);
  if (target.status === 'cancelled' || target.status === 'closed') throw new ApiError('CONFLICT', { key: 'errorDetails.conflict.requestClosed', message: 'Cette demande est close.' });
  await tx.insert(requestMessages).values({ id, tenantId, version, updatedAt: now, requestId: target.id, author: 'tenant', body: body.body, createdAt: now });
  await tx.update(requests).set({ version, updatedAt: now }).where(eq(requests.id, target.id));
  return { id, version };
}

export async function cancelRequest(tx: Tx, at: Omit<WriteAt, 'id'>, requestId: string) {
  const { version, now, tenantId } = at;
  const target = await requireRequest(tx, tenantId, requestId);
  if (target.status !== 'open' && target.status !== 'in_progress') throw new ApiError('CONFLICT', { key: 'errorDetails.conflict.requestNotCancellable', message: 'Cette demande ne peut plus être annulée.' });
  await tx.update(requests).set({ status: 'cancelled', version, updatedAt: now }).where(eq(requests.id, target.id));
  await addRequestEvent(tx, version, now, tenantId, target.id, 'cancelled', 'tenant');
  await addActivity(tx, version, now, tenantId, 'request.cancelled', `Demande n° ${target.number} annulée`, target.id);
  return { id: target.id, version };
}
