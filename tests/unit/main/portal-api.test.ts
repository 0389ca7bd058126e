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

describe('PortalApi: the server’s keys reach the renderer with their French sentence as the fallback', () => {
  it('a field problem keeps its key, its numbers and the server’s sentence', async () => {
    const body = { error: { code: 'VALIDATION', key: 'errors.VALIDATION', message: 'Certains champs sont invalides.', fields: [{ path: 'body', key: 'fields.tooLong', params: { max: 4000, junk: 'x' }, message: 'Texte trop long (4 000 caractères au plus)' }] } };
    const api = new PortalApi({ baseUrl: 'http://portal.test', fetch: answering(400, body) });
    expect((await failureOf(api)).toShape()).toEqual({ code: 'VALIDATION', fields: [{ path: 'body', message: 'fields.tooLong', params: { max: 4000 }, fallback: 'Texte trop long (4 000 caractères au plus)' }] });
  });

  it('a precise error key (a quota) keeps its numbers and sentence; the code’s own key adds nothing', async () => {
    const quota = { error: { code: 'THROTTLED', key: 'errorDetails.quota.messagesPerDay', params: { limit: 100 }, message: 'Vous avez envoyé 100 messages aujourd’hui…' } };
    const api = new PortalApi({ baseUrl: 'http://portal.test', fetch: answering(429, quota, { 'retry-after': '3600' }) });
    expect((await failureOf(api)).toShape()).toEqual({ code: 'THROTTLED', retryAfter: 3600, key: 'errorDetails.quota.messagesPerDay', params: { limit: 100 }, message: 'Vous avez envoyé 100 messages aujourd’hui…' });
    const generic = new PortalApi({ baseUrl: 'http://portal.test', fetch: answering(409, { error: { code: 'CONFLICT', key: 'errors.CONFLICT', message: 'En conflit.' } }) });
    expect((await failureOf(generic)).toShape()).toEqual({ code: 'CONFLICT' });
  });

  it('a field problem without a key, or with an empty sentence, never reaches the page empty', async () => {
    const body = { error: { code: 'VALIDATION', message: 'x', fields: [{ path: 'a', message: 'Adresse mail déjà utilisée' }, { path: 'b', message: '' }, { path: 'c', key: 'fields.somethingNew', message: '  ' }] } };
    const api = new PortalApi({ baseUrl: 'http://portal.test', fetch: answering(400, body) });
    expect((await failureOf(api)).toShape().fields).toEqual([
      { path: 'a', message: 'Adresse mail déjà utilisée' },
      { path: 'b', message: 'fields.invalid' },
      { path: 'c', message: 'fields.somethingNew' },
    ]);
  });
});
