/**
 * The outbox: every write the tenant makes (requests, messages, change requests, insurance,
 * bank details, paperless) becomes a row here, in the same transaction as its optimistic local
 * state, so nothing typed offline is ever lost. Rows drain in order; the row's UUID is the
 * Idempotency-Key, so a row re-sent after a crash is answered by the server's stored reply
 * instead of being applied twice. Attachments are staged files uploaded before the write.
 *
 * A transient failure (offline, server error, throttled) stops the drain for a later retry. A
 * refusal (validation, conflict, ...) marks the row refused with the server's reason, shown on
 * the item, and the drain goes on with the next row: one bad item must not block the others.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { asc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { writeResultSchema } from '../../src-shared/api/writes';
import { uploadResponseSchema, type UploadMediaType } from '../../src-shared/api/uploads';
import { PortalError, type ErrorCode, type FieldError } from '../../src-shared/errors';
import { outbox } from '../../db/schema';
import { writeFileAtomic } from '../storage/atomic-file';
import type { CacheDb } from '../storage/cache-database';
import type { PortalApi } from '../services/portal-api';
import type { OpenAccount } from '../services/session';

export const outboxAttachmentSchema = z.object({
  uploadId: z.uuid(),
  /** File name inside the account's outbox-files folder. */
  file: z.string(),
  sha256: z.string(),
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z.number().int(),
});
export type OutboxAttachment = z.infer<typeof outboxAttachmentSchema>;

