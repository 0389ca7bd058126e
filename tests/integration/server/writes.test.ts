import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, pullAll, samplePdf, samplePng, upload, useSignedInDemo, write } from './helpers';

/**
 * What every tenant write shares, whatever its area: uploads it refers to, the Idempotency-Key
 * (one write per key, the same answer on a retry) and the session. Each area's own writes are
 * tested in its file (dossier, contract, balance, insurance, requests, documents).
 */
describe.each(backends)('uploads and idempotent writes ($name)', (backend) => {
  const demo = useSignedInDemo(backend);

  describe('uploads and blobs', () => {
    it('stores a PDF by SHA-256, replays the same upload, refuses another content under the same id', async () => {
      const { server, token } = demo;
      const id = randomUUID();
      const pdf = samplePdf('rib');
      const first = await upload(server, token, pdf, { id, contentType: 'application/pdf' });
      expect(first.status).toBe(201);
      const body = (await first.json()) as { sha256: string; mediaType: string; size: number };
      expect(body).toMatchObject({ sha256: createHash('sha256').update(pdf).digest('hex'), mediaType: 'application/pdf', size: pdf.length });
      expect((await upload(server, token, pdf, { id })).status).toBe(200);
      const other = await upload(server, token, samplePdf('autre'), { id });
      expect(other.status).toBe(422);
      expect(((await other.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_MISMATCH');

      const blob = await fetch(`${server.base}/v1/blobs/${body.sha256}`, { headers: { authorization: `Bearer ${token}` } });
      expect(blob.status).toBe(200);
      expect(blob.headers.get('content-type')).toBe('application/pdf');
      expect(blob.headers.get('etag')).toBe(`"${body.sha256}"`);
      expect(blob.headers.get('cache-control')).toContain('immutable');
      expect(Buffer.from(await blob.arrayBuffer()).equals(pdf)).toBe(true);
      const cached = await fetch(`${server.base}/v1/blobs/${body.sha256}`, { headers: { authorization: `Bearer ${token}`, 'if-none-match': `"${body.sha256}"` } });
      expect(cached.status).toBe(304);
      expect((await fetch(`${server.base}/v1/blobs/${body.sha256}`)).status).toBe(401);
      expect((await fetch(`${server.base}/v1/blobs/${'0'.repeat(64)}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    });

    it('checks the content, the hash and the size', async () => {
      const { server, token } = demo;
      const text = Buffer.from('ceci n\'est pas un PDF');
      expect((await upload(server, token, text, { contentType: 'application/pdf' })).status).toBe(415);
      const wrongHash = await upload(server, token, samplePdf(), { sha256: 'a'.repeat(64) });
      expect(wrongHash.status).toBe(400);
      expect(((await wrongHash.json()) as { error: { fields: unknown } }).error.fields).toEqual([
        { path: 'headers.x-content-sha256', key: 'fields.file.content', message: 'L\'empreinte SHA-256 ne correspond pas au contenu reçu' },
      ]);
      const big = Buffer.concat([samplePng(), Buffer.alloc(10 * 1024 * 1024)]);
      const tooBig = await upload(server, token, big);
      expect(tooBig.status).toBe(413);
      expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
      expect((await upload(server, token, samplePng('ok'), { contentType: 'image/png' })).status).toBe(201);
      const anonymous = await fetch(`${server.base}/v1/uploads/${randomUUID()}`, { method: 'PUT', headers: { 'content-type': 'image/png', 'x-content-sha256': 'a'.repeat(64) }, body: samplePng() });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('idempotency', () => {
    it('replays the stored answer for the same key and refuses another body with 422', async () => {
      const { server, token, cursor } = demo;
      const key = randomUUID();
      const body = { phoneMobile: '06 12 34 56 78' };
      const first = await write(server, token, '/v1/change-requests/personal-info', body, key);
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: key, version: expect.any(Number) });
      const again = await write(server, token, '/v1/change-requests/personal-info', { ...body }, key);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const other = await write(server, token, '/v1/change-requests/personal-info', { phoneMobile: '06 99 99 99 99' }, key);
      expect(other.status).toBe(422);
      expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
      const changes = (await pullAll(server, token, cursor)).changes.filter((c) => c.id === key);
      expect(changes).toHaveLength(1);
    });

    it('concurrent retries with one key write once and all get the same answer', async () => {
      const { server, token, dossierId, cursor } = demo;
      const key = randomUUID();
      const body = { kind: 'administrative', dossierId, serviceId: 'charge-clientele', subject: 'Attestation de loyer', description: 'Merci de m\'envoyer une attestation.' };
      const answers = await Promise.all(Array.from({ length: 5 }, () => write(server, token, '/v1/requests', body, key)));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      const created = (await pullAll(server, token, cursor)).changes.filter((c) => c.id === key);
      expect(created).toHaveLength(1);
    });

    it('requires a UUID Idempotency-Key', async () => {
      const { server, token } = demo;
      const res = await server.api('POST', '/v1/change-requests/personal-info', { token, body: { phoneMobile: '0612345678' } });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'headers.idempotency-key', key: 'fields.required', message: 'Champ obligatoire' }]);
      const bad = await server.api('POST', '/v1/paperless', { token, body: { enabled: false }, headers: { 'idempotency-key': 'abc' } });
      expect(bad.body.error.fields).toEqual([{ path: 'headers.idempotency-key', key: 'fields.invalid', message: 'Identifiant invalide' }]);
    });
  });

  describe('every write', () => {
    it('every write route refuses requests without a session', async () => {
      const { server, requestId } = demo;
      for (const path of ['/v1/change-requests/personal-info', '/v1/change-requests/occupants', '/v1/change-requests/bank-details', '/v1/insurance', '/v1/requests', `/v1/requests/${requestId}/messages`, `/v1/requests/${requestId}/cancel`, '/v1/paperless']) {
        const res = await server.api('POST', path, { body: {}, headers: { 'idempotency-key': randomUUID() } });
        expect(res.status, path).toBe(401);
      }
    });
  });
});
