/**
 * The pull half of the sync (server authoritative): pages of GET /v1/sync?cursor=C applied
 * to the mirror, each page with its cursor in one transaction. A `reset` answer (our cursor is
 * older than the server's tombstone retention) empties the mirror and starts again from zero.
 */
import { apiPath } from '../../src-shared/api/routes';
import { syncResponseSchema } from '../../src-shared/api/sync';
import { PortalError } from '../../src-shared/errors';
import type { Clock } from '../../src-shared/clock';
import { applySyncPage, readSyncState, resetMirror } from '../storage/cache-mirror';
import type { PortalApi } from '../services/portal-api';
import type { OpenAccount } from '../services/session';

export interface PullResult {
  pages: number;
  changes: number;
  reset: boolean;
}

/** Safety net: a server that keeps answering hasMore is a bug, not a reason to loop forever. */
const MAX_PAGES = 10_000;

export async function pullChanges(
  open: OpenAccount,
  api: PortalApi,
  authorized: <T>(call: (token: string) => Promise<T>) => Promise<T>,
  now: Clock,
): Promise<PullResult> {
  const result: PullResult = { pages: 0, changes: 0, reset: false };
  while (result.pages < MAX_PAGES) {
    const { cursor } = readSyncState(open.cache.db);
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    const answer = await authorized((token) => api.request(`${apiPath('sync')}${query}`, { accessToken: token, response: syncResponseSchema }));
    if ('reset' in answer) {
      if (result.reset) throw new PortalError('SERVER', { cause: new Error('sync: reset twice in one pull') });
      resetMirror(open.cache.db);
      result.reset = true;
      continue;
    }
    applySyncPage(open.cache.db, answer.changes, answer.cursor, now().toISOString());
    result.pages += 1;
    result.changes += answer.changes.length;
    if (!answer.hasMore) return result;
  }
  throw new PortalError('SERVER', { cause: new Error('sync: too many pages') });
}