export const outboxErrorSchema = z.object({
  code: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export interface OutboxItem {
  id: string;
  kind: string;
  status: 'pending' | 'refused';
  attempts: number;
  createdAt: string;
  body: unknown;
  error: { code: string; fields?: FieldError[] } | null;
}

export interface NewAttachment {
  bytes: Uint8Array;
  mediaType: UploadMediaType;
}

export interface EnqueueInput {
  kind: string;
  method: 'POST' | 'PUT';
  /** API path; `{id}` is replaced by the row's id (e.g. a request created offline). */
  path: string;
  /** Builds the body once the row id and the attachments' upload ids are known. */
  body: (ids: { id: string; uploadIds: string[] }) => unknown;
  attachments?: NewAttachment[];
  /** Writes the optimistic local state, inside the outbox transaction. */
  optimistic?: (tx: CacheDb, id: string) => void;
  /** The row id, when the caller needs it before (default: a new UUID). */
  id?: string;
}

/** Failures worth retrying later; anything else is the server refusing this item for good. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['OFFLINE', 'SERVER', 'THROTTLED', 'UNAUTHENTICATED', 'INTERNAL']);

export function isTransient(error: unknown): boolean {
  return !(error instanceof PortalError) || TRANSIENT.has(error.code);
}

function filesFolder(open: OpenAccount) {
  return join(open.folder, 'outbox-files');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stages the attachments, then inserts the row and its optimistic state in one transaction. */
export function enqueue(open: OpenAccount, input: EnqueueInput, now = new Date()): string {
  const id = input.id ?? randomUUID();
  const attachments: OutboxAttachment[] = (input.attachments ?? []).map((attachment) => {
    const uploadId = randomUUID();
    writeFileAtomic(join(filesFolder(open), uploadId), attachment.bytes);
    return { uploadId, file: uploadId, sha256: sha256Hex(attachment.bytes), mediaType: attachment.mediaType, size: attachment.bytes.length };
  });
  try {
    const db = open.cache.db;
    db.transaction((tx) => {
      const last = tx.select({ seq: max(outbox.seq) }).from(outbox).get();
      tx.insert(outbox)
        .values({
          id,
          seq: (last?.seq ?? 0) + 1,
          kind: input.kind,
          method: input.method,
          path: input.path.replace('{id}', id),
          body: input.body({ id, uploadIds: attachments.map((attachment) => attachment.uploadId) }),
          attachments,
          createdAt: now.toISOString(),
        })
        .run();
      input.optimistic?.(tx, id);
    });
  } catch (error) {
    for (const attachment of attachments) rmSync(join(filesFolder(open), attachment.file), { force: true });
    throw error;
  }
  return id;
}

export function listOutbox(db: CacheDb): OutboxItem[] {
  return db
    .select()
    .from(outbox)
    .orderBy(asc(outbox.seq))
    .all()
    .map((row) => {
      const error = outboxErrorSchema.safeParse(row.lastError);
      return {
        id: row.id,
        kind: row.kind,
        status: row.status,
        attempts: row.attempts,
        createdAt: row.createdAt,
        body: row.body,
        error: error.success ? error.data : null,
      };
    });
}

export function pendingCount(db: CacheDb): number {
  return db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')).all().length;
}

function removeRow(open: OpenAccount, id: string, attachments: OutboxAttachment[]) {
  open.cache.db.delete(outbox).where(eq(outbox.id, id)).run();
  for (const attachment of attachments) rmSync(join(filesFolder(open), attachment.file), { force: true });
}

/** The tenant dismisses a refused item (its optimistic row goes with it). */
export function dismissRefused(open: OpenAccount, id: string, dropOptimistic: (tx: CacheDb) => void) {
  const row = open.cache.db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!row || row.status !== 'refused') throw new PortalError('NOT_FOUND');
  open.cache.db.transaction((tx) => {
    tx.delete(outbox).where(eq(outbox.id, id)).run();
    dropOptimistic(tx);
  });
  for (const attachment of z.array(outboxAttachmentSchema).parse(row.attachments)) {
    rmSync(join(filesFolder(open), attachment.file), { force: true });
  }
}

export interface DrainResult {
  sent: number;
  refused: number;
  /** Why the drain stopped early (a transient failure), if it did. */
  stoppedBy: PortalError | null;
}

/**
 * Sends pending rows in order. `authorized` supplies the access token (and refreshes it).
 * A row is deleted only after the server's answer; if the process dies in between, the row
 * is sent again at the next drain and the server replays its first answer.
 */
export async function drainOutbox(
  open: OpenAccount,
  api: PortalApi,
  authorized: <T>(call: (token: string) => Promise<T>) => Promise<T>,
): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, refused: 0, stoppedBy: null };
  const db = open.cache.db;
  const rows = db.select().from(outbox).where(eq(outbox.status, 'pending')).orderBy(asc(outbox.seq)).all();
  for (const row of rows) {
    const attachments = z.array(outboxAttachmentSchema).parse(row.attachments);
    try {
      for (const attachment of attachments) {
        const bytes = readFileSync(join(filesFolder(open), attachment.file));
        await authorized((token) =>
          api.upload(`/v1/uploads/${attachment.uploadId}`, {
            bytes,
            mediaType: attachment.mediaType,
            sha256: attachment.sha256,
            accessToken: token,
            response: uploadResponseSchema,
          }),
        );
      }
      await authorized((token) =>
        api.request(row.path, {
          method: row.method,
          body: row.body,
          accessToken: token,
          idempotencyKey: row.id,
          response: writeResultSchema,
        }),
      );
      removeRow(open, row.id, attachments);
      result.sent += 1;
    } catch (error) {
      const shape = error instanceof PortalError ? error.toShape() : { code: 'INTERNAL' as const };
      if (isTransient(error)) {
        db.update(outbox)
          .set({ attempts: row.attempts + 1, lastError: { code: shape.code } })
          .where(eq(outbox.id, row.id))
          .run();
        result.stoppedBy = error instanceof PortalError ? error : new PortalError('INTERNAL', { cause: error });
        return result;
      }
      db.update(outbox)
        .set({ status: 'refused', attempts: row.attempts + 1, lastError: { code: shape.code, fields: shape.fields } })
        .where(eq(outbox.id, row.id))
        .run();
      result.refused += 1;
    }
  }
  return result;
}
