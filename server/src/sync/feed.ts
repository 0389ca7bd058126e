/**
 * The sync feed. Position = (version, entity, id) of the last change sent, so a page can end in
 * the middle of a version (one transaction may write hundreds of rows) without losing any.
 * Per-tenant versions commit in order (see versions.ts), so nothing can appear behind a cursor.
 */
import { and, eq, getTableColumns, getTableName, lt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { SYNC_ENTITY_NAMES, type SyncChange, type SyncEntity, type SyncPage, type SyncResponse } from '../../../src-shared/api/sync';
import type { Db, DbOrTx } from '../db/client';
import { runNamed } from '../db/prepared';
import * as t from '../db/schema';
import { validationError } from '../http/errors';
import type { Projection } from './projection';
import { dossierProjection, profileProjection } from '../dossier/projection';
import { contractProjection, occupantProjection } from '../contract/projection';
import { bankAccountProjection, ledgerEntryProjection } from '../balance/projection';
import { insuranceProjection } from '../insurance/projection';
import { documentProjection } from '../documents/projection';
import { requestEventProjection, requestMessageProjection, requestProjection } from '../requests/projection';
import { changeRequestProjection } from '../change-requests/projection';
import { activityProjection } from '../home/projection';
import { notificationPreferencesProjection, notificationProjection } from '../notifications/projection';
import { residenceProjection } from '../residences/projection';

interface Position {
  version: number;
  entity: string;
  id: string;
  /**
   * A page cursor of a first (full) sync. Its position can be older than the tenant's oldest
   * kept tombstone, yet nothing was missed: the client had nothing before this sync started, so
   * it must not be told to reset (it would start again, and be told again, forever).
   */
  fullSync?: boolean;
}

/** Sorts after every entity name: position (v, CAUGHT_UP) = "all of version v and before". */
const CAUGHT_UP = '~';

export function encodeCursor(p: Position): string {
  return Buffer.from(`${p.version}|${p.entity}|${p.id}${p.fullSync ? '|full' : ''}`).toString('base64url');
}

/** A version fits in a safe integer (PostgreSQL's bigint goes further, our counters never will). */
const CURSOR_VERSION = /^\d{1,15}$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The position a cursor holds, or a 400: every part is checked here, because each goes into the
 * position query (a version past 2^63 or an entity with a NUL made PostgreSQL fail with a 500).
 */
export function decodeCursor(cursor: string): Position {
  const [version, entity, id, mark, ...extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const validEntity = entity === CAUGHT_UP ? id === '' : (SYNC_ENTITY_NAMES as string[]).includes(entity ?? '') && CURSOR_ID.test(id ?? '');
  if (!version || !CURSOR_VERSION.test(version) || !validEntity || (mark !== undefined && mark !== 'full') || extra.length > 0) {
    throw validationError([{ path: 'querystring.cursor', message: 'Curseur de synchronisation invalide', key: 'fields.invalid' }]);
  }
  return mark === 'full' ? { version: Number(version), entity: entity!, id: id!, fullSync: true } : { version: Number(version), entity: entity!, id: id! };
}

/**
 * Every entity of the feed and the area that projects it. Typed over SyncEntity, so an entity
 * without its projection, or a projection of no entity, does not compile.
 */
const PROJECTIONS: { [E in SyncEntity]: Projection<E> } = {
  profile: profileProjection,
  dossier: dossierProjection,
  contract: contractProjection,
  occupant: occupantProjection,
  ledgerEntry: ledgerEntryProjection,
  bankAccount: bankAccountProjection,
  insurance: insuranceProjection,
  document: documentProjection,
  request: requestProjection,
  requestMessage: requestMessageProjection,
  requestEvent: requestEventProjection,
  changeRequest: changeRequestProjection,
  activity: activityProjection,
  notification: notificationProjection,
  notificationPreferences: notificationPreferencesProjection,
  residence: residenceProjection,
};

/** The entities with tombstones: rows of a tenant (tenant_id) that are deleted by a `deleted` flag. */
const TOMBSTONED = Object.entries(PROJECTIONS).filter(([, p]) => !p.tenantRow && !('branch' in p && p.branch));

/**
 * A row as `to_jsonb()` gives it (snake_case keys, timestamps as text) -> the drizzle shape the
 * mappers take: one query brings positions and rows together (one round trip per page).
 */
const readers = new Map<string, (json: Record<string, unknown>) => unknown>();
function readerFor(table: PgTable): (json: Record<string, unknown>) => unknown {
  const cached = readers.get(getTableName(table));
  if (cached) return cached;
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name, timestamp: column.columnType === 'PgTimestamp' }));
  const reader = (json: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const c of columns) {
      const value = json[c.name];
      out[c.key] = c.timestamp && typeof value === 'string' ? new Date(value) : value;
    }
    return out;
  };
  readers.set(getTableName(table), reader);
  return reader;
}

function toData(entity: SyncEntity, json: Record<string, unknown>): unknown {
  const { table, data } = PROJECTIONS[entity];
  return (data as (row: unknown) => unknown)(readerFor(table)(json));
}

export const DEFAULT_SYNC_LIMIT = 500;

/**
 * The page query: one branch per entity (each on its table's (tenant_id, version) index), the
 * positions and the rows together (one round trip per page). Its text is fixed (the entities
 * are), written once here instead of built by drizzle per request, and run as a named prepared
 * statement: $1 the tenant, then the position and the limit (issue 17).
 */
