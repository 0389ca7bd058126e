/** The account (account.*: sign-up, recovery, email and password changes): src-shared/account/bridge.ts declares the procedures. */
import type { accountProcedures } from '../../src-shared/account/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { createAccountService } from './service';

/** How long after an email change the app watches closely for its confirmation. */
const EMAIL_CONFIRMATION_WATCH_MS = 30 * 60_000;

export function accountHandlers(ctx: AreaContext): HandlersOf<typeof accountProcedures> {
  const account = createAccountService(ctx.api, ctx.session.authorized);
  return {
    // Sign-up opens a session, so the session service does it.
    'account.signUp': async (input) => {
      await ctx.session.signUp(input);
      return { status: 'accepted' as const };
    },
    'account.recoverIdentifier': (input) => account.recoverIdentifier(input),
    'account.requestPasswordReset': (input) => account.requestPasswordReset(input),
    'account.changeEmail': async (input) => {
      const answer = await account.changeEmail(input);
      // The tenant follows the link in their mail program; Mon dossier shows the new address
      // within seconds of it, not at the next 5-minute sync.
      ctx.currentWork()?.engine.watchClosely(EMAIL_CONFIRMATION_WATCH_MS);
      return answer;
    },
    'account.changePassword': (input) => account.changePassword(input),
  };
}
