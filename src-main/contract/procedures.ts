/** "Mon contrat" (contract.*): src-shared/contract/bridge.ts declares the procedures. */
import type { contractProcedures } from '../../src-shared/contract/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { contractsView, requestOccupantsChange } from './service';

export function contractHandlers(ctx: AreaContext): HandlersOf<typeof contractProcedures> {
  return {
    'contract.get': () => contractsView(ctx.accountData()),
    'contract.requestOccupantsChange': (input) => requestOccupantsChange(ctx.accountData(), input),
  };
}
