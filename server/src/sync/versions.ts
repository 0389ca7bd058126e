/**
 * Every write touching a tenant's synced data runs in a transaction that first bumps the
 * tenant's counter. The UPDATE row-locks the tenant, so a tenant's versions commit in order and
 * a reader never sees version n+1 before n: the sync cursor can simply compare versions.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { anyOf } from '../db/bulk';
import type { Db, Tx } from '../db/client';
import { tenants } from '../db/schema';
import { ApiError } from '../http/errors';

/** A tenant write's place, as its area's service receives it: the new row's id (the Idempotency-Key), its sync version and instant, whose it is. */
export interface WriteAt {
  id: string;
  version: number;
  now: Date;
  tenantId: string;
}

export async function bumpTenantVersion(tx: Tx, tenantId: string): Promise<number> {
  const rows = await tx
    .update(tenants)
    .set({ syncVersion: sql`${tenants.syncVersion} + 1` })
    .where(eq(tenants.id, tenantId))
    .returning({ version: tenants.syncVersion });
  const row = rows[0];
  if (!row) throw new ApiError('NOT_FOUND');
  return row.version;
}

/** Runs `fn` in a transaction holding the tenant's next version. */
export function withTenantWrite<T>(db: Db, tenantId: string, fn: (tx: Tx, version: number) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(tx, await bumpTenantVersion(tx, tenantId)));
}

/**
 * Bumps the counters of many tenants at once (batch writes: publishing, imports): the rows are
 * locked in id order first, so two batches over overlapping tenants wait for each other instead of
 * deadlocking; returns each tenant's new version.
 */
export async function bumpTenantVersions(tx: Tx, tenantIds: string[]): Promise<Map<string, number>> {
  const ids = [...new Set(tenantIds)].sort();
  if (ids.length === 0) return new Map();
  // The ids as one array parameter (db/bulk.ts anyOf): a batch of 2,000 tenants is one parameter,
  // not 2,000 that drizzle builds into the SQL twice (issue 17).
  await tx.select({ id: tenants.id }).from(tenants).where(anyOf(tenants.id, ids)).orderBy(asc(tenants.id)).for('update');
  const rows = await tx
    .update(tenants)
    .set({ syncVersion: sql`${tenants.syncVersion} + 1` })
    .where(anyOf(tenants.id, ids))
    .returning({ id: tenants.id, version: tenants.syncVersion });
  return new Map(rows.map((row) => [row.id, row.version]));
}

/** Runs `fn` in one transaction holding the next version of each of `tenantIds` (one batch write). */
export function withTenantsWrite<T>(db: Db, tenantIds: string[], fn: (tx: Tx, versions: Map<string, number>) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(tx, await bumpTenantVersions(tx, tenantIds)));
}
