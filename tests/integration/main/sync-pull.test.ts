/**
 * The pull of the sync (src-main/sync/pull.ts) against a scripted feed: a full sync asks for the
 * largest pages and asks for each next page before applying the current one (issue 17); a page
 * with a change outside the contract applies nothing, and the page asked for ahead is dropped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_PAGE_LIMIT_MAX, type SyncChange } from '../../../src-shared/api/sync';
import { PortalError } from '../../../src-shared/errors';
import { PortalApi } from '../../../src-main/services/portal-api';
import type { OpenAccount } from '../../../src-main/services/session';
import { openCacheDatabase, type CacheDatabase } from '../../../src-main/storage/cache-database';
import { listEntities, readSyncState } from '../../../src-main/storage/cache-mirror';
import { pullChanges } from '../../../src-main/sync/pull';
import { testClock } from '../../helpers/clock';
import { migrationsFolder } from '../../helpers/core';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const activity = (n: number): SyncChange => ({
  entity: 'activity',
  id: ID(n),
  version: n,
  deleted: false,
  data: { at: '2026-03-01T08:00:00.000Z', kind: 'payment', label: `Paiement ${n}`, refId: null },
});

interface Asked {
  url: URL;
  /** The cursor the cache held when the page was asked for. */
  cachedCursor: string | null;
}

/**
 * A feed of pages keyed by the cursor they follow ('' for the first). Each request is recorded
 * with the cache's cursor at that instant, which tells whether the page before was applied yet.
 */
function scriptedFeed(cache: CacheDatabase, pages: Record<string, { changes: unknown[]; cursor: string; hasMore: boolean }>) {
  const asked: Asked[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    asked.push({ url, cachedCursor: readSyncState(cache.db).cursor });
    const page = pages[url.searchParams.get('cursor') ?? ''];
    if (!page) return new Response(JSON.stringify({ error: { code: 'NOT_FOUND' } }), { status: 404 });
    return new Response(JSON.stringify(page), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { api: new PortalApi({ baseUrl: 'http://127.0.0.1:9', fetch }), asked };
}

const opened: CacheDatabase[] = [];
function openAccount(): OpenAccount {
  const cache = openCacheDatabase({ file: ':memory:', migrationsFolder });
  opened.push(cache);
  return { account: { id: ID(999) } as OpenAccount['account'], folder: '', cache };
}
afterEach(() => {
  for (const cache of opened.splice(0)) cache.close();
});

const authorized = <T>(call: (token: string) => Promise<T>) => call('token');
const { clock } = testClock();

describe('pull of the sync feed', () => {
  it('a full sync asks for the largest pages and for each next page before it applies the current one; a delta sync keeps the default', async () => {
    const open = openAccount();
    const { api, asked } = scriptedFeed(open.cache, {
      '': { changes: [activity(1), activity(2)], cursor: 'c1', hasMore: true },
      c1: { changes: [activity(3)], cursor: 'c2', hasMore: true },
      c2: { changes: [activity(4)], cursor: 'c3', hasMore: false },
    });

    const result = await pullChanges(open, api, authorized, clock);

    expect(result).toEqual({ pages: 3, changes: 4, reset: false });
    expect(listEntities(open.cache.db, 'activity').map((row) => row.data.label).sort()).toEqual(['Paiement 1', 'Paiement 2', 'Paiement 3', 'Paiement 4']);
    expect(readSyncState(open.cache.db).cursor).toBe('c3');
    expect(asked.map(({ url }) => [url.searchParams.get('cursor'), url.searchParams.get('limit')])).toEqual([
      [null, String(SYNC_PAGE_LIMIT_MAX)],
      ['c1', String(SYNC_PAGE_LIMIT_MAX)],
      ['c2', String(SYNC_PAGE_LIMIT_MAX)],
    ]);
    // Page 2 was asked for while page 1 was not applied yet (the cache still had no cursor), and so on.
    expect(asked.map(({ cachedCursor }) => cachedCursor)).toEqual([null, null, 'c1']);

    // The next sync starts from a cursor: the server's default page size.
    const delta = scriptedFeed(open.cache, { c3: { changes: [activity(5)], cursor: 'c4', hasMore: false } });
    await pullChanges(open, delta.api, authorized, clock);
    expect(delta.asked.map(({ url }) => url.searchParams.get('limit'))).toEqual([null]);
    expect(readSyncState(open.cache.db).cursor).toBe('c4');
  });

  it('a page with one change outside the contract applies nothing of itself nor of the page asked for ahead', async () => {
    const open = openAccount();
    const outside = { ...activity(4), data: { label: 'sans date ni genre' } };
    const { api, asked } = scriptedFeed(open.cache, {
      '': { changes: [activity(1), activity(2)], cursor: 'c1', hasMore: true },
      c1: { changes: [activity(3), outside], cursor: 'c2', hasMore: true },
      c2: { changes: [activity(5)], cursor: 'c3', hasMore: false },
    });

    const failure = await pullChanges(open, api, authorized, clock).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(PortalError);
    expect((failure as PortalError).code).toBe('SERVER');
    // The page after the bad one had been asked for (ahead), but none of it landed.
    expect(asked.map(({ url }) => url.searchParams.get('cursor'))).toEqual([null, 'c1', 'c2']);
    expect(listEntities(open.cache.db, 'activity').map((row) => row.data.label).sort()).toEqual(['Paiement 1', 'Paiement 2']);
    expect(readSyncState(open.cache.db).cursor).toBe('c1');
  });
});
