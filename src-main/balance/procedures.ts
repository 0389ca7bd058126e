/** "Ma situation de solde" (balance.*): src-shared/balance/bridge.ts declares the procedures. */
import type { balanceProcedures } from '../../src-shared/balance/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { balanceView, requestBankChange } from './service';

export function balanceHandlers(ctx: AreaContext): HandlersOf<typeof balanceProcedures> {
  return {
    'balance.get': () => balanceView(ctx.accountData()),
    'balance.requestBankChange': (input) => requestBankChange(ctx.accountData(), input),
  };
}
