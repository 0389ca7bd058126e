import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { backends, pullAll, samplePdf, upload, useSignedInDemo, write } from './helpers';

/** Ma situation de solde: the tenant asks for a new RIB, with a proof (POST /v1/change-requests/bank-details). */
describe.each(backends)('Ma situation de solde: bank details change ($name)', (backend) => {
  const demo = useSignedInDemo(backend);

  it('bank details: any SEPA IBAN by checksum, proof required, only masked values come back', async () => {
    const { server, token, dossierId, cursor } = demo;
    const proof = (await (await upload(server, token, samplePdf('rib-allemand'))).json()) as { id: string };
    const holder = { lastName: 'DUPONT', firstNames: 'MARTINE', address: '8 RUE SAINT NICOLAS', city: 'VERSAILLES', postalCode: '78000' };
    const bad = await write(server, token, '/v1/change-requests/bank-details', { dossierId, iban: 'DE89 3704 0044 0532 0130 01', bic: 'COBADEFFXXX', bankName: 'Commerzbank', holder, attachmentUploadId: proof.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'iban', message: 'IBAN invalide : la clé de contrôle est incorrecte', key: 'fields.iban.checksum' }]);
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
