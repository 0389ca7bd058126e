import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PortalError } from '../../../src-shared/errors';
import { PortalApi } from '../../../src-main/services/portal-api';

/** A fetch that answers one canned response. */
const answering = (status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })) as typeof fetch;

async function failureOf(api: PortalApi): Promise<PortalError> {
  try {
    await api.request('/v1/auth/sign-in', { body: {}, response: z.unknown() });
  } catch (error) {
    if (error instanceof PortalError) return error;
    throw error;
  }
  throw new Error('the request did not fail');
}

describe('PortalApi: a refused sign-in keeps what the server said about the tries left', () => {
  it('passes attemptsLeft and the pause on to the renderer', async () => {
    const api = new PortalApi({ baseUrl: 'http://portal.test', fetch: answering(401, { error: { code: 'INVALID_CREDENTIALS', message: 'x', attemptsLeft: 0, retryAfter: 60 } }, { 'retry-after': '60' }) });
    expect((await failureOf(api)).toShape()).toEqual({ code: 'INVALID_CREDENTIALS', attemptsLeft: 0, retryAfter: 60 });
  });

  it('ignores an attemptsLeft that is not a whole number of tries', async () => {
    for (const attemptsLeft of [-1, 1.5, '3', null]) {
      const api = new PortalApi({ baseUrl: 'http://portal.test', fetch: answering(401, { error: { code: 'INVALID_CREDENTIALS', message: 'x', attemptsLeft } }) });
      expect((await failureOf(api)).toShape()).toEqual({ code: 'INVALID_CREDENTIALS' });
    }
  });
});
