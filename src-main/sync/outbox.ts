/**
 * The outbox: every write the tenant makes (requests, messages, change requests, insurance,
 * bank details, paperless) becomes a row here, in the same transaction as its optimistic local
 * state, so nothing typed offline is ever lost. Rows drain in order; the row's UUID is the
 * Idempotency-Key, so a row re-sent after a crash is answered by the server's stored reply
 * instead of being applied twice. Attachments are staged files uploaded before the write.
 *
 * The outbox never jams:
 * - Offline, throttled or signed out: the drain stops; every row stays pending for a later run.
 * - A refusal (validation, conflict, ...) holds that row back ("non envoyé", status 'refused')
 *   with the server's reason, and the drain goes on with the next row.
 * - A server error (5xx, an answer outside the contract) on one row: that row waits for the
 *   next run and the drain goes on with the rows that do not depend on it; after
 *   MAX_SERVER_ATTEMPTS runs the row is held back like a refusal, with the reason. Several rows
 *   failing in a row mean the server itself is broken: the drain stops there.
 * - A row depends on an earlier row still in the outbox when its path or body names that row's
 *   id (a message on a request created offline: /v1/requests/{that id}/messages). It is never
 *   sent before it: it waits while the earlier row waits, and goes with it when the tenant
 *   deletes it.
 * - Every row is typed (src-shared/outbox.ts, Signal Desktop's parseData): its kind gives the
 *   route (method and path come from the route table, src-shared/api/routes.ts) and the body's
 *   schema. A body that does not fit when queued is a bug (enqueue throws); a row read back
 *   whose body no longer fits (or whose kind this version does not know) is held back with
 *   INTERNAL, never sent half-understood.
 * A held-back row stays until the tenant chooses "Réessayer" (back to pending) or "Supprimer".
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { asc, eq, gt, max } from 'drizzle-orm';
import { z } from 'zod';
import { writeResultSchema } from '../../src-shared/api/writes';
import { uploadResponseSchema, type UploadMediaType } from '../../src-shared/api/uploads';
import { PortalError, type ErrorCode } from '../../src-shared/errors';
import { refusalSchema } from '../../src-shared/view-parts';
import { outbox } from '../../db/schema';
import { apiPath, API_ROUTES } from '../../src-shared/api/routes';
import { OUTBOX_KINDS, type OutboxBody, type OutboxKind } from '../../src-shared/outbox';
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

export const outboxErrorSchema = refusalSchema.extend({
  /** Server errors met by this row so far (offline runs do not count: they say nothing of it). */
  serverErrors: z.number().int().optional(),
});

/** A body as its kind's schema reads it back. */
export type OutboxBodyRead<K extends OutboxKind> = z.output<(typeof OUTBOX_KINDS)[K]['body']>;

interface OutboxItemOf<K extends OutboxKind> {
  id: string;
  kind: K;
  status: 'pending' | 'refused';
  attempts: number;
  createdAt: string;
  /** Null when the stored body no longer fits its kind's schema (the item is then held back). */
  body: OutboxBodyRead<K> | null;
  error: z.infer<typeof refusalSchema> | null;
}

/** One item, typed by its kind: `item.kind === 'requests.cancel'` narrows `item.body`. */
export type OutboxItem = { [K in OutboxKind]: OutboxItemOf<K> }[OutboxKind];

function isOutboxKind(kind: string): kind is OutboxKind {
  return Object.hasOwn(OUTBOX_KINDS, kind);
}

/** A stored body parsed with its kind's schema; null when it no longer fits. */
function readBody<K extends OutboxKind>(kind: K, body: unknown): OutboxBodyRead<K> | null {
  const parsed = OUTBOX_KINDS[kind].body.safeParse(body);
  return parsed.success ? (parsed.data as OutboxBodyRead<K>) : null;
}

/** What a row that cannot be read back is held back with. */
const UNREADABLE_ROW = { code: 'INTERNAL' } as const;

export interface NewAttachment {
  bytes: Uint8Array;
  mediaType: UploadMediaType;
}

export interface EnqueueInput<K extends OutboxKind> {
  /** What it is; its route (method, path) and body schema are in src-shared/outbox.ts. */
  kind: K;
  /** The route's path parameters (e.g. the request a message is for). */
  params?: Record<string, string>;
  /** Builds the body once the row id and the attachments' upload ids are known. */
  body: (ids: { id: string; uploadIds: string[] }) => OutboxBody<K>;
  attachments?: NewAttachment[];
  /** Writes the optimistic local state, inside the outbox transaction. */
  optimistic?: (tx: CacheDb, id: string) => void;
  /** The row id, when the caller needs it before (default: a new UUID). */
  id?: string;
}

