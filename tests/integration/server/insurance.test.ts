import { describe, expect, it } from 'vitest';
import { backends, pullAll, samplePdf, upload, useSignedInDemo, write } from './helpers';

/** Mon assurance: the tenant sends their certificate (POST /v1/insurance). */
describe.each(backends)('Mon assurance: certificate ($name)', (backend) => {
  const demo = useSignedInDemo(backend);

  it('insurance certificate with attachment', async () => {
    const { server, token, dossierId, cursor } = demo;
    const certificate = (await (await upload(server, token, samplePdf('attestation'))).json()) as { id: string };
    const base = { dossierId, insurer: 'MAIF', policyNumber: 'P-123456', attachmentUploadId: certificate.id };
    const wrongDates = await write(server, token, '/v1/insurance', { ...base, validFrom: '2026-06-01', validTo: '2026-01-01' });
    expect(wrongDates.body.error.fields).toEqual([{ path: 'validTo', key: 'fields.date.endBeforeStart', message: 'La date de fin doit être après la date de début' }]);
    const ok = await write(server, token, '/v1/insurance', { ...base, validFrom: '2026-01-01', validTo: '2026-12-31' });
    expect(ok.status).toBe(201);
    const change = (await pullAll(server, token, cursor)).changes.find((c) => c.id === ok.body.id)!;
    expect(change.data).toMatchObject({ insurer: 'MAIF', status: 'pending', validTo: '2026-12-31' });
  });
});
