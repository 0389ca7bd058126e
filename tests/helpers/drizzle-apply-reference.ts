/**
 * The drizzle upsert per row that applySyncPage replaced (src-main/storage/cache-mirror.ts before
 * issue 17): the oracle of tests/integration/main/cache-mirror.test.ts and the "before" row of
 * bench/client-sync.
 */
import { and, eq } from 'drizzle-orm';
import { entities, syncState } from '../../db/schema';
import type { SyncChange } from '../../src-shared/api/sync';
import type { CacheDb } from '../../src-main/storage/cache-database';

export function referenceApplySyncPage(db: CacheDb, changes: readonly SyncChange[], cursor: string, now: string) {
  db.transaction((tx) => {
    for (const change of changes) {
      if (change.deleted || change.data === null) {
        tx.delete(entities)
          .where(and(eq(entities.entity, change.entity), eq(entities.id, change.id)))
          .run();
      } else {
        tx.insert(entities)
          .values({ entity: change.entity, id: change.id, version: change.version, data: change.data, local: false })
          .onConflictDoUpdate({ target: [entities.entity, entities.id], set: { version: change.version, data: change.data, local: false } })
          .run();
      }
    }
    tx.insert(syncState)
      .values({ id: 1, cursor, lastSyncAt: now })
      .onConflictDoUpdate({ target: syncState.id, set: { cursor, lastSyncAt: now } })
      .run();
  });
}
