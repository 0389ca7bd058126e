/**
 * Schema of the desktop app's local cache (SQLite, one database per signed-in account).
 * The renderer reads only what this cache holds, so every screen works offline.
 * Generated SQL migrations live in db/migrations (`npm run db:generate`) and ship with the app.
 */
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Small key/value facts about this cache (account id it belongs to, created-at, ...). */
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
 * Writes waiting for the server. The row's id is the Idempotency-Key and the new entity's id;
 * it is inserted in the same transaction as the optimistic local state it stands for.
 */
export const outbox = sqliteTable('outbox', {
  id: text('id').primaryKey(),
  /** Monotonic order of drain. */
  seq: integer('seq').notNull().unique(),
  kind: text('kind').notNull(),
  payload: text('payload', { mode: 'json' }).notNull(),
  status: text('status', { enum: ['pending', 'sending', 'sent', 'refused'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: text('created_at').notNull(),
});
