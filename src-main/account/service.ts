/**
 * Account procedures: the two recovery requests (no session) and the credential changes.
 * (Sign-up opens a session, so it lives in session.ts.) The server
 * answers recovery the same way whatever the input; so do we (no account enumeration).
 */
import { z } from 'zod';
import type { z as zod } from 'zod';
import { apiPath } from '../../src-shared/api/routes';
import type { changeEmailInputSchema, changePasswordInputSchema, recoverIdentifierInputSchema, requestPasswordResetInputSchema } from '../../src-shared/account/bridge';
import type { ChangeEmailBody, ChangePasswordBody, ForgotIdentifierBody, ForgotPasswordBody } from '../../src-shared/api/auth';
import type { PortalApi } from '../services/portal-api';

const accepted = { status: 'accepted' } as const;

type Authorized = <T>(call: (token: string) => Promise<T>) => Promise<T>;

export function createAccountService(api: PortalApi, authorized: Authorized) {
  async function recoverIdentifier(input: zod.output<typeof recoverIdentifierInputSchema>) {
    await api.request(apiPath('forgotIdentifier'), {
      body: input satisfies ForgotIdentifierBody,
      response: z.unknown(),
    });
    return accepted;
  }

  async function requestPasswordReset(input: zod.output<typeof requestPasswordResetInputSchema>) {
    await api.request(apiPath('forgotPassword'), { body: input satisfies ForgotPasswordBody, response: z.unknown() });
    return accepted;
  }

  /** A confirmation link goes to the new address (and a notice to the old one): nothing changes until it is followed. */
  async function changeEmail(input: zod.output<typeof changeEmailInputSchema>) {
    await authorized((token) =>
      api.request(apiPath('changeEmail'), {
        body: { newEmail: input.newEmail, password: input.password } satisfies ChangeEmailBody,
        accessToken: token,
        response: z.unknown(),
      }),
    );
    return accepted;
  }

  /** The server signs the other devices out; this one stays signed in. */
  async function changePassword(input: zod.output<typeof changePasswordInputSchema>) {
    await authorized((token) =>
      api.request(apiPath('changePassword'), {
        body: { currentPassword: input.currentPassword, newPassword: input.newPassword } satisfies ChangePasswordBody,
        accessToken: token,
        response: z.unknown(),
      }),
    );
    return accepted;
  }

  return { recoverIdentifier, requestPasswordReset, changeEmail, changePassword };
}
