/**
 * Authorisation matrix: tenant A, with a valid session, can read or change nothing of tenant B,
 * on any route, whatever id of B's it presents.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, pullAll, samplePdf, samplePng, startServer, upload, write, type TestServer } from './helpers';

describe.each(backends)('authorisation matrix ($name)', (backend) => {
  let server: TestServer;
  const a = { token: '', dossierId: '', ids: new Set<string>() };
  const b = { token: '', tenantId: '', dossierId: '', requestId: '', uploadId: '', photoId: '', sha256: '', ids: new Set<string>() };

  beforeAll(async () => {
    server = await startServer(backend);
    const [ta, tb] = await server.generate(2);
    a.token = (await server.signIn(ta!.email, ta!.password)).accessToken;
    const sb = await server.signIn(tb!.email, tb!.password);
    b.token = sb.accessToken;
    b.tenantId = sb.account.tenantId;
    a.dossierId = (await pullAll(server, a.token)).changes.find((c) => c.entity === 'dossier')!.id;
    b.dossierId = (await pullAll(server, b.token)).changes.find((c) => c.entity === 'dossier')!.id;
    // B's own data: uploads, a request with a photo, a change request
    b.uploadId = randomUUID();
    const up = (await (await upload(server, b.token, samplePdf('b-secret'), { id: b.uploadId })).json()) as { sha256: string };
    b.sha256 = up.sha256;
    b.photoId = ((await (await upload(server, b.token, samplePng('b-photo'))).json()) as { id: string }).id;
    const request = await write(server, b.token, '/v1/requests', { kind: 'technical', dossierId: b.dossierId, category: 'chauffage', description: 'Radiateur froid', photoUploadIds: [b.photoId], permissionToEnter: false });
    b.requestId = request.body.id;
    await write(server, b.token, '/v1/insurance', { dossierId: b.dossierId, insurer: 'MACIF', policyNumber: 'B-1', validFrom: '2026-01-01', validTo: '2026-12-31', attachmentUploadId: b.uploadId });
    for (const c of (await pullAll(server, b.token)).changes) b.ids.add(c.id);
  });
  afterAll(() => server.close());

  it("A's sync feed holds nothing of B", async () => {
    const changes = (await pullAll(server, a.token)).changes;
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.filter((c) => b.ids.has(c.id))).toEqual([]);
    expect(JSON.stringify(changes)).not.toContain(b.sha256);
  });

  it("A cannot download B's files", async () => {
    const res = await fetch(`${server.base}/v1/blobs/${b.sha256}`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(404);
  });

  it("A cannot overwrite or claim B's upload id", async () => {
    expect((await upload(server, a.token, samplePdf('b-secret'), { id: b.uploadId })).status).toBe(422);
    expect((await upload(server, a.token, samplePdf('a-other'), { id: b.uploadId })).status).toBe(422);
  });

  it("A cannot write on B's dossier, request or uploads", async () => {
    const holder = { lastName: 'A', firstNames: 'A', address: '1 RUE', city: 'VERSAILLES', postalCode: '78000' };
    const attempts: [string, unknown, number][] = [
      [`/v1/requests/${b.requestId}/messages`, { body: 'intrusion' }, 404],
      [`/v1/requests/${b.requestId}/cancel`, {}, 404],
      ['/v1/requests', { kind: 'technical', dossierId: b.dossierId, category: 'autre', description: 'x', permissionToEnter: false }, 404],
      ['/v1/requests', { kind: 'administrative', dossierId: b.dossierId, serviceId: 'contentieux', subject: 'x', description: 'y' }, 404],
      ['/v1/change-requests/occupants', { dossierId: b.dossierId, occupants: [{ civility: 'M.', lastName: 'X', firstName: 'Y', birthDate: '1990-01-01', relationship: '', signatory: true }] }, 404],
      ['/v1/insurance', { dossierId: b.dossierId, insurer: 'X', policyNumber: '1', validFrom: '2026-01-01', validTo: '2027-01-01', attachmentUploadId: b.uploadId }, 404],
      ['/v1/change-requests/bank-details', { dossierId: b.dossierId, iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPXXX', bankName: 'X', holder, attachmentUploadId: b.uploadId }, 404],
      // A's own dossier, but B's files as proof / photos
      ['/v1/insurance', { dossierId: a.dossierId, insurer: 'X', policyNumber: '1', validFrom: '2026-01-01', validTo: '2027-01-01', attachmentUploadId: b.uploadId }, 400],
      ['/v1/change-requests/bank-details', { dossierId: a.dossierId, iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPXXX', bankName: 'X', holder, attachmentUploadId: b.uploadId }, 400],
      ['/v1/requests', { kind: 'technical', dossierId: a.dossierId, category: 'autre', description: 'x', photoUploadIds: [b.photoId], permissionToEnter: false }, 400],
    ];
    for (const [path, body, status] of attempts) {
      const res = await write(server, a.token, path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(status);
    }
    const photo = await write(server, a.token, '/v1/requests', { kind: 'technical', dossierId: a.dossierId, category: 'autre', description: 'x', photoUploadIds: [b.photoId], permissionToEnter: false });
    expect(photo.body.error.fields).toEqual([{ path: 'photoUploadIds.0', key: 'fields.file.missing', message: expect.stringContaining('Pièce jointe introuvable') }]);
    // B's data is untouched
    const after = (await pullAll(server, b.token)).changes;
    expect(after.find((c) => c.id === b.requestId)!.data).toMatchObject({ status: 'open' });
    expect(after.filter((c) => c.entity === 'requestMessage')).toEqual([]);
  });

  it("A cannot create an entity under the id of one of B's (Idempotency-Key = new id)", async () => {
    const res = await write(server, a.token, '/v1/requests', { kind: 'technical', dossierId: a.dossierId, category: 'autre', description: 'collision', permissionToEnter: false }, b.requestId);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    const after = (await pullAll(server, b.token)).changes.find((c) => c.id === b.requestId)!;
    expect(after.data).toMatchObject({ description: 'Radiateur froid' });
  });

  it("an Idempotency-Key used by B replays nothing of B's for A", async () => {
    const key = randomUUID();
    const first = await write(server, b.token, '/v1/paperless', { enabled: false }, key);
    const second = await write(server, a.token, '/v1/paperless', { enabled: false }, key);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body.id).not.toBe(b.tenantId);
  });

  it('B\'s tokens are not A\'s: /v1/me answers for the token holder only', async () => {
    const me = await server.api('GET', '/v1/me', { token: a.token });
    expect(me.body.account.tenantId).not.toBe(b.tenantId);
  });
});
