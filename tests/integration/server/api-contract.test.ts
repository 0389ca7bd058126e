/**
 * Every route against the contract: an empty body is refused with French field messages, and
 * every tenant route refuses a request without a session.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, newDevice, startServer, type TestServer } from './helpers';

const FRENCH = /^(Champ obligatoire|Valeur invalide|Adresse mail invalide|Identifiant invalide|Date invalide|Vous devez accepter)/;

describe.each(backends)('contract of every route ($name)', (backend) => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startServer(backend);
    token = (await server.signIn()).accessToken;
  });
  afterAll(() => server.close());

  const publicBodies: [string, string[]][] = [
    ['/v1/auth/sign-up', ['tenantReference', 'lastName', 'firstName', 'birthDate', 'email', 'password', 'acceptCgu', 'acceptPrivacy', 'paperless', 'device']],
    ['/v1/auth/sign-in', ['email', 'password', 'device']],
    ['/v1/auth/refresh', ['refreshToken', 'deviceId']],
    ['/v1/auth/forgot-identifier', ['tenantReference', 'lastName', 'firstName', 'birthDate']],
    ['/v1/auth/forgot-password', ['email']],
    ['/v1/auth/reset-password', ['token', 'password']],
    ['/v1/auth/confirm-email', ['token']],
  ];
  it.each(publicBodies)('%s: an empty body lists each required field in French', async (path, fields) => {
    const res = await server.api('POST', path, { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([...fields].sort());
    for (const f of res.body.error.fields) expect(f.message).toMatch(FRENCH);
  });

  const sessionBodies: [string, string[]][] = [
    ['/v1/auth/change-password', ['currentPassword', 'newPassword']],
    ['/v1/auth/change-email', ['newEmail', 'password']],
    ['/v1/change-requests/occupants', ['dossierId', 'occupants']],
    ['/v1/change-requests/bank-details', ['dossierId', 'iban', 'bic', 'bankName', 'holder', 'attachmentUploadId']],
    ['/v1/insurance', ['dossierId', 'insurer', 'policyNumber', 'validFrom', 'validTo', 'attachmentUploadId']],
    ['/v1/requests', ['kind']],
    [`/v1/requests/${randomUUID()}/messages`, ['body']],
    ['/v1/paperless', ['enabled']],
  ];
  it.each(sessionBodies)('%s: an empty body lists each required field in French', async (path, fields) => {
    const res = await server.api('POST', path, { body: {}, token, headers: { 'idempotency-key': randomUUID() } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([...fields].sort());
    for (const f of res.body.error.fields) expect(f.message).toMatch(FRENCH);
  });

  const tenantRoutes: [string, string][] = [
    ['GET', '/v1/me'],
    ['GET', '/v1/sync'],
    ['POST', '/v1/auth/sign-out'],
    ['POST', '/v1/auth/change-password'],
    ['POST', '/v1/auth/change-email'],
    ['PUT', `/v1/uploads/${randomUUID()}`],
    ['GET', `/v1/blobs/${'a'.repeat(64)}`],
    ['POST', '/v1/change-requests/personal-info'],
    ['POST', '/v1/change-requests/occupants'],
    ['POST', '/v1/change-requests/bank-details'],
    ['POST', '/v1/insurance'],
    ['POST', '/v1/requests'],
    ['POST', `/v1/requests/${randomUUID()}/messages`],
    ['POST', `/v1/requests/${randomUUID()}/cancel`],
    ['POST', '/v1/paperless'],
  ];
  it.each(tenantRoutes)('%s %s refuses a request without a session (401)', async (method, path) => {
    const res = await server.api(method, path, method === 'GET' ? {} : { body: {} });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', key: 'errors.UNAUTHENTICATED', message: 'Veuillez vous connecter.' } });
  });

  it('refresh tokens last 30 days', async () => {
    const device = newDevice();
    const res = await server.api('POST', '/v1/auth/sign-in', { body: { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!', device } });
    const day = 86_400_000;
    server.advance(29 * day);
    try {
      const ok = await server.api('POST', '/v1/auth/refresh', { body: { refreshToken: res.body.refreshToken, deviceId: device.id } });
      expect(ok.status).toBe(200);
      server.advance(31 * day);
      const late = await server.api('POST', '/v1/auth/refresh', { body: { refreshToken: ok.body.refreshToken, deviceId: device.id } });
      expect(late.status).toBe(401);
    } finally {
      server.advance(-60 * day);
    }
  });
});
