/** "Nous contacter" (contact.*): src-shared/contact/bridge.ts declares the procedures. */
import type { contactProcedures } from '../../src-shared/contact/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { contactsView } from './service';

export function contactHandlers(ctx: AreaContext): HandlersOf<typeof contactProcedures> {
  return {
    'contact.get': () => contactsView(ctx.landlord, ctx.currentWork() ? ctx.accountData() : null),
  };
}
