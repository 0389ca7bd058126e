/**
 * Keeps one open account's cache in step with the Portal API: drains the outbox, pulls the
 * changes, then fetches recent documents for offline reading. Runs at start, every few minutes,
 * when the window regains focus, when connectivity returns and on demand; one run at a time
 * (a request during a run queues exactly one more run). Failures back off exponentially with
 * jitter. Every state change is pushed to the renderer as a `sync.state` event.
 */
import { apiPath } from '../../src-shared/api/routes';
import type { EventPayload } from '../../src-shared/bridge';
import { parisDate } from '../../src-shared/clock';
import { PortalError } from '../../src-shared/errors';
import { addMonths } from '../../src-shared/validation/dates';
import { listEntities, readLastSyncAttempt, readSyncState, writeLastSyncAttempt } from '../storage/cache-mirror';
import type { DocumentStore } from '../storage/document-store';
import { DocumentHashMismatch } from '../storage/document-store';
import type { PortalApi } from '../services/portal-api';
import type { OpenAccount } from '../services/session';
import { backoffDelay } from './backoff';
import { drainOutbox, pendingCount } from './outbox';
import { pullChanges } from './pull';

export type SyncStatePayload = EventPayload<'sync.state'>;

export interface SyncEngineOptions {
  open: OpenAccount;
  api: PortalApi;
  documents: DocumentStore;
  authorized: <T>(call: (token: string) => Promise<T>) => Promise<T>;
  emitState: (state: SyncStatePayload) => void;
  emitDocumentProgress?: (progress: { sha256: string; received: number; total: number | null }) => void;
  /** Whether recent documents are fetched in the background (a setting). */
  prefetchDocuments: () => boolean;
  intervalMs?: number;
  /** How often to sync while watching closely (default WATCH_INTERVAL_MS). */
  watchIntervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  now: () => Date;
  random?: () => number;
}

/** Months of quittances and rent notices kept offline without being asked. */
export const PREFETCH_MONTHS = 12;

/** How often to sync while the server is expected to change soon (an email being confirmed). */
export const WATCH_INTERVAL_MS = 15_000;

/** The rent period ("yyyy-mm") `months` before the Paris month of `now` (the one rule for today). */
export function monthsAgo(now: Date, months: number): string {
  return addMonths(parisDate(now).slice(0, 7), -months);
}

/** A reason the renderer can word (i18n key `sync.reason.<reason>`). */
function reasonOf(error: unknown): string {
  return error instanceof PortalError ? error.code : 'INTERNAL';
}

