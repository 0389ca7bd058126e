/** "Mes demandes" (requests.*): src-shared/requests/bridge.ts declares the procedures. */
import type { requestsProcedures } from '../../src-shared/requests/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { addRequestMessage, cancelRequest, createRequest, requestDetail, requestsView } from './service';

export function requestsHandlers(ctx: AreaContext): HandlersOf<typeof requestsProcedures> {
  return {
    'requests.list': () => requestsView(ctx.accountData()),
    'requests.get': (input) => requestDetail(ctx.accountData(), input),
    'requests.create': (input) => createRequest(ctx.accountData(), input),
    'requests.addMessage': (input) => addRequestMessage(ctx.accountData(), input),
    'requests.cancel': (input) => cancelRequest(ctx.accountData(), input),
  };
}