/** Failures that say nothing about the row: nothing can be sent now, the whole drain waits. */
const STOPS_THE_DRAIN: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['OFFLINE', 'THROTTLED', 'UNAUTHENTICATED']);
/** The server failed on this row (5xx, an unreadable answer, a bug): worth a few more tries. */
const SERVER_FAILURE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['SERVER', 'INTERNAL']);

/** Runs with a server error on one row before it is held back and shown as "non envoyé". */
export const MAX_SERVER_ATTEMPTS = 5;
/** Rows failing with a server error one after the other before the drain stops for this run. */
export const SERVER_FAILURES_IN_A_ROW = 3;

export function isTransient(error: unknown): boolean {
  return !(error instanceof PortalError) || STOPS_THE_DRAIN.has(error.code) || SERVER_FAILURE.has(error.code);
}

type FailureKind = 'stop' | 'server' | 'refusal';
function failureKind(error: unknown): FailureKind {
  if (!(error instanceof PortalError)) return 'server';
  if (STOPS_THE_DRAIN.has(error.code)) return 'stop';
  return SERVER_FAILURE.has(error.code) ? 'server' : 'refusal';
}

function filesFolder(open: OpenAccount) {
  return join(open.folder, 'outbox-files');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Stages the attachments, then inserts the row and its optimistic state in one transaction. */
export function enqueue<K extends OutboxKind>(open: OpenAccount, input: EnqueueInput<K>, now: Date): string {
  const id = input.id ?? randomUUID();
  const { route, body: bodySchema } = OUTBOX_KINDS[input.kind];
  const path = apiPath(route, input.params);
  const attachments: OutboxAttachment[] = (input.attachments ?? []).map((attachment) => {
    const uploadId = randomUUID();
    writeFileAtomic(join(filesFolder(open), uploadId), attachment.bytes);
    return { uploadId, file: uploadId, sha256: sha256Hex(attachment.bytes), mediaType: attachment.mediaType, size: attachment.bytes.length };
  });
  try {
    const body = input.body({ id, uploadIds: attachments.map((attachment) => attachment.uploadId) });
    // A service that builds a body outside its kind's schema is a bug: nothing is queued.
    const checked = bodySchema.safeParse(body);
    if (!checked.success) throw new Error(`outbox: a ${input.kind} body outside its schema`, { cause: checked.error });
    const db = open.cache.db;
    db.transaction((tx) => {
      const last = tx.select({ seq: max(outbox.seq) }).from(outbox).get();
      tx.insert(outbox)
        .values({
          id,
          seq: (last?.seq ?? 0) + 1,
          kind: input.kind,
          method: API_ROUTES[route].method,
          path,
          body,
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
    .flatMap((row) => {
      // A kind this version does not know (written by a newer one): not shown, never sent.
      if (!isOutboxKind(row.kind)) return [];
      const body = readBody(row.kind, row.body);
      const error = outboxErrorSchema.safeParse(row.lastError);
      // The mapped union cannot be built from a kind known only at run time; readBody paired them.
      const item = {
        id: row.id,
        kind: row.kind,
        // A body that no longer fits is held back already, before the next drain marks it so.
        status: body === null ? 'refused' : row.status,
        attempts: row.attempts,
        createdAt: row.createdAt,
        body,
        error: body === null ? UNREADABLE_ROW : error.success ? error.data : null,
      } as OutboxItem;
      return [item];
    });
}

export function pendingCount(db: CacheDb): number {
  return db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')).all().length;
}

function removeRow(open: OpenAccount, id: string, attachments: OutboxAttachment[]) {
  open.cache.db.delete(outbox).where(eq(outbox.id, id)).run();
  for (const attachment of attachments) rmSync(join(filesFolder(open), attachment.file), { force: true });
}

/** Whether `row` names `earlierId` (its path or body): then it must not go before that row. */
function dependsOn(row: { path: string; body: unknown }, earlierId: string): boolean {
  return row.path.includes(earlierId) || JSON.stringify(row.body).includes(earlierId);
}

/**
 * "Supprimer": the tenant drops a held-back item, with the optimistic row it stood for, and
 * the items that depend on it (a message on a request that will now never exist).
 */
export function dismissRefused(open: OpenAccount, id: string, dropOptimistic: (tx: CacheDb, id: string) => void): string[] {
  const db = open.cache.db;
  const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!row || row.status !== 'refused') throw new PortalError('NOT_FOUND');
  const later = db.select().from(outbox).where(gt(outbox.seq, row.seq)).orderBy(asc(outbox.seq)).all();
  const dropped = [row];
  for (const candidate of later) {
    if (dropped.some((gone) => dependsOn(candidate, gone.id))) dropped.push(candidate);
  }
  db.transaction((tx) => {
    for (const gone of dropped) {
      tx.delete(outbox).where(eq(outbox.id, gone.id)).run();
      dropOptimistic(tx, gone.id);
    }
  });
  for (const gone of dropped) {
    for (const attachment of z.array(outboxAttachmentSchema).parse(gone.attachments)) {
      rmSync(join(filesFolder(open), attachment.file), { force: true });
    }
  }
  return dropped.map((gone) => gone.id);
}

/** "Réessayer": a held-back item goes back in the queue, in its place, with a fresh count. */
export function retryRefused(open: OpenAccount, id: string) {
  const db = open.cache.db;
  const row = db.select().from(outbox).where(eq(outbox.id, id)).get();
  if (!row || row.status !== 'refused') throw new PortalError('NOT_FOUND');
  db.update(outbox).set({ status: 'pending', attempts: 0, lastError: null }).where(eq(outbox.id, id)).run();
}

export interface DrainResult {
  sent: number;
  /** Rows held back by this run (refused, or failing past MAX_SERVER_ATTEMPTS). */
  refused: number;
  /** Rows left pending after a server error, to try again at a later run. */
  deferred: number;
  /** Why the drain stopped early (offline, throttled, signed out, the server broken), if it did. */
  stoppedBy: PortalError | null;
  /** The last server error met on a row, when rows were deferred. */
  serverError: PortalError | null;
}

function asPortalError(error: unknown): PortalError {
  return error instanceof PortalError ? error : new PortalError('INTERNAL', { cause: error });
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
  const result: DrainResult = { sent: 0, refused: 0, deferred: 0, stoppedBy: null, serverError: null };
  const db = open.cache.db;
  // Rows that did not go (held back before, or by this run): the rows that name them wait.
  const notSent = new Set(
    db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.status, 'refused'))
      .all()
      .map((row) => row.id),
  );
  const rows = db.select().from(outbox).where(eq(outbox.status, 'pending')).orderBy(asc(outbox.seq)).all();
  let serverFailuresInARow = 0;
  for (const row of rows) {
    if ([...notSent].some((id) => dependsOn(row, id))) {
      notSent.add(row.id);
      continue;
    }
    const body = isOutboxKind(row.kind) ? readBody(row.kind, row.body) : null;
    if (body === null) {
      // Written by another version (or damaged): sending a body we do not understand could do
      // anything on the server. Held back instead: shown with "Supprimer" when its kind is known;
      // a kind this version does not know is not shown (listOutbox) and is never sent.
      console.warn(`outbox: ${row.kind} ${row.id} held back: its body does not fit its kind's schema`);
      db.update(outbox).set({ status: 'refused', attempts: row.attempts + 1, lastError: UNREADABLE_ROW }).where(eq(outbox.id, row.id)).run();
      notSent.add(row.id);
      result.refused += 1;
      continue;
    }
    const attachments = z.array(outboxAttachmentSchema).parse(row.attachments);
    try {
      for (const attachment of attachments) {
        const bytes = readFileSync(join(filesFolder(open), attachment.file));
        await authorized((token) =>
          api.upload(apiPath('upload', { id: attachment.uploadId }), {
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
          body,
          accessToken: token,
          idempotencyKey: row.id,
          response: writeResultSchema,
        }),
      );
      removeRow(open, row.id, attachments);
      result.sent += 1;
      serverFailuresInARow = 0;
    } catch (error) {
      const failure = asPortalError(error);
      const shape = failure.toShape();
      const kind = failureKind(error);
      if (kind === 'stop') {
        const previous = outboxErrorSchema.safeParse(row.lastError).data?.serverErrors;
        db.update(outbox)
          .set({ attempts: row.attempts + 1, lastError: previous ? { code: shape.code, serverErrors: previous } : { code: shape.code } })
          .where(eq(outbox.id, row.id))
          .run();
        result.stoppedBy = failure;
        return result;
      }
      notSent.add(row.id);
      const serverErrors = (outboxErrorSchema.safeParse(row.lastError).data?.serverErrors ?? 0) + 1;
      if (kind === 'server' && serverErrors < MAX_SERVER_ATTEMPTS) {
        db.update(outbox)
          .set({ attempts: row.attempts + 1, lastError: { code: shape.code, serverErrors } })
          .where(eq(outbox.id, row.id))
          .run();
        result.deferred += 1;
        result.serverError = failure;
        serverFailuresInARow += 1;
        if (serverFailuresInARow >= SERVER_FAILURES_IN_A_ROW) {
          result.stoppedBy = failure;
          return result;
        }
        continue;
      }
      // Refused, or failing on the server run after run: held back with its reason.
      if (kind === 'server') console.warn(`outbox: ${row.kind} ${row.id} held back after ${serverErrors} server errors`, error);
      db.update(outbox)
        .set({ status: 'refused', attempts: row.attempts + 1, lastError: { code: shape.code, fields: shape.fields, key: shape.key, params: shape.params, message: shape.message } })
        .where(eq(outbox.id, row.id))
        .run();
      result.refused += 1;
    }
  }
  return result;
}
