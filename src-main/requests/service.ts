/**
 * "Mes demandes": every request with its status and thread; new technical requests (category,
 * description, photos, permission to enter) and administrative ones; messages; cancelling.
 * A request created offline shows at once (optimistic row, id = the outbox id) and gets its
 * number when the server has it.
 */
import type { z } from 'zod';
import type { SyncData } from '../../src-shared/api/sync';
import type { CreateRequestBody } from '../../src-shared/requests/api';
import { PortalError } from '../../src-shared/errors';
import type { createRequestInputSchema, RequestDetail, requestIdInputSchema, requestMessageInputSchema, RequestsView } from '../../src-shared/requests/bridge';
import { putLocalEntity, type MirrorRow } from '../storage/cache-mirror';
import { sha256Hex, type OutboxItem } from '../sync/outbox';
import { decodeAttachment, deliveryOf, outboxById, requireDossier, rows, type AccountData } from '../services/account-data';

const CANCEL_KIND = 'requests.cancel';

function cancelPending(outbox: Map<string, OutboxItem>, requestId: string): boolean {
  for (const item of outbox.values()) {
    if (item.kind === CANCEL_KIND && item.status === 'pending' && item.body?.requestId === requestId) return true;
  }
  return false;
}

function summary(row: MirrorRow<'request'>, outbox: Map<string, OutboxItem>) {
  const delivery = deliveryOf(row, outbox);
  return {
    id: row.id,
    dossierId: row.data.dossierId,
    number: row.local ? null : row.data.number,
    kind: row.data.kind,
    category: row.data.category,
    subject: row.data.subject,
    // A cancel waiting to be sent shows as cancelled; if the server refuses it, the synced status stays.
    status: cancelPending(outbox, row.id) ? ('cancelled' as const) : row.data.status,
    createdAt: row.data.createdAt,
    updatedAt: row.data.updatedAt,
    delivery,
    refusal: delivery === 'refused' ? (outbox.get(row.id)?.error ?? null) : null,
  };
}

export function requestsView(data: AccountData): RequestsView {
  const outbox = outboxById(data);
  return {
    requests: rows(data, 'request')
      .sort((a, b) => b.data.createdAt.localeCompare(a.data.createdAt))
      .map((row) => summary(row, outbox)),
  };
}

function requireRequest(data: AccountData, requestId: string): MirrorRow<'request'> {
  const row = rows(data, 'request').find((candidate) => candidate.id === requestId);
  if (!row) throw new PortalError('NOT_FOUND');
  return row;
}

export function requestDetail(data: AccountData, input: z.output<typeof requestIdInputSchema>): RequestDetail {
  const outbox = outboxById(data);
  const row = requireRequest(data, input.requestId);
  return {
    ...summary(row, outbox),
    description: row.data.description,
    permissionToEnter: row.data.permissionToEnter,
    photoCount: row.data.photoSha256s.length,
    plannedDate: row.data.plannedDate,
    messages: rows(data, 'requestMessage')
      .filter((message) => message.data.requestId === row.id)
      .sort((a, b) => a.data.createdAt.localeCompare(b.data.createdAt))
      .map((message) => ({
        id: message.id,
        author: message.data.author,
        authorName: message.data.authorName,
        body: message.data.body,
        createdAt: message.data.createdAt,
        delivery: deliveryOf(message, outbox),
      })),
  };
}

export function createRequest(data: AccountData, input: z.output<typeof createRequestInputSchema>) {
  requireDossier(data, input.dossierId);
  const now = data.now.toISOString();
  const photos = input.kind === 'technical' ? input.photos.map((photo, index) => decodeAttachment(photo, `photos.${index}`)) : [];
  const id = data.enqueue({
    kind: 'requests.create',
    attachments: photos,
    body: ({ uploadIds }): CreateRequestBody =>
      input.kind === 'technical'
        ? {
            kind: 'technical',
            dossierId: input.dossierId,
            category: input.category,
            description: input.description,
            photoUploadIds: uploadIds,
            permissionToEnter: input.permissionToEnter,
          }
        : { kind: 'administrative', dossierId: input.dossierId, serviceId: input.serviceId, subject: input.subject, description: input.description },
    optimistic: (tx, id) => {
      const optimistic: SyncData<'request'> = {
        dossierId: input.dossierId,
        number: 0,
        kind: input.kind,
        category: input.kind === 'technical' ? input.category : input.serviceId,
        subject: input.kind === 'technical' ? input.description.slice(0, 80) : input.subject,
        description: input.description,
        permissionToEnter: input.kind === 'technical' ? input.permissionToEnter : null,
        photoSha256s: photos.map((photo) => sha256Hex(photo.bytes)),
        status: 'open',
        createdAt: now,
        updatedAt: now,
        plannedDate: null,
      };
      putLocalEntity(tx, 'request', id, optimistic);
    },
  });
  return { id, delivery: 'pending' as const };
}

export function addRequestMessage(data: AccountData, input: z.output<typeof requestMessageInputSchema>) {
  requireRequest(data, input.requestId);
  const id = data.enqueue({
    kind: 'requests.message',
    params: { id: input.requestId },
    body: () => ({ body: input.body }),
    optimistic: (tx, id) =>
      putLocalEntity(tx, 'requestMessage', id, {
        requestId: input.requestId,
        author: 'tenant',
        body: input.body,
        createdAt: data.now.toISOString(),
        authorName: null,
      }),
  });
  return { id, delivery: 'pending' as const };
}

/** Only while it is open (or in progress): a closed request cannot be cancelled. */
export function cancelRequest(data: AccountData, input: z.output<typeof requestIdInputSchema>) {
  const row = requireRequest(data, input.requestId);
  const outbox = outboxById(data);
  if (row.data.status === 'closed' || row.data.status === 'cancelled' || cancelPending(outbox, row.id)) {
    throw new PortalError('CONFLICT');
  }
  const id = data.enqueue({
    kind: CANCEL_KIND,
    params: { id: input.requestId },
    body: () => ({ requestId: input.requestId }),
  });
  return { id, delivery: 'pending' as const };
}
