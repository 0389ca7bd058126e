/**
 * Account procedures that need no session: sign-up and the two recovery requests. The server
 * answers recovery the same way whatever the input; so do we (no account enumeration).
 */
import { z } from 'zod';
import type { z as zod } from 'zod';
import type { recoverIdentifierInputSchema, requestPasswordResetInputSchema, SignUpInput } from '../../src-shared/bridge';
import type { ForgotIdentifierBody, ForgotPasswordBody, SignUpBody } from '../../src-shared/api/auth';
import type { PortalApi } from './portal-api';

const accepted = { status: 'accepted' } as const;

export function createAccountService(api: PortalApi) {
  async function signUp(input: SignUpInput) {
    await api.request('/v1/auth/sign-up', {
      body: {
        tenantReference: input.tenantReference,
        lastName: input.lastName,
        firstName: input.firstName,
        birthDate: input.birthDate,
        email: input.email,
        password: input.password,
        acceptCgu: input.acceptCgu,
        acceptPrivacy: input.acceptPrivacy,
        paperless: input.paperless,
      } satisfies SignUpBody,
      response: z.unknown(),
    });
    return accepted;
  }

  async function recoverIdentifier(input: zod.output<typeof recoverIdentifierInputSchema>) {
    await api.request('/v1/auth/forgot-identifier', {
      body: input satisfies ForgotIdentifierBody,
      response: z.unknown(),
    });
    return accepted;
  }

  async function requestPasswordReset(input: zod.output<typeof requestPasswordResetInputSchema>) {
    await api.request('/v1/auth/forgot-password', { body: input satisfies ForgotPasswordBody, response: z.unknown() });
    return accepted;
  }

  return { signUp, recoverIdentifier, requestPasswordReset };
}
