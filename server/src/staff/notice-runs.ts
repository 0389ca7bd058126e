/**
 * The month's notice run from the console: POST starts publishMonthNotices in the background and
 * answers at once; its progress (publishMonthNotices' onProgress, after each batch) and its summary
 * are kept in staff_notice_runs, so any server instance answers GET with the bar's numbers.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { and, eq, gt } from 'drizzle-orm';
import type { StaffNoticeRun } from '../../../src-shared/api/staff';
import { staffNoticeRuns } from '../db/schema';
import { ApiError } from '../http/errors';
import { adminPublishNotices, type AdminDeps } from '../admin/service';
import type { PublishProgress } from '../documents/publish';
import { startRenderPool } from '../documents/render-pool';
import { recordAudit, type StaffActor } from './audit';

/** Longer than any run (100,000 dossiers take minutes): past it, a "running" row is a run cut short. */
const STALE_RUN_MS = 6 * 60 * 60 * 1000;
const EMPTY_SUMMARY = { published: 0, unchanged: 0, superseded: 0, skipped: 0, refused: 0 };
const summaryOf = (p: Pick<PublishProgress, keyof typeof EMPTY_SUMMARY>) => ({ published: p.published, unchanged: p.unchanged, superseded: p.superseded, skipped: p.skipped, refused: p.refused });

/** Runs still going in this process (the server waits for them on close; tests await them). */
const running = new Set<Promise<void>>();
export async function settleNoticeRuns(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

export async function startNoticeRun(deps: AdminDeps, period: string, actor: StaffActor, log: (message: string, error: unknown) => void = () => {}): Promise<{ id: string }> {
  const id = randomUUID();
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    // A run still marked running after STALE_RUN_MS was cut short (a server stopped): it no longer blocks.
    const [busy] = await tx
      .select({ id: staffNoticeRuns.id })
      .from(staffNoticeRuns)
      .where(and(eq(staffNoticeRuns.period, period), eq(staffNoticeRuns.status, 'running'), gt(staffNoticeRuns.startedAt, new Date(now.getTime() - STALE_RUN_MS))));
    if (busy) throw new ApiError('CONFLICT', { message: 'Les avis de ce mois sont déjà en cours de publication.' });
    await tx.insert(staffNoticeRuns).values({ id, period, status: 'running', summary: EMPTY_SUMMARY, startedBy: actor.staffId, startedAt: now });
    await recordAudit(tx, { at: now, actor, action: 'noticeRun.start', targetType: 'noticeRun', targetId: id, after: { period } });
  });
  const run = (async () => {
    // Progress lines are saved one after the other, and all before the final state.
    let saving = Promise.resolve();
    let total = 0;
    // The notices render in other processes (documents/render-pool.ts): as many as the machine has
    // cores, and this server's event loop stays free for the requests meanwhile.
    const pool = startRenderPool(availableParallelism());
    try {
      const result = await adminPublishNotices({ ...deps, documents: { ...deps.documents, rendering: pool } }, period, undefined, {
        keepNotices: false,
        onProgress: (p) => {
          total = p.total;
          saving = saving
            .then(async () => {
              await deps.db.update(staffNoticeRuns).set({ done: p.done, total: p.total, summary: summaryOf(p) }).where(eq(staffNoticeRuns.id, id));
            })
            .catch((error: unknown) => log('notice run: progress not saved', error));
        },
      });
      await saving;
      const done = result.published + result.unchanged + result.superseded + result.skipped + result.refused;
      await deps.db.update(staffNoticeRuns).set({ status: 'done', done, total: Math.max(done, total), summary: summaryOf(result), finishedAt: deps.now() }).where(eq(staffNoticeRuns.id, id));
    } catch (error) {
      await saving;
      log('notice run failed', error);
      await deps.db
        .update(staffNoticeRuns)
        .set({ status: 'failed', error: 'La publication s\'est arrêtée sur une erreur ; relancez-la (les avis déjà publiés restent).', finishedAt: deps.now() })
        .where(eq(staffNoticeRuns.id, id))
        .catch((e: unknown) => log('notice run: failure not saved', e));
    } finally {
      await pool.close();
    }
  })();
  running.add(run);
  void run.finally(() => running.delete(run));
  return { id };
}

export async function noticeRunView(deps: Pick<AdminDeps, 'db'>, id: string): Promise<StaffNoticeRun> {
  const [row] = await deps.db.select().from(staffNoticeRuns).where(eq(staffNoticeRuns.id, id));
  if (!row) throw new ApiError('NOT_FOUND', { message: 'Publication introuvable.' });
  return {
    id: row.id,
    period: row.period,
    status: row.status,
    done: row.done,
    total: row.total,
    summary: { ...EMPTY_SUMMARY, ...(row.summary as Partial<typeof EMPTY_SUMMARY>) },
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    error: row.error,
  };
}