const PAGE_BRANCHES = Object.entries(PROJECTIONS)
  .map(([entity, projection]) => {
    if ('branch' in projection && projection.branch) return projection.branch;
    const { table, tenantRow } = projection;
    const name = `"${getTableName(table)}"`;
    return tenantRow
      ? `select '${entity}'::text as entity, id::text as id, version, false as deleted, to_jsonb(${name}.*) as row from ${name} where id = $1`
      : `select '${entity}'::text as entity, id::text as id, version, deleted, case when deleted then null else to_jsonb(${name}.*) end as row from ${name} where tenant_id = $1`;
  })
  .join(' union all ');
const FIRST_PAGE = `select entity, id, version, deleted, row from (${PAGE_BRANCHES}) as c where not deleted order by version, entity, id limit $2`;
const PAGE_AFTER = `select entity, id, version, deleted, row from (${PAGE_BRANCHES}) as c where (version, entity, id) > ($2::bigint, $3::text, $4::text) order by version, entity, id limit $5`;

/** The tenant's versions, read by every sync (the no-op one reads nothing else): fixed text, prepared (db/prepared.ts). */
const TENANT_VERSIONS = 'select min_cursor_version, sync_version from tenants where id = $1';

export async function readSyncFeed(db: Db, tenantId: string, cursor: string | undefined, limit = DEFAULT_SYNC_LIMIT): Promise<SyncResponse> {
  const from = cursor ? decodeCursor(cursor) : null;
  // No transaction on purpose: see the proof of "caught up" below; a row changed between the
  // position query and the row reads is simply sent again later with its newer version.
  const [versions] = await runNamed<{ min_cursor_version: string | number; sync_version: string | number }>(db, 'sync_tenant_versions', TENANT_VERSIONS, [tenantId]);
  const tenant = versions && { minCursorVersion: Number(versions.min_cursor_version), syncVersion: Number(versions.sync_version) };
  if (!tenant) return { changes: [], cursor: cursor ?? encodeCursor({ version: 0, entity: CAUGHT_UP, id: '' }), hasMore: false };
  // Known edge, accepted: a cursor that stopped in the middle of the very version of the newest
  // purged tombstone (a page boundary, then 30+ days offline) is not reset.
  // A page of a first sync is never stale (see Position.fullSync).
  if (from && !from.fullSync && from.version < tenant.minCursorVersion) return { reset: true as const };
  // No-op fast path: the client has seen everything up to the tenant's current version.
  if (from && from.entity === CAUGHT_UP && from.version >= tenant.syncVersion) return { changes: [], cursor: cursor!, hasMore: false };

  const positions = await runNamed<{ entity: SyncEntity; id: string; version: string | number; deleted: boolean; row: Record<string, unknown> | null }>(
    db,
    from ? 'sync_page_after' : 'sync_page_first',
    from ? PAGE_AFTER : FIRST_PAGE,
    from ? [tenantId, from.version, from.entity, from.id, limit + 1] : [tenantId, limit + 1],
  );
  const hasMore = positions.length > limit;
  const page = positions.slice(0, limit);

  const changes = page.map(
    (p) => ({ entity: p.entity, id: p.id, version: Number(p.version), deleted: p.deleted, data: p.deleted || !p.row ? null : toData(p.entity, p.row) }) as SyncChange,
  );
  const last = page[page.length - 1];
  let next: string;
  if (hasMore) {
    next = encodeCursor({ version: Number(last!.version), entity: last!.entity, id: last!.id, fullSync: from ? from.fullSync === true : true });
  } else {
    // Caught up to max(syncVersion read first, last version sent): every write transaction up
    // to the version read first had committed (its row was visible), so the later position
    // query saw all its rows; versions commit in order, so the same holds up to the last one.
    const upTo = Math.max(tenant.syncVersion, last ? Number(last.version) : 0, from?.version ?? 0);
    next = encodeCursor({ version: upTo, entity: CAUGHT_UP, id: '' });
  }
  const result: SyncPage = { changes, cursor: next, hasMore };
  return result;
}

/** Rows of a raw query, whichever driver (node-postgres returns { rows }, PGlite too). */
export async function rowsOf<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] } | T[];
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Deletes tombstones older than `olderThan` and raises each affected tenant's minimum cursor
 * version, so clients whose cursor predates a purged tombstone get `reset`.
 */
export async function purgeTombstones(db: Db, olderThan: Date): Promise<number> {
  let purged = 0;
  for (const [, projection] of TOMBSTONED) {
    // Every tombstoned table has the columns used here; dossiers stands for their common shape.
    const table = projection.table as typeof t.dossiers;
    const rows = await db
      .delete(table)
      .where(and(eq(table.deleted, true), lt(table.updatedAt, olderThan)))
      .returning({ tenantId: table.tenantId, version: table.version });
    purged += rows.length;
    const maxByTenant = new Map<string, number>();
    for (const r of rows) maxByTenant.set(r.tenantId, Math.max(maxByTenant.get(r.tenantId) ?? 0, r.version));
    for (const [tenantId, version] of maxByTenant) {
      await db
        .update(t.tenants)
        .set({ minCursorVersion: sql`greatest(${t.tenants.minCursorVersion}, ${version})` })
        .where(eq(t.tenants.id, tenantId));
    }
  }
  return purged;
}
