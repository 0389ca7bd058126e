/** "Mes documents" (documents.*): src-shared/documents/bridge.ts declares the procedures. */
import type { documentsProcedures } from '../../src-shared/documents/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { documentsView, openDocument, saveDocumentCopy, setPaperless } from './service';

export function documentsHandlers(ctx: AreaContext): HandlersOf<typeof documentsProcedures> {
  return {
    'documents.get': () => documentsView(ctx.accountData(), ctx.work().documents),
    'documents.open': (input) => {
      const current = ctx.work();
      return openDocument(ctx.accountData(), current.documents, input, current.engine.fetchDocument);
    },
    'documents.saveCopy': async (input) => {
      // Kiosk: nothing personal may leave the lodge PC; the preview has no dialog (a download instead).
      const choose = ctx.kiosk ? undefined : ctx.chooseSavePath;
      if (!choose) return { result: 'unavailable' as const };
      const current = ctx.work();
      return { result: await saveDocumentCopy(ctx.accountData(), current.documents, input, current.engine.fetchDocument, choose) };
    },
    'documents.setPaperless': (input) => setPaperless(ctx.accountData(), input),
  };
}
