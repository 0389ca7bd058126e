import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { backends, useSignedInDemo, write } from './helpers';

const FRENCH_CONTROL = /caractère invisible/;

/**
 * What every request and answer gets (server/src/http/hygiene.ts): control characters refused
 * with a French field error instead of a 500, nosniff everywhere, no-store on private answers.
 */
describe.each(backends)('request hygiene ($name)', (backend) => {
  const demo = useSignedInDemo(backend);

  it('a NUL or an ESC in any text field is a 400 naming the field, never a 500', async () => {
    const { server, token, dossierId, requestId } = demo;
    const cases = [
      { answer: await server.api('POST', '/v1/auth/sign-in', { body: { ...DEMO_ACCOUNT, device: { id: randomUUID(), name: 'PC\u0000' } } }), path: 'device.name' },
      { answer: await write(server, token, '/v1/requests', { kind: 'technical', dossierId, category: 'plomberie', description: 'Fuite\u0000', permissionToEnter: true, photoUploadIds: [] }), path: 'description' },
      { answer: await write(server, token, `/v1/requests/${requestId}/messages`, { body: 'Bonjour \u001b[31m' }), path: 'body' },
      { answer: await server.api('GET', '/v1/sync?cursor=%00', { token }), path: 'querystring.cursor' },
      { answer: await server.api('GET', '/v1/payments/%00', { token }), path: 'params.id' },
    ];
    for (const { answer, path } of cases) {
      expect(answer.status, path).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION');
      expect(answer.body.error.fields).toEqual([{ path, key: 'fields.controlCharacter', message: expect.stringMatching(FRENCH_CONTROL) }]);
    }
    // Line breaks and tabs of a multi-line message are text, not control characters.
    expect((await write(server, token, `/v1/requests/${requestId}/messages`, { body: 'Ligne 1\nLigne 2\tfin' })).status).toBe(201);
  });

  it('every answer says nosniff; private ones say no-store', async () => {
    const { server, token } = demo;
    const signIn = await server.api('POST', '/v1/auth/sign-in', { body: { ...DEMO_ACCOUNT, device: { id: randomUUID(), name: 'PC' } } });
    expect(signIn.status).toBe(200);
    for (const answer of [signIn, await server.api('GET', '/v1/me', { token }), await server.api('GET', '/v1/sync', { token })]) {
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const health = await server.api('GET', '/v1/health');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('cache-control')).not.toBe('no-store');
    expect((await server.api('GET', '/v1/nowhere')).headers.get('x-content-type-options')).toBe('nosniff');
  });
});
