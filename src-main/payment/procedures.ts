/** "Payer en ligne" (payment.*): src-shared/payment/bridge.ts declares the procedures. */
import type { paymentProcedures } from '../../src-shared/payment/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import type { PaymentService } from './service';

/** The payment service keeps state across calls (settings, the preview's launch pages): the core owns it. */
export function paymentHandlers(ctx: AreaContext, payment: PaymentService): HandlersOf<typeof paymentProcedures> {
  return {
    'payment.prepare': () => payment.prepare(ctx.accountData()),
    'payment.start': (input) => payment.start(ctx.accountData(), input),
    'payment.status': (input) => payment.status(ctx.accountData(), input),
  };
}
