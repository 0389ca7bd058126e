/**
 * The sync as the renderer sees it: its state and "Synchroniser" (sync.*, with the shell's
 * procedures in src-shared/bridge.ts) and the outbox with its held-back writes (outbox.*,
 * src-shared/outbox.ts).
 */
import { eq } from 'drizzle-orm';
import type { shellProcedures } from '../../src-shared/bridge';
import type { outboxProcedures } from '../../src-shared/outbox';
import { entities } from '../../db/schema';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { dismissRefused, listOutbox, retryRefused } from './outbox';

type SyncProcedures = Pick<typeof shellProcedures, 'sync.get' | 'sync.now'> & typeof outboxProcedures;

export function syncHandlers(ctx: AreaContext): HandlersOf<SyncProcedures> {
  function outboxView() {
    return {
      items: listOutbox(ctx.work().open.cache.db).map((item) => ({
        id: item.id,
        kind: item.kind,
        status: item.status,
        createdAt: item.createdAt,
        attempts: item.attempts,
        error: item.error,
      })),
    };
  }

  return {
    'sync.get': () => ctx.work().engine.state(),
    'sync.now': async () => {
      const engine = ctx.work().engine;
      await engine.requestNow();
      return engine.state();
    },
    'outbox.get': () => outboxView(),
    'outbox.dismiss': ({ id }) => {
      // A held-back write is dropped with the optimistic row it stood for (same id), and with
      // the writes that depend on it.
      dismissRefused(ctx.work().open, id, (tx, goneId) => tx.delete(entities).where(eq(entities.id, goneId)).run());
      void ctx.work().engine.writeQueued();
      return outboxView();
    },
    'outbox.retry': ({ id }) => {
      const current = ctx.work();
      retryRefused(current.open, id);
      void current.engine.writeQueued();
      return outboxView();
    },
  };
}
