/**
 * Who is signed in (session.*): src-shared/session/bridge.ts declares the procedures. The session
 * itself is cross-cutting (tokens, the open account's cache): src-main/services/session.ts.
 */
import type { sessionProcedures } from '../../src-shared/session/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';

export function sessionHandlers(ctx: AreaContext): HandlersOf<typeof sessionProcedures> {
  return {
    'session.get': () => ctx.session.state(),
    'session.signIn': (input) => ctx.session.signIn(input),
    'session.signOut': (input) => ctx.signOut(input),
  };
}
