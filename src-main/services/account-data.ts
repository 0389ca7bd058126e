/**
 * What every section service needs from the open account: its cache, the outbox (to say
 * whether an optimistic row is pending or refused), and a way to queue a write.
 */
import type { SyncData, SyncEntity } from '../../src-shared/api/sync';
import type { OutboxKind } from '../../src-shared/outbox';
import { PortalError } from '../../src-shared/errors';
import { sniffMediaType } from '../../src-shared/validation/file-type';
import type { AttachmentInput, Decision } from '../../src-shared/view-parts';
import { listEntities, putLocalEntity, type MirrorRow } from '../storage/cache-mirror';
import type { CacheDb } from '../storage/cache-database';
import { listOutbox, type EnqueueInput, type NewAttachment, type OutboxItem } from '../sync/outbox';
import type { OpenAccount } from './session';

export interface AccountData {
  open: OpenAccount;
  today: string;
  now: Date;
  /** Queues a write (outbox row + optimistic state in one transaction) and nudges the sync. */
  enqueue<K extends OutboxKind>(input: EnqueueInput<K>): string;
}

export type Delivery = 'synced' | 'pending' | 'refused';

/** Outbox items by id, read once per view. */
export function outboxById(data: AccountData): Map<string, OutboxItem> {
  return new Map(listOutbox(data.open.cache.db).map((item) => [item.id, item]));
}

export function deliveryOf(row: { id: string; local: boolean }, outbox: Map<string, OutboxItem>): Delivery {
  if (!row.local) return 'synced';
  return outbox.get(row.id)?.status === 'refused' ? 'refused' : 'pending';
}

export function rows<E extends SyncEntity>(data: AccountData, entity: E): MirrorRow<E>[] {
  return listEntities(data.open.cache.db, entity);
}

export function addressOf(data: { addressLine: string; postalCode: string; city: string }) {
  return { line: data.addressLine, postalCode: data.postalCode, city: data.city };
}

export function requireDossier(data: AccountData, dossierId: string): MirrorRow<'dossier'> {
  const dossier = rows(data, 'dossier').find((row) => row.id === dossierId);
  if (!dossier) throw new PortalError('NOT_FOUND');
  return dossier;
}

export function profileOf(data: AccountData): SyncData<'profile'> | null {
  return rows(data, 'profile')[0]?.data ?? null;
}

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Decodes a file the tenant picked and checks it by content: the declared kind must be what the
 * bytes are (a renamed .exe is refused here, before it is queued, and again by the server).
 */
export function decodeAttachment(input: AttachmentInput, path: string): NewAttachment {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    throw new PortalError('VALIDATION', { fields: [{ path, message: 'fields.file.tooLarge' }] });
  }
  const actual = sniffMediaType(bytes);
  if (!actual || actual !== input.mediaType) {
    throw new PortalError('VALIDATION', { fields: [{ path, message: 'fields.file.content' }] });
  }
  return { bytes, mediaType: actual };
}

type ChangeKind = SyncData<'changeRequest'>['kind'];

/**
 * Dossiers with a change request of this kind waiting for staff (and not refused on its way):
 * what drives the "une demande de mise à jour est en cours" banners. Personal-info requests have
 * no dossier: they are keyed null.
 */
export function dossiersWithPendingChange(data: AccountData, kind: ChangeKind): Set<string | null> {
  const outbox = outboxById(data);
  return new Set(
    rows(data, 'changeRequest')
      .filter((row) => row.data.kind === kind && row.data.status === 'pending' && deliveryOf(row, outbox) !== 'refused')
      .map((row) => row.data.dossierId),
  );
}

/**
 * Staff's latest decision on change requests of this kind, per dossier, for the dossiers with
 * none pending: the page shows it, with the comment, until the tenant asks again (issue 19).
 * Personal information belongs to the tenant, not a dossier (rows may name one or not): keyed null.
 */
export function latestChangeDecisions(data: AccountData, kind: ChangeKind): Map<string | null, Decision> {
  const perTenant = kind === 'personal_info';
  const pending = dossiersWithPendingChange(data, kind);
  const latest = new Map<string | null, Decision>();
  for (const row of rows(data, 'changeRequest')) {
    const { status, decidedAt } = row.data;
    const dossierId = perTenant ? null : row.data.dossierId;
    const waiting = perTenant ? pending.size > 0 : pending.has(dossierId);
    if (row.data.kind !== kind || status === 'pending' || !decidedAt || waiting) continue;
    const known = latest.get(dossierId);
    if (known && known.decidedAt >= decidedAt) continue;
    latest.set(dossierId, { status, comment: row.data.staffComment, requestedAt: row.data.createdAt, decidedAt });
  }
  return latest;
}

/** The optimistic row of a change request just queued (call inside the outbox transaction). */
export function putPendingChangeRequest(
  tx: CacheDb,
  id: string,
  data: AccountData,
  change: { kind: ChangeKind; dossierId: string | null; summary: Record<string, unknown>; attachmentSha256?: string },
) {
  putLocalEntity(tx, 'changeRequest', id, {
    dossierId: change.dossierId,
    kind: change.kind,
    summary: change.summary,
    attachmentSha256: change.attachmentSha256 ?? null,
    status: 'pending',
    staffComment: null,
    createdAt: data.now.toISOString(),
    decidedAt: null,
  });
}
