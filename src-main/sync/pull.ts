/**
 * The pull half of the sync (server authoritative): pages of GET /v1/sync?cursor=C applied
 * to the mirror, each page with its cursor in one transaction. A `reset` answer (our cursor is
 * older than the server's tombstone retention) empties the mirror and starts again from zero.
 *
 * Speed (issue 17): a full sync (no cursor yet) asks for the largest pages the contract allows,
 * and the next page is asked for as soon as a page's cursor is known, so the server builds it
 * while this one is checked against the contract and applied. A page is applied only once every
 * one of its changes has passed the contract's schema; when one fails, the page already asked
 * for is dropped unread and the cache keeps the last good page's cursor.
 */
import { z } from 'zod';
import { apiPath } from '../../src-shared/api/routes';
import { SYNC_PAGE_LIMIT_MAX, syncChangeSchema, syncResetSchema } from '../../src-shared/api/sync';
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

/**
 * What is read of an answer before the next page is asked for: its cursor and whether more
 * follows. Its changes are checked against the contract (syncChangeSchema) before they apply.
 */
const pageEnvelopeSchema = z.object({ changes: z.array(z.unknown()), cursor: z.string(), hasMore: z.boolean() });
const answerEnvelopeSchema = z.union([pageEnvelopeSchema, syncResetSchema]);
type AnswerEnvelope = z.infer<typeof answerEnvelopeSchema>;

const pageChangesSchema = z.array(syncChangeSchema);

/** GET /v1/sync for the page after `cursor` (null: from the start), the largest pages when `large`. */
function pageQuery(cursor: string | null, large: boolean): string {
  const query = new URLSearchParams();
  if (cursor) query.set('cursor', cursor);
  if (large) query.set('limit', String(SYNC_PAGE_LIMIT_MAX));
  const text = query.toString();
  return text ? `${apiPath('sync')}?${text}` : apiPath('sync');
}

export async function pullChanges(
  open: OpenAccount,
  api: PortalApi,
  authorized: <T>(call: (token: string) => Promise<T>) => Promise<T>,
  now: Clock,
): Promise<PullResult> {
  const result: PullResult = { pages: 0, changes: 0, reset: false };
  // A full sync (no cursor yet, or after a reset) brings every row the tenant has: fewer,
  // larger pages save round trips. A delta sync keeps the server's default.
  const cursor = readSyncState(open.cache.db).cursor;
  let fullSync = cursor === null;
  const ask = (after: string | null): Promise<AnswerEnvelope> =>
    authorized((token) => api.request(pageQuery(after, fullSync), { accessToken: token, response: answerEnvelopeSchema }));

  let next = ask(cursor);
  while (result.pages < MAX_PAGES) {
    const answer = await next;
    if ('reset' in answer) {
      if (result.reset) throw new PortalError('SERVER', { cause: new Error('sync: reset twice in one pull') });
      resetMirror(open.cache.db);
      result.reset = true;
      fullSync = true;
      next = ask(null);
      continue;
    }
    // Asked for now, so the server builds it while this page is checked and applied.
    const following = answer.hasMore ? ask(answer.cursor) : null;
    try {
      const changes = pageChangesSchema.safeParse(answer.changes);
      if (!changes.success) throw new PortalError('SERVER', { cause: new Error(`${apiPath('sync')}: answer outside the API contract`) });
      applySyncPage(open.cache.db, changes.data, answer.cursor, now().toISOString());
    } catch (error) {
      // The page asked for ahead is not wanted any more; how it ends is no news.
      following?.catch(() => undefined);
      throw error;
    }
    result.pages += 1;
    result.changes += answer.changes.length;
    if (!following) return result;
    next = following;
  }
  next.catch(() => undefined);
  throw new PortalError('SERVER', { cause: new Error('sync: too many pages') });
}
