/** "Mes documents" (documents.*): src-shared/documents/bridge.ts declares the procedures. */
import type { documentsProcedures } from '../../src-shared/documents/bridge';
import { PortalError } from '../../src-shared/errors';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { documentsView, openDocument, setPaperless } from './service';

export function documentsHandlers(ctx: AreaContext): HandlersOf<typeof documentsProcedures> {
  return {
    'documents.get': () => documentsView(ctx.accountData(), ctx.work().documents),
    'documents.open': (input) => {
      const current = ctx.work();
      return openDocument(ctx.accountData(), current.documents, input, current.engine.fetchDocument);
    },
    'documents.saveCopy': async (input) => {
      const current = ctx.work();
      const saveFileAs = ctx.kiosk ? undefined : ctx.saveFileAs;
      if (!saveFileAs) return { result: 'unavailable' as const };
      const { url } = await openDocument(ctx.accountData(), current.documents, input, current.engine.fetchDocument);
      const file = current.documents.locate(input.sha256);
      if (!file) throw new PortalError('NOT_FOUND');
      const title = documentsView(ctx.accountData(), current.documents)
        .dossiers.flatMap((dossier) => dossier.documents)
        .find((document) => document.sha256 === input.sha256)?.title;
      return { result: await saveFileAs(`${(title ?? url).replace(/[\\/:*?"<>|]+/g, '-')}.pdf`, file) };
    },
    'documents.setPaperless': (input) => setPaperless(ctx.accountData(), input),
  };
}
