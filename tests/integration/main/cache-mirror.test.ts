/**
 * applySyncPage writes through one prepared statement per table (issue 17). It must land each
 * page exactly as the drizzle upsert per row did: `referenceApplySyncPage` below is that former
 * implementation, kept as the oracle (tests/helpers/drizzle-apply-reference.ts), and both run on
 * twin caches.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncChange } from '../../../src-shared/api/sync';
import { openCacheDatabase, type CacheDatabase } from '../../../src-main/storage/cache-database';
import { applySyncPage, putLocalEntity, resetMirror } from '../../../src-main/storage/cache-mirror';
import { migrationsFolder } from '../../helpers/core';
import { referenceApplySyncPage } from '../../helpers/drizzle-apply-reference';

const opened: CacheDatabase[] = [];
function openCache(): CacheDatabase {
  const cache = openCacheDatabase({ file: ':memory:', migrationsFolder });
  opened.push(cache);
  return cache;
}
afterEach(() => {
  for (const cache of opened.splice(0)) cache.close();
});

/** Every byte the two tables hold, in a fixed order. */
function dump(cache: CacheDatabase) {
  return {
    entities: cache.sqlite.prepare('SELECT entity, id, version, data, local FROM entities ORDER BY entity, id').all(),
    syncState: cache.sqlite.prepare('SELECT id, cursor, last_sync_at FROM sync_state').all(),
  };
}

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const change = (entity: SyncChange['entity'], n: number, version: number, data: object | null): SyncChange =>
  ({ entity, id: ID(n), version, deleted: data === null, data }) as SyncChange;

/** A cache with synced rows 1-3 and an optimistic (local) row 4, as after a first page and a write. */
function seed(cache: CacheDatabase, apply: typeof applySyncPage) {
  apply(cache.db, [change('request', 1, 1, { label: 'un' }), change('request', 2, 1, { label: 'deux' }), change('document', 3, 1, { title: 'Quittance' })], 'c1', '2026-03-01T08:00:00.000Z');
  putLocalEntity(cache.db, 'request', ID(4), { label: 'envoi en attente' } as never);
}

describe('applySyncPage', () => {
  it('lands a page of inserts, updates, deletes and tombstones exactly as the drizzle upsert per row did', () => {
    const page: SyncChange[] = [
      change('request', 5, 1, { label: 'nouvelle', nested: { amounts: [1, 2.5], accent: 'reçu «' } }), // insert
      change('request', 1, 2, { label: 'un, modifiée' }), // update of a synced row
      change('request', 4, 1, { label: 'confirmée par le serveur' }), // update of the optimistic row: no longer local
      { entity: 'request', id: ID(2), version: 2, deleted: true, data: null } as SyncChange, // delete
      { entity: 'document', id: ID(99), version: 1, deleted: true, data: null } as SyncChange, // tombstone of a row never seen
      change('document', 6, 1, { title: 'Avis' }),
      { entity: 'document', id: ID(6), version: 2, deleted: true, data: null } as SyncChange, // inserted then deleted in the same page
      change('document', 3, 3, { title: 'Quittance corrigée' }),
      change('request', 3, 1, { label: 'même id, autre entité' }), // (entity, id) is the key, not id alone
    ];
    const ours = openCache();
    const reference = openCache();
    seed(ours, applySyncPage);
    seed(reference, referenceApplySyncPage);
    applySyncPage(ours.db, page, 'c2', '2026-03-01T09:00:00.000Z');
    referenceApplySyncPage(reference.db, page, 'c2', '2026-03-01T09:00:00.000Z');

    expect(dump(ours)).toEqual(dump(reference));
    // And what that state is, spelled out.
    expect(dump(ours).entities.map((row) => [(row as { entity: string }).entity, (row as { id: string }).id.slice(-2), (row as { local: number }).local])).toEqual([
      ['document', '03', 0],
      ['request', '01', 0],
      ['request', '03', 0],
      ['request', '04', 0],
      ['request', '05', 0],
    ]);
    expect(dump(ours).syncState).toEqual([{ id: 1, cursor: 'c2', last_sync_at: '2026-03-01T09:00:00.000Z' }]);
  });

  it('keeps the page and its cursor together: a failing row leaves neither', () => {
    const cache = openCache();
    seed(cache, applySyncPage);
    const before = dump(cache);
    // A NOT NULL violation halfway through the page (no version): the transaction rolls back.
    const broken = [change('request', 7, 1, { label: 'sept' }), { entity: 'request', id: ID(8), version: null, deleted: false, data: {} } as unknown as SyncChange];
    expect(() => applySyncPage(cache.db, broken, 'c9', '2026-03-01T10:00:00.000Z')).toThrow();
    expect(dump(cache)).toEqual(before);
  });

  it('agrees with the drizzle upsert on random sequences of pages, around a reset', () => {
    const entity = fc.constantFrom<SyncChange['entity']>('request', 'document', 'ledgerEntry');
    const randomChange = fc
      .record({ entity, n: fc.integer({ min: 1, max: 12 }), version: fc.integer({ min: 0, max: 50 }), data: fc.option(fc.record({ label: fc.string({ maxLength: 6 }), amountCents: fc.integer(), tags: fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }), note: fc.option(fc.string({ maxLength: 4 }), { nil: null }) }, { noNullPrototype: true }), { nil: null }) })
      .map(({ entity: kind, n, version, data }) => change(kind, n, version, data));
    const step = fc.oneof(
      { weight: 8, arbitrary: fc.array(randomChange, { maxLength: 15 }).map((changes) => ({ kind: 'page' as const, changes })) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 12 }).map((n) => ({ kind: 'local' as const, n })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
        const ours = openCache();
        const reference = openCache();
        steps.forEach((item, index) => {
          for (const [cache, apply] of [[ours, applySyncPage], [reference, referenceApplySyncPage]] as const) {
            if (item.kind === 'page') apply(cache.db, item.changes, `c${index}`, `2026-03-01T10:00:0${index}.000Z`);
            else if (item.kind === 'local') putLocalEntity(cache.db, 'request', ID(item.n), { label: `local ${index}` } as never);
            else resetMirror(cache.db);
          }
        });
        expect(dump(ours)).toEqual(dump(reference));
        ours.close();
        reference.close();
        opened.splice(0);
      }),
      { numRuns: 60 },
    );
  });
});
