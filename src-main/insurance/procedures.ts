/** "Mon assurance" (insurance.*): src-shared/insurance/bridge.ts declares the procedures. */
import type { insuranceProcedures } from '../../src-shared/insurance/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { submitInsurance } from './service';

export function insuranceHandlers(ctx: AreaContext): HandlersOf<typeof insuranceProcedures> {
  return {
    'insurance.submit': (input) => submitInsurance(ctx.accountData(), input),
  };
}
