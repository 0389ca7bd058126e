/**
 * Every refusal of the Portal API carries an i18n key the desktop can word in the tenant's
 * language (issue 15: "English is half French"): field problems a key of FIELD_MESSAGE_KEYS (with
 * the numbers of its sentence), the error itself `errors.<code>` or a precise key of
 * ERROR_DETAIL_KEYS (a quota's limit, what conflicted) with its numbers. Over real HTTP, and each
 * key looked up in BOTH dictionaries of the renderer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_DETAIL_KEYS } from '../../../src-shared/errors';
import { MAX_UPLOAD_BYTES } from '../../../src-shared/limits';
import { FIELD_MESSAGE_KEYS } from '../../../src-shared/validation/schemas';
import { en } from '../../../src-renderer/i18n/en';
import { fr } from '../../../src-renderer/i18n/fr';
import { DEMO_TENANT } from '../../../server/src/demo/demo-data';
import { backends, newDevice, samplePdf, startServer, upload, write, type TestServer } from './helpers';

/** The sentence at a dotted key ('fields.iban.checksum'), or undefined. */
function lookUp(dictionary: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), dictionary);
}

function expectWorded(key: unknown): void {
  expect(typeof key).toBe('string');
  expect(typeof lookUp(fr, key as string), `fr: ${key}`).toBe('string');
  expect(typeof lookUp(en, key as string), `en: ${key}`).toBe('string');
}

/** Every field key and error key of the answer is worded in French and in English. */
function expectAllWorded(body: { error: { key?: string; fields?: { key?: string }[] } }): void {
  expectWorded(body.error.key);
  for (const field of body.error.fields ?? []) expectWorded(field.key);
}

describe('the keys the server can send exist in both dictionaries', () => {
  it.each([...FIELD_MESSAGE_KEYS])('%s', (key) => expectWorded(key));
  it.each(ERROR_CODES.map((code) => `errors.${code}`))('%s', (key) => expectWorded(key));
  it.each([...ERROR_DETAIL_KEYS])('%s', (key) => expectWorded(key));
});

/** Every `{name}` of the key's sentence, in both languages, is a param the server sent (or the wait the desktop adds). */
function expectParamsCover(key: string, params: Record<string, unknown> = {}): void {
  for (const dictionary of [fr, en]) {
    const names = [...String(lookUp(dictionary, key)).matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
    expect(names.filter((name) => name !== 'wait' && !(name in params)), key).toEqual([]);
  }
}

describe.each(backends)('refusals carry keys, over HTTP ($name)', (backend) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startServer(backend, { quotas: { messagesPerDay: 1 } });
    token = (await server.signIn()).accessToken;
  });
  afterAll(() => server.close());

  it('sign-up with bad fields: each field has its key, the French message kept', async () => {
    const res = await server.api('POST', '/v1/auth/sign-up', {
      body: { tenantReference: '', lastName: 'X', birthDate: '01/01/1970', email: 'pas-un-mail', password: 'Un-Secret-Assez-Long-42', acceptCgu: false, acceptPrivacy: true, paperless: true, device: newDevice() },
    });
    expect(res.status).toBe(400);
    const byPath = Object.fromEntries(res.body.error.fields.map((f: { path: string; key: string; message: string }) => [f.path, f]));
    expect(byPath.tenantReference).toEqual({ path: 'tenantReference', key: 'fields.required', message: 'Champ obligatoire' });
    expect(byPath.birthDate).toMatchObject({ key: 'fields.date.format', message: 'Date invalide (format attendu : aaaa-mm-jj)' });
    expect(byPath.email).toMatchObject({ key: 'fields.email', message: 'Adresse mail invalide' });
    expect(byPath.firstName).toMatchObject({ key: 'fields.required' });
    expectAllWorded(res.body);
  });

  it('sign-up that matches no tenant, a date out of range', async () => {
    const base = { firstName: 'MARTINE', email: 'inscrite@example.org', password: 'Un-Secret-Assez-Long-42', acceptCgu: true, acceptPrivacy: true, paperless: true, device: newDevice() };
    const noMatch = await server.api('POST', '/v1/auth/sign-up', { body: { ...base, tenantReference: DEMO_TENANT.reference, lastName: 'DUPONT', birthDate: '1970-01-02' } });
    expect(noMatch.body.error.fields).toEqual([{ path: 'tenantReference', key: 'fields.signupNoMatch', message: expect.stringContaining('ne correspondent à aucun dossier') }]);
    expectAllWorded(noMatch.body);
    const outOfRange = await server.api('POST', '/v1/auth/sign-up', { body: { ...base, tenantReference: DEMO_TENANT.reference, lastName: 'DUPONT', birthDate: '1800-01-01' } });
    expect(outOfRange.body.error.fields).toEqual([{ path: 'birthDate', key: 'fields.date.outOfRange', message: expect.stringContaining('hors limites') }]);
    expectAllWorded(outOfRange.body);
  });

  it('a text too long says its limit in params', async () => {
    const res = await server.api('POST', '/v1/auth/sign-in', { body: { email: 'a@example.org', password: 'x'.repeat(300), device: newDevice() } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ path: 'password', key: 'fields.tooLong', params: { max: 256 }, message: expect.any(String) }]);
    expectAllWorded(res.body);
  });

  it('a too-large upload and a daily quota', async () => {
    const big = await upload(server, token, Buffer.concat([samplePdf(), Buffer.alloc(MAX_UPLOAD_BYTES)]));
    expect(big.status).toBe(413);
    const bigBody = (await big.json()) as { error: { key?: string } };
    expect(bigBody.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', key: 'errors.PAYLOAD_TOO_LARGE' });
    expectAllWorded(bigBody);

    const requestId = (await server.api('GET', '/v1/sync?limit=1000', { token })).body.changes.find((c: { entity: string }) => c.entity === 'request').id;
    expect((await write(server, token, `/v1/requests/${requestId}/messages`, { body: 'Premier message' })).status).toBe(201);
    const over = await write(server, token, `/v1/requests/${requestId}/messages`, { body: 'Un de trop' });
    expect(over.status).toBe(429);
    // The quota says its limit (and the wait until it resets, from retryAfter), not just "too many".
    expect(over.body.error).toMatchObject({ code: 'THROTTLED', key: 'errorDetails.quota.messagesPerDay', params: { limit: 1 }, message: expect.stringContaining('1 messages') });
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    expectAllWorded(over.body);
    expectParamsCover(over.body.error.key, over.body.error.params);
  });

  it('a conflict says what conflicted', async () => {
    const requestId = (await server.api('GET', '/v1/sync?limit=1000', { token })).body.changes.find((c: { entity: string }) => c.entity === 'request').id;
    expect((await write(server, token, `/v1/requests/${requestId}/cancel`, {})).status).toBeLessThan(300);
    const again = await write(server, token, `/v1/requests/${requestId}/cancel`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', key: 'errorDetails.conflict.requestNotCancellable', message: 'Cette demande ne peut plus être annulée.' });
    expectAllWorded(again.body);
  });
});
