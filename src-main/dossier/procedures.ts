/** "Mon dossier" (dossier.*): src-shared/dossier/bridge.ts declares the procedures. */
import type { dossierProcedures } from '../../src-shared/dossier/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { dossierView, requestPersonalInfoUpdate } from './service';

export function dossierHandlers(ctx: AreaContext): HandlersOf<typeof dossierProcedures> {
  return {
    'dossier.get': () => dossierView(ctx.accountData()),
    'dossier.requestUpdate': (input) => requestPersonalInfoUpdate(ctx.accountData(), input),
  };
}
