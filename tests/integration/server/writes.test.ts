import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, pullAll, samplePdf, samplePng, startServer, upload, write, type TestServer } from './helpers';

describe.each(backends)('uploads and idempotent writes ($name)', (backend) => {
  let server: TestServer;
  let token: string;
  let dossierId: string;
  let requestId: string;
  let cursor: string;
  beforeAll(async () => {
    server = await startServer(backend);
    token = (await server.signIn()).accessToken;
    const all = await pullAll(server, token, undefined, 1000);
    cursor = all.cursor;
    dossierId = all.changes.find((c) => c.entity === 'dossier')!.id;
    requestId = all.changes.find((c) => c.entity === 'request')!.id;
  });
  afterAll(() => server.close());

  describe('uploads and blobs', () => {
    it('stores a PDF by SHA-256, replays the same upload, refuses another content under the same id', async () => {
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
      const text = Buffer.from('ceci n\'est pas un PDF');
      expect((await upload(server, token, text, { contentType: 'application/pdf' })).status).toBe(415);
      const wrongHash = await upload(server, token, samplePdf(), { sha256: 'a'.repeat(64) });
      expect(wrongHash.status).toBe(400);
      expect(((await wrongHash.json()) as { error: { fields: unknown } }).error.fields).toEqual([
        { path: 'headers.x-content-sha256', message: 'L\'empreinte SHA-256 ne correspond pas au contenu reçu' },
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
      const key = randomUUID();
      const body = { kind: 'administrative', dossierId, serviceId: 'charge-clientele', subject: 'Attestation de loyer', description: 'Merci de m\'envoyer une attestation.' };
      const answers = await Promise.all(Array.from({ length: 5 }, () => write(server, token, '/v1/requests', body, key)));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
      const created = (await pullAll(server, token, cursor)).changes.filter((c) => c.id === key);
      expect(created).toHaveLength(1);
    });

    it('requires a UUID Idempotency-Key', async () => {
      const res = await server.api('POST', '/v1/change-requests/personal-info', { token, body: { phoneMobile: '0612345678' } });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'headers.idempotency-key', message: 'Champ obligatoire' }]);
      const bad = await server.api('POST', '/v1/paperless', { token, body: { enabled: false }, headers: { 'idempotency-key': 'abc' } });
      expect(bad.body.error.fields).toEqual([{ path: 'headers.idempotency-key', message: 'Identifiant invalide' }]);
    });
  });

  describe('change requests', () => {
    it('personal info: validates phones in French', async () => {
      const res = await write(server, token, '/v1/change-requests/personal-info', { phoneHome: '12', email: 'nope' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'email', message: 'Adresse mail invalide' }]);
      const phone = await write(server, token, '/v1/change-requests/personal-info', { phoneHome: '12' });
      expect(phone.body.error.fields).toEqual([{ path: 'phoneHome', message: 'Numéro de téléphone invalide' }]);
      expect((await write(server, token, '/v1/change-requests/personal-info', {})).status).toBe(400);
    });

    it('occupants: a full proposed list on the tenant\'s dossier', async () => {
      const res = await write(server, token, '/v1/change-requests/occupants', {
        dossierId,
        occupants: [
          { civility: 'Mme', lastName: 'DUPONT', firstName: 'MARTINE', birthDate: '1970-01-01', relationship: '', signatory: true },
          { civility: 'M.', lastName: 'DUPONT', firstName: 'MARTIN', birthDate: '2000-01-01', relationship: 'enfant', signatory: false },
          { civility: 'Mme', lastName: 'DUPONT', firstName: 'LÉA', birthDate: '2024-03-15', relationship: 'petite-fille', signatory: false },
        ],
      });
      expect(res.status).toBe(201);
      const bad = await write(server, token, '/v1/change-requests/occupants', { dossierId, occupants: [{ civility: 'Mme', lastName: '', firstName: 'X', birthDate: '15/03/2024', relationship: '', signatory: true }] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual([
        { path: 'occupants.0.lastName', message: 'Champ obligatoire' },
        { path: 'occupants.0.birthDate', message: 'Date invalide (format attendu : aaaa-mm-jj)' },
      ]);
    });

    it('bank details: any SEPA IBAN by checksum, proof required, only masked values come back', async () => {
      const proof = (await (await upload(server, token, samplePdf('rib-allemand'))).json()) as { id: string };
      const holder = { lastName: 'DUPONT', firstNames: 'MARTINE', address: '8 RUE SAINT NICOLAS', city: 'VERSAILLES', postalCode: '78000' };
      const bad = await write(server, token, '/v1/change-requests/bank-details', { dossierId, iban: 'DE89 3704 0044 0532 0130 01', bic: 'COBADEFFXXX', bankName: 'Commerzbank', holder, attachmentUploadId: proof.id });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual([{ path: 'iban', message: 'IBAN invalide : la clé de contrôle est incorrecte' }]);
      const missing = await write(server, token, '/v1/change-requests/bank-details', { dossierId, iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', bankName: 'Commerzbank', holder, attachmentUploadId: randomUUID() });
      expect(missing.status).toBe(400);
      expect(missing.body.error.fields[0].path).toBe('attachmentUploadId');
      const ok = await write(server, token, '/v1/change-requests/bank-details', { dossierId, iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', bankName: 'Commerzbank', holder, attachmentUploadId: proof.id });
      expect(ok.status).toBe(201);
      const change = (await pullAll(server, token, cursor)).changes.find((c) => c.id === ok.body.id)!;
      expect(change.data).toMatchObject({ kind: 'bank_details', status: 'pending', summary: { ibanMasked: '#####000', bicMasked: '#####XXX' } });
      expect(JSON.stringify(change)).not.toContain('DE89');
    });
  });

  describe('insurance, requests, paperless', () => {
    it('insurance certificate with attachment', async () => {
      const certificate = (await (await upload(server, token, samplePdf('attestation'))).json()) as { id: string };
      const base = { dossierId, insurer: 'MAIF', policyNumber: 'P-123456', attachmentUploadId: certificate.id };
      const wrongDates = await write(server, token, '/v1/insurance', { ...base, validFrom: '2026-06-01', validTo: '2026-01-01' });
      expect(wrongDates.body.error.fields).toEqual([{ path: 'validTo', message: 'La date de fin doit être après la date de début' }]);
      const ok = await write(server, token, '/v1/insurance', { ...base, validFrom: '2026-01-01', validTo: '2026-12-31' });
      expect(ok.status).toBe(201);
      const change = (await pullAll(server, token, cursor)).changes.find((c) => c.id === ok.body.id)!;
      expect(change.data).toMatchObject({ insurer: 'MAIF', status: 'pending', validTo: '2026-12-31' });
    });

    it('technical request with photos, a message, then cancel', async () => {
      const photo = (await (await upload(server, token, samplePng('fuite'))).json()) as { id: string; sha256: string };
      const created = await write(server, token, '/v1/requests', { kind: 'technical', dossierId, category: 'plomberie', description: 'Fuite au plafond de la salle de bain', photoUploadIds: [photo.id], permissionToEnter: true });
      expect(created.status).toBe(201);
      const message = await write(server, token, `/v1/requests/${created.body.id}/messages`, { body: 'Je suis absente le mardi.' });
      expect(message.status).toBe(201);
      const cancel = await write(server, token, `/v1/requests/${created.body.id}/cancel`, {});
      expect(cancel.status).toBe(200);
      expect((await write(server, token, `/v1/requests/${created.body.id}/cancel`, {})).status).toBe(409);
      expect((await write(server, token, `/v1/requests/${created.body.id}/messages`, { body: 'encore' })).status).toBe(409);
      const changes = (await pullAll(server, token, cursor)).changes;
      const request = changes.find((c) => c.id === created.body.id)!;
      expect(request.data).toMatchObject({ status: 'cancelled', photoSha256s: [photo.sha256], permissionToEnter: true, category: 'plomberie' });
      expect(changes.find((c) => c.id === message.body.id)!.data).toMatchObject({ author: 'tenant', body: 'Je suis absente le mardi.' });
      const history = changes.filter((c) => c.entity === 'requestEvent' && (c.data as { requestId: string }).requestId === created.body.id).map((c) => c.data);
      expect(history).toEqual([
        { requestId: created.body.id, status: 'open', by: 'tenant', at: expect.any(String) },
        { requestId: created.body.id, status: 'cancelled', by: 'tenant', at: expect.any(String) },
      ]);
      const labels = changes.filter((c) => c.entity === 'activity').map((c) => (c.data as { label: string }).label);
      expect(labels).toContain(`Demande n° ${(request.data as { number: number }).number}`);
      const invalid = await write(server, token, '/v1/requests', { kind: 'technical', dossierId, category: 'fuite', description: '', permissionToEnter: 'oui' });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['category', 'description', 'permissionToEnter']);
    });

    it('administrative request to a landlord service; unknown requests are 404', async () => {
      const ok = await write(server, token, '/v1/requests', { kind: 'administrative', dossierId, serviceId: 'quittancement', subject: 'Régularisation des charges', description: 'Pouvez-vous m\'expliquer la régularisation ?' });
      expect(ok.status).toBe(201);
      const unknown = await write(server, token, '/v1/requests', { kind: 'administrative', dossierId, serviceId: 'inconnu', subject: 'x', description: 'y' });
      expect(unknown.body.error.fields).toEqual([{ path: 'serviceId', message: 'Service inconnu' }]);
      expect((await write(server, token, `/v1/requests/${randomUUID()}/cancel`, {})).status).toBe(404);
      expect((await write(server, token, `/v1/requests/${requestId}/messages`, { body: 'Des nouvelles ?' })).status).toBe(201);
    });

    it('paperless off and on again', async () => {
      expect((await write(server, token, '/v1/paperless', { enabled: false })).status).toBe(200);
      let profile = (await pullAll(server, token, cursor)).changes.find((c) => c.entity === 'profile')!;
      expect(profile.data).toMatchObject({ paperless: false, paperlessSince: null });
      expect((await server.api('GET', '/v1/me', { token })).body.paperless).toBe(false);
      await write(server, token, '/v1/paperless', { enabled: true });
      profile = (await pullAll(server, token, cursor)).changes.find((c) => c.entity === 'profile')!;
      expect(profile.data).toMatchObject({ paperless: true });
    });

    it('every write route refuses requests without a session', async () => {
      for (const path of ['/v1/change-requests/personal-info', '/v1/change-requests/occupants', '/v1/change-requests/bank-details', '/v1/insurance', '/v1/requests', `/v1/requests/${requestId}/messages`, `/v1/requests/${requestId}/cancel`, '/v1/paperless']) {
        const res = await server.api('POST', path, { body: {}, headers: { 'idempotency-key': randomUUID() } });
        expect(res.status, path).toBe(401);
      }
    });
  });
});
