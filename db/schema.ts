/**
 * Schema of the desktop app's local cache (SQLite, one database per signed-in account).
 * The renderer reads only what this cache holds, so every screen works offline.
 * Generated SQL migrations live in db/migrations (`npm run db:generate`) and ship with the app.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Small key/value facts about this cache (the account it belongs to, ...). */
export const cacheMeta = sqliteTable('cache_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Where the pull sync stands. One row (id = 1): the server's cursor is saved in the same
 * transaction as the changes it covers, so a crash can never skip or replay a change.
 */
export const syncState = sqliteTable('sync_state', {
  id: integer('id').primaryKey(),
  cursor: text('cursor'),
  lastSyncAt: text('last_sync_at'),
});

/**
 * The mirror of the tenant's server data: one row per synced entity (profile, dossier,
 * ledger entry, document, request, ...), its JSON exactly as the sync feed sent it (validated
 * again by the API contract's schema when read). A generic table keeps the mirror faithful
 * when the server adds fields, without a client migration.
 *
 * `local` = 1 marks an optimistic row written by an outbox item and not yet confirmed by the
 * server; the server's own row (same id: the outbox UUID) replaces it when it syncs.
 */
export const entities = sqliteTable(
  'entities',
  {
    entity: text('entity').notNull(),
    id: text('id').notNull(),
    version: integer('version').notNull(),
    data: text('data', { mode: 'json' }).notNull(),
    local: integer('local', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.entity, table.id] }), index('entities_by_kind').on(table.entity)],
);

/**
 * Writes waiting for the server, drained in `seq` order. The row's id is the Idempotency-Key
 * and the new entity's id; it is inserted in the same transaction as its optimistic row.
 * Attachments are staged files in the account folder, uploaded (PUT /v1/uploads/{id}) before
 * the write itself. A refused item stays, with the server's reason, until the tenant dismisses it.
 */
export const outbox = sqliteTable('outbox', {
  id: text('id').primaryKey(),
  seq: integer('seq').notNull().unique(),
  /** What it is, for the UI: 'request.create', 'insurance.submit', ... */
  kind: text('kind').notNull(),
  method: text('method', { enum: ['POST', 'PUT'] }).notNull(),
  path: text('path').notNull(),
  body: text('body', { mode: 'json' }).notNull(),
  /** [{ uploadId, file, sha256, mediaType, size }] */
  attachments: text('attachments', { mode: 'json' }).notNull(),
  status: text('status', { enum: ['pending', 'refused'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  /** The server's refusal ({ code, fields }) or the last transient failure. */
  lastError: text('last_error', { mode: 'json' }),
  createdAt: text('created_at').notNull(),
});

/** Document files kept on disk (content-addressed by SHA-256, verified before being kept). */
export const documentFiles = sqliteTable('document_files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  storedAt: text('stored_at').notNull(),
});
