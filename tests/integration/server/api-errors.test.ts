/**
 * No request makes the Portal API answer 5xx or an undocumented body (issue 13): the bank's
 * notification whatever its body, sync cursors that are not the server's, and the errors Fastify
 * and Node raise before a route runs (bad JSON, wrong media type, too large, unknown route, bad
 * URL, a control character in a header), each in the documented shape with a French message.
 */
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../../src-shared/api/common';
import { backends, useSignedInDemo, write } from './helpers';

/** Parses as the documented error shape and returns it. */
function errorOf(body: unknown) {
  return errorResponseSchema.parse(body).error;
}

/** Sends raw bytes on a socket (what fetch refuses to send) and returns the raw answer. */
function rawHttp(base: string, request: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
  });
}

function splitHttp(answer: string): { status: number; headers: string; body: string } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body };
}

const STAFF_KEY = 'cle-du-personnel-de-test';

describe.each(backends)('answers to malformed requests ($name)', (backend) => {
  const demo = useSignedInDemo(backend, { adminApiKey: STAFF_KEY });

  it('the bank notification answers a documented 4xx in text to any body, never a 500', async () => {
    const { server } = demo;
    const ipn = (contentType: string | undefined, body: string | undefined) =>
      fetch(`${server.base}/v1/payments/ipn`, { method: 'POST', headers: contentType ? { 'content-type': contentType } : {}, body });
    const cases: [string | undefined, string | undefined, number, string][] = [
      ['application/json', '{"vads_amount":"100"}', 415, 'KO unsupported_media_type'],
      ['application/json', '[1,2]', 415, 'KO unsupported_media_type'],
      ['application/json', '{bad', 415, 'KO unsupported_media_type'],
      ['text/plain', 'vads_amount=100', 415, 'KO unsupported_media_type'],
      [undefined, undefined, 415, 'KO unsupported_media_type'],
      ['application/x-www-form-urlencoded', 'vads_amount=100&vads_amount=200', 400, 'KO duplicate_field'],
      ['application/x-www-form-urlencoded', 'vads_order_id=x%00y', 400, 'KO fields'],
      ['application/x-www-form-urlencoded', `vads_order_id=${'x'.repeat(70 * 1024)}`, 413, 'KO too_large'],
      ['application/x-www-form-urlencoded', 'vads_amount=100&signature=forged', 401, 'KO signature'],
    ];
    for (const [contentType, body, status, text] of cases) {
      const answer = await ipn(contentType, body);
      expect(answer.status, `${contentType} ${body?.slice(0, 40)}`).toBe(status);
      expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await answer.text()).toBe(text);
    }
    // The OpenAPI document says text, for every status the route answers.
    const document = (await server.api('GET', '/v1/openapi.json')).body;
    const responses = document.paths['/v1/payments/ipn'].post.responses as Record<string, { content: Record<string, unknown> }>;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '404', '413', '415', '500']);
    for (const response of Object.values(responses)) expect(Object.keys(response.content)).toEqual(['text/plain']);
  });

  it('a sync cursor past 2^63, negative, not a number, with a NUL or an unknown entity is a 400, never a 500', async () => {
    const { server, token } = demo;
    const cursor = (text: string) => Buffer.from(text).toString('base64url');
    const bad = [
      cursor('9223372036854775808|~|'),
      cursor('99999999999999999999|activity|00000000-0000-4000-8000-000000000000'),
      cursor('-1|~|'),
      cursor('douze|~|'),
      cursor('1|~\u0000|'),
      cursor('1|activity|\u0000'),
      cursor('1|activity|pas-un-uuid'),
      cursor('1|inconnu|00000000-0000-4000-8000-000000000000'),
      cursor('1|~|x'),
      '@@@',
      'YQ==',
    ];
    for (const value of bad) {
      const answer = await server.api('GET', `/v1/sync?cursor=${encodeURIComponent(value)}`, { token });
      expect(answer.status, Buffer.from(value, 'base64url').toString()).toBe(400);
      expect(errorOf(answer.body)).toEqual({ code: 'VALIDATION', key: 'errors.VALIDATION', message: 'Certains champs sont invalides.', fields: [{ path: 'querystring.cursor', key: 'fields.invalid', message: 'Curseur de synchronisation invalide' }] });
    }
    expect((await server.api('GET', `/v1/sync?cursor=${demo.cursor}`, { token })).status).toBe(200);
  });

  it("Fastify's own errors answer in the documented shape with a French message", async () => {
    const { server, token } = demo;
    const post = (headers: Record<string, string>, body?: string) => fetch(`${server.base}/v1/auth/sign-in`, { method: 'POST', headers, body });
    const expectError = async (answer: Response, status: number, code: string, message: RegExp) => {
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      const error = errorOf(await answer.json());
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    };
    await expectError(await post({ 'content-type': 'application/json' }, '{"email":'), 400, 'VALIDATION', /n'est pas un JSON valide/);
    await expectError(await post({ 'content-type': 'application/json' }, '{"__proto__":{"admin":true}}'), 400, 'VALIDATION', /n'est pas un JSON valide/);
    await expectError(await post({ 'content-type': 'application/json' }, ''), 400, 'VALIDATION', /est vide/);
    await expectError(await post({ 'content-type': 'text/plain' }, '{}'), 415, 'UNSUPPORTED_MEDIA_TYPE', /envoyez du JSON/);
    await expectError(await post({ 'content-type': 'application/xml' }, '<a/>'), 415, 'UNSUPPORTED_MEDIA_TYPE', /envoyez du JSON/);
    await expectError(await post({ 'content-type': 'application/json' }, `{"email":"${'x'.repeat(1024 * 1024)}"}`), 413, 'PAYLOAD_TOO_LARGE', /taille maximale autorisée \(1 Mo\)/);
    await expectError(await fetch(`${server.base}/v1/nulle-part`), 404, 'NOT_FOUND', /introuvable/);
    await expectError(await fetch(`${server.base}/v1/auth/sign-in`, { method: 'DELETE' }), 404, 'NOT_FOUND', /introuvable/);
    await expectError(await fetch(`${server.base}/v1/payments/%zz`, { headers: { authorization: `Bearer ${token}` } }), 400, 'VALIDATION', /Adresse invalide/);
    await expectError(await fetch(`${server.base}/v1/payments/${'a'.repeat(150)}`, { headers: { authorization: `Bearer ${token}` } }), 400, 'VALIDATION', /trop long/);
  });

  it('a control character in a header, or headers too large, answer the documented shape', async () => {
    const { server } = demo;
    const inHeader = splitHttp(await rawHttp(server.base, 'GET /v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\u0001b\r\n\r\n'));
    expect(inHeader.status).toBe(400);
    expect(inHeader.headers).toContain('content-type: application/json');
    expect(inHeader.headers).toContain('x-content-type-options: nosniff');
    expect(errorOf(JSON.parse(inHeader.body)).message).toMatch(/caractère invisible/);
    const tooLarge = splitHttp(await rawHttp(server.base, `GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(tooLarge.status).toBe(431);
    expect(errorOf(JSON.parse(tooLarge.body))).toEqual({ code: 'PAYLOAD_TOO_LARGE', key: 'errors.PAYLOAD_TOO_LARGE', message: 'Les en-têtes de la requête sont trop volumineux.' });
  });

  it('half an emoji (a lone surrogate) in a text field is a French field error, not a 500', async () => {
    const { server, token, dossierId } = demo;
    const occupant = { civility: 'Mme', lastName: 'DUPONT', firstName: 'Lou\ud83d', birthDate: '2010-05-04', relationship: 'Fille', signatory: false };
    const answer = await write(server, token, '/v1/change-requests/occupants', { dossierId, occupants: [occupant] });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).fields).toEqual([{ path: 'occupants.0.firstName', key: 'fields.controlCharacter', message: expect.stringMatching(/caractère invisible/) }]);
  });

  it('a date of the year 0000 (which PostgreSQL refuses) or past 2199 is a field error, not a 500', async () => {
    const { server } = demo;
    const line = (date: string) =>
      server.api('POST', '/v1/admin/dossiers/0123456789/ledger', { headers: { 'x-api-key': STAFF_KEY }, body: { entries: [{ date, kind: 'rent', label: 'Loyer', amountCents: 100, period: '2026-01' }] } });
    for (const date of ['0000-01-01', '1899-12-31', '2200-01-01']) {
      const answer = await line(date);
      expect(answer.status, date).toBe(400);
      expect(errorOf(answer.body).fields).toEqual([{ path: 'entries.0.date', key: 'fields.date.outOfRange', message: 'Date hors limites (entre 1900 et 2199)' }]);
    }
    expect((await line('1900-01-01')).status).toBe(201);
  });

  it('a NUL in a path parameter is a field error, not a 500', async () => {
    const { server } = demo;
    const entries = [{ date: '2026-01-01', kind: 'rent', label: 'Loyer', amountCents: 100, period: '2026-01' }];
    const answer = await server.api('POST', '/v1/admin/dossiers/01234%0056789/ledger', { headers: { 'x-api-key': STAFF_KEY }, body: { entries } });
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).fields).toEqual([{ path: 'params.number', key: 'fields.controlCharacter', message: expect.stringMatching(/caractère invisible/) }]);
  });
});

describe.each(backends)('idempotent replays ($name)', (backend) => {
  const logged: string[] = [];
  const demo = useSignedInDemo(backend, { logLevel: 'warn', logStream: { write: (line) => void logged.push(line) } });

  it('a replayed write answers from its record and does not run the write again', async () => {
    const { server, token, requestId } = demo;
    const key = randomUUID();
    const first = await write(server, token, `/v1/requests/${requestId}/cancel`, {}, key);
    expect(first.status).toBe(200);
    logged.length = 0;
    const again = await write(server, token, `/v1/requests/${requestId}/cancel`, {}, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Before: the write ran again behind the replayed answer ("Cette demande ne peut plus être
    // annulée", "Reply was already sent" in the log).
    expect(logged).toEqual([]);
  });
});