export function createSyncEngine(options: SyncEngineOptions) {
  const { open, api, documents, authorized } = options;
  const now = options.now;
  const intervalMs = options.intervalMs ?? 5 * 60_000;
  const watchIntervalMs = options.watchIntervalMs ?? WATCH_INTERVAL_MS;
  const backoff = options.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 };

  // The last successful sync survives restarts (it is saved with the cursor), so "À jour à 14:02"
  // shows at once, also offline; so does a failed last attempt ("Hors connexion" at once, not
  // "À jour" until the first new attempt fails).
  let state: SyncStatePayload = {
    ...readLastSyncAttempt(open.cache.db),
    lastSyncAt: readSyncState(open.cache.db).lastSyncAt,
    pending: pendingCount(open.cache.db),
  };
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  /** Until this instant (ms), sync every WATCH_INTERVAL_MS: something is expected from the server. */
  let watchUntil = 0;
  /** Documents whose bytes did not match: retried at the next run, not in a loop. */
  const mismatched = new Set<string>();

  function setState(next: Partial<SyncStatePayload>) {
    state = { ...state, ...next, pending: pendingCount(open.cache.db) };
    if (state.reason === undefined) delete state.reason;
    if (next.status && next.status !== 'syncing' && !stopped) {
      writeLastSyncAttempt(open.cache.db, state.reason ? { status: next.status, reason: state.reason } : { status: next.status });
    }
    options.emitState(state);
  }

  function schedule(delayMs: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    // A timer never queues a second run behind a running one: a failing run that keeps
    // rescheduling itself would otherwise keep the current request from ever finishing.
    timer = setTimeout(() => {
      timer = null;
      if (!running) void requestNow();
    }, delayMs);
    timer.unref?.();
  }

  async function prefetchRecentDocuments() {
    // This month and the 11 before it.
    const since = monthsAgo(now(), PREFETCH_MONTHS - 1);
    const stored = documents.storedHashes();
    const wanted = listEntities(open.cache.db, 'document').filter(
      (row) => row.data.period.slice(0, 7) >= since && !stored.has(row.data.sha256) && !mismatched.has(row.data.sha256),
    );
    for (const row of wanted) {
      if (stopped) return;
      await fetchDocument(row.data.sha256);
    }
  }

  /** Downloads one document and keeps it if its bytes match; a mismatch is retried next run. */
  async function fetchDocument(sha256: string): Promise<void> {
    const bytes = await authorized((token) =>
      api.download(apiPath('blob', { sha256 }), {
        accessToken: token,
        onProgress: (progress) => options.emitDocumentProgress?.({ sha256, ...progress }),
      }),
    );
    try {
      documents.keep(sha256, bytes, now());
      mismatched.delete(sha256);
    } catch (error) {
      if (!(error instanceof DocumentHashMismatch)) throw error;
      mismatched.add(sha256);
      console.warn(`documents: ${sha256} refused (${error.message}); will retry`);
      throw new PortalError('SERVER', { cause: error });
    }
  }

  async function runOnce() {
    // Offline stays "Hors connexion" while it tries again: the badge changes when the answer
    // comes, rather than flickering to "Synchronisation…" at every retry (and at every restart).
    if (state.status !== 'offline') setState({ status: 'syncing' });
    try {
      const drained = await drainOutbox(open, api, authorized);
      if (drained.stoppedBy) throw drained.stoppedBy;
      await pullChanges(open, api, authorized, now);
      mismatched.clear();
      if (options.prefetchDocuments()) {
        // A document that fails is not a failed sync: the data is up to date.
        await prefetchRecentDocuments().catch((error: unknown) => {
          if (error instanceof PortalError && error.code === 'OFFLINE') throw error;
        });
      }
      if (drained.serverError) {
        // The data is fresh, but a row the server failed on (the others went out) waits: say so,
        // and try it again after the backoff, not in five minutes.
        failures += 1;
        setState({ status: 'error', reason: reasonOf(drained.serverError), lastSyncAt: now().toISOString() });
        schedule(backoffDelay(failures - 1, { ...backoff, random: options.random }));
        return;
      }
      failures = 0;
      setState({ status: 'upToDate', lastSyncAt: now().toISOString(), reason: undefined });
      schedule(now().getTime() < watchUntil ? watchIntervalMs : intervalMs);
    } catch (error) {
      if (stopped) return;
      if (error instanceof PortalError && error.code === 'UNAUTHENTICATED') {
        // The session ended (the session service closes it); nothing more to do here.
        stop();
        return;
      }
      failures += 1;
      const offline = error instanceof PortalError && error.code === 'OFFLINE';
      setState({ status: offline ? 'offline' : 'error', reason: offline ? undefined : reasonOf(error) });
      schedule(backoffDelay(failures - 1, { ...backoff, random: options.random }));
    }
  }

  /** Runs a sync now, or right after the one in progress. Resolves when it has run. */
  function requestNow(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        if (timer) clearTimeout(timer);
        timer = null;
        await runOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return {
    start: () => requestNow(),
    requestNow,
    /** The window regained focus or connectivity returned: sync unless one just ran. */
    nudge: () => requestNow(),
    /** A write was queued: send it now, and tell the UI the pending count at once. */
    writeQueued() {
      setState({});
      return requestNow();
    },
    fetchDocument,
    /**
     * Something the tenant does elsewhere will change the server soon (the link of an email
     * change, clicked in the mail program): sync every few seconds for `durationMs`, so the
     * screens show it as soon as it happens.
     */
    watchClosely(durationMs: number) {
      watchUntil = Math.max(watchUntil, now().getTime() + durationMs);
      if (!running) schedule(watchIntervalMs);
    },
    state: () => state,
    stop,
    /** Resolves when the current run (if any) is over. */
    idle: () => running ?? Promise.resolve(),
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
