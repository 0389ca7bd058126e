/**
 * A projection: how one sync entity is read for the feed, its table and how a row becomes the
 * `data` of a change (the shape src-shared/api/sync.ts gives that entity). Each area declares
 * its entities' projections next to its routes; sync/feed.ts merges them.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SyncData, SyncEntity } from '../../../src-shared/api/sync';

export interface Projection<E extends SyncEntity = SyncEntity> {
  table: PgTable;
  data: (row: never) => SyncData<E>;
  /**
   * The tenant's own row (the profile, from `tenants`): found by its id, never a tombstone.
   * Every other entity's table has tenant_id and deleted columns.
   */
  tenantRow?: true;
  /**
   * An entity that is not one table of the tenant's (the residence rides on the dossier): the
   * feed's rows for a tenant as a query of `entity, id, version, deleted, row` (row: the JSON of
   * `table`'s columns, null for a tombstone), as fixed SQL text with $1 the tenant (the page
   * query is prepared once). Such rows have no tombstones of their own to purge.
   */
  branch?: string;
}

/** A projection whose mapper takes the table's row type (drizzle's $inferSelect). */
export function projection<T extends PgTable, D>(table: T, data: (row: T['$inferSelect']) => D, options: { tenantRow?: true } = {}) {
  return { table, data, ...options };
}

export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
