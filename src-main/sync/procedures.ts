/** The outbox as the renderer sees it (outbox.*): src-shared/outbox.ts declares the procedures. */
import { eq } from 'drizzle-orm';
import type { outboxProcedures } from '../../src-shared/outbox';
import { entities } from '../../db/schema';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { dismissRefused, listOutbox, retryRefused } from './outbox';

export function outboxHandlers(ctx: AreaContext): HandlersOf<typeof outboxProcedures> {
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
