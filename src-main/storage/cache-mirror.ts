/**
 * Reading and writing the mirror of the tenant's server data (the `entities` table).
 * Rows are read back through the API contract's schemas, so a service never trusts raw JSON.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import { SYNC_ENTITIES, type SyncChange, type SyncData, type SyncEntity } from '../../src-shared/api/sync';
import { cacheMeta, entities, syncState } from '../../db/schema';
import type { CacheDb } from './cache-database';

export interface MirrorRow<E extends SyncEntity> {
  id: string;
  version: number;
  local: boolean;
  data: SyncData<E>;
}

/** Every live row of one entity kind. A row that fails its schema is skipped (and logged once). */
export function listEntities<E extends SyncEntity>(db: CacheDb, entity: E): MirrorRow<E>[] {
  const rows = db.select().from(entities).where(eq(entities.entity, entity)).all();
  const schema = SYNC_ENTITIES[entity];
  const result: MirrorRow<E>[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row.data);
    if (parsed.success) result.push({ id: row.id, version: row.version, local: row.local, data: parsed.data as SyncData<E> });
    else console.warn(`cache: ${entity} ${row.id} does not match the contract; skipped`);
  }
  return result;
}

export function getEntity<E extends SyncEntity>(db: CacheDb, entity: E, id: string): MirrorRow<E> | null {
  const row = db
    .select()
    .from(entities)
    .where(and(eq(entities.entity, entity), eq(entities.id, id)))
    .get();
  if (!row) return null;
  const parsed = SYNC_ENTITIES[entity].safeParse(row.data);
  return parsed.success ? { id: row.id, version: row.version, local: row.local, data: parsed.data as SyncData<E> } : null;
}

/** An optimistic row for a write not yet confirmed (call inside the outbox transaction). */
export function putLocalEntity<E extends SyncEntity>(db: CacheDb, entity: E, id: string, data: SyncData<E>) {
  db.insert(entities)
    .values({ entity, id, version: 0, data, local: true })
    .onConflictDoUpdate({ target: [entities.entity, entities.id], set: { data, local: true } })
    .run();
}

/**
 * The statements a sync page runs, prepared once per cache connection and reused by every page.
 * Building each row's upsert through drizzle cost two thirds of the apply time (issue 17): the
 * SQL is the same for every row, only the values change. Keyed by the better-sqlite3
 * connection, so a closed cache takes its statements with it.
 */
type PageApplier = (changes: readonly SyncChange[], cursor: string, now: string) => void;
const pageAppliers = new WeakMap<BetterSqlite3.Database, PageApplier>();

function pageApplierFor(sqlite: BetterSqlite3.Database): PageApplier {
  const known = pageAppliers.get(sqlite);
  if (known) return known;
  // Same columns and conflict targets as the drizzle schema (db/schema.ts: entities, sync_state);
  // `data` is the JSON text drizzle's json mode would write, `local` its boolean as 0.
  const upsert = sqlite.prepare<[string, string, number, string]>(
    `INSERT INTO entities (entity, id, version, data, local) VALUES (?, ?, ?, ?, 0)
     ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, data = excluded.data, local = 0`,
  );
  const remove = sqlite.prepare<[string, string]>('DELETE FROM entities WHERE entity = ? AND id = ?');
  const cursor = sqlite.prepare<[string, string]>(
    `INSERT INTO sync_state (id, cursor, last_sync_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET cursor = excluded.cursor, last_sync_at = excluded.last_sync_at`,
  );
  const applyPage = sqlite.transaction((changes: readonly SyncChange[], pageCursor: string, now: string) => {
    for (const change of changes) {
      if (change.deleted || change.data === null) remove.run(change.entity, change.id);
      else upsert.run(change.entity, change.id, change.version, JSON.stringify(change.data));
    }
    cursor.run(pageCursor, now);
  });
  pageAppliers.set(sqlite, applyPage);
  return applyPage;
}

/**
 * Applies one page of the sync feed and its cursor in ONE transaction: after a crash the cache
 * holds either the page and its cursor, or neither. Changes apply in the feed's order, so a row
 * changed then deleted within a page ends deleted.
 */
export function applySyncPage(db: CacheDb, changes: readonly SyncChange[], cursor: string, now: string) {
  pageApplierFor(connectionOf(db))(changes, cursor, now);
}

/** The better-sqlite3 connection under the cache's drizzle handle (a transaction's has none). */
function connectionOf(db: CacheDb): BetterSqlite3.Database {
  const client = (db as { $client?: BetterSqlite3.Database }).$client;
  if (!client) throw new Error('applySyncPage takes the cache itself, not a transaction: it runs its own');
  return client;
}

/**
 * The server answered `reset` (our cursor is older than its tombstone retention): forget the
 * server's rows and the cursor, keep the optimistic rows of unsent writes.
 */
export function resetMirror(db: CacheDb) {
  db.transaction((tx) => {
    tx.delete(entities).where(eq(entities.local, false)).run();
    tx.insert(syncState)
      .values({ id: 1, cursor: null, lastSyncAt: null })
      .onConflictDoUpdate({ target: syncState.id, set: { cursor: null } })
      .run();
  });
}

export function readSyncState(db: CacheDb): { cursor: string | null; lastSyncAt: string | null } {
  const row = db.select().from(syncState).where(eq(syncState.id, 1)).get();
  return { cursor: row?.cursor ?? null, lastSyncAt: row?.lastSyncAt ?? null };
}

/** How the last sync attempt ended, kept so a restart shows "Hors connexion" at once, not "À jour". */
export interface LastSyncAttempt {
  status: 'upToDate' | 'offline' | 'error';
  reason?: string;
}
const LAST_ATTEMPT_KEY = 'sync.lastAttempt';

export function readLastSyncAttempt(db: CacheDb): LastSyncAttempt {
  const row = db.select().from(cacheMeta).where(eq(cacheMeta.key, LAST_ATTEMPT_KEY)).get();
  try {
    const parsed = JSON.parse(row?.value ?? '{}') as Partial<LastSyncAttempt>;
    if (parsed.status === 'offline' || parsed.status === 'error') {
      return typeof parsed.reason === 'string' ? { status: parsed.status, reason: parsed.reason } : { status: parsed.status };
    }
  } catch {
    // An unreadable note is no news: assume the last attempt went well.
  }
  return { status: 'upToDate' };
}

export function writeLastSyncAttempt(db: CacheDb, attempt: LastSyncAttempt) {
  const value = JSON.stringify(attempt);
  db.insert(cacheMeta).values({ key: LAST_ATTEMPT_KEY, value }).onConflictDoUpdate({ target: cacheMeta.key, set: { value } }).run();
}
