/**
 * Issue 14, first item, over real HTTP (PGlite, and PostgreSQL when TEST_DATABASE_URL): a credit
 * adjustment larger than the month's charges. Rent 412,35 + charges 87,60 - régularisation 100,00:
 * the avis asks 399,95, the tenant pays 399,95 and gets the quittance (not a reçu with
 * "RESTE DÛ 12,40 €"), with the régularisation on its own line and the total due of the avis.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../../server/src/db/schema';
import { readPdf } from '../documents/read-pdf';
import { backends, startServer, type TestServer } from './helpers';

const KEY = 'cle-admin-reglement-0123456789';

describe.each(backends)('settlement on the period total due, credit adjustment larger than the charges ($name)', (backend) => {
  let server: TestServer;
  const admin = (method: string, path: string, body?: unknown) => server.api(method, `/v1/admin${path}`, { body, headers: { 'x-api-key': KEY } });
  const post = (dossierNumber: string, entries: unknown[]) => admin('POST', `/dossiers/${dossierNumber}/ledger`, { entries });
  const liveDocs = async (dossierId: string, period: string) =>
    server.handle.db
      .select()
      .from(schema.documents)
      .where(and(eq(schema.documents.dossierId, dossierId), eq(schema.documents.period, period), eq(schema.documents.deleted, false)));
  const pdfText = async (sha256: string) => {
    const [row] = await server.handle.db.select().from(schema.blobs).where(eq(schema.blobs.sha256, sha256));
    return (await readPdf(new Uint8Array(row!.content))).text;
  };

  beforeAll(async () => {
    server = await startServer(backend, { adminApiKey: KEY });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('pays the 399,95 € the avis asks and gets the quittance, régularisation shown, nothing left due', async () => {
    const [tenant] = await server.generate(1, { withAccounts: false });
    const [dossier] = await server.handle.db.select().from(schema.dossiers).where(eq(schema.dossiers.tenantId, tenant!.tenantId));
    const p = '2099-05';
    expect(
      (
        await post(dossier!.number, [
          { date: `${p}-01`, kind: 'rent', label: 'Loyer', amountCents: 41235, period: p },
          { date: `${p}-01`, kind: 'charges', label: 'Provisions pour charges', amountCents: 8760, period: p },
          { date: `${p}-01`, kind: 'adjustment', label: 'Régularisation des charges 2098', amountCents: -10000, period: p },
        ])
      ).status,
    ).toBe(201);

    const published = await admin('POST', '/notices', { period: p, reference: tenant!.reference });
    expect(published.body).toMatchObject({ published: 1, refused: 0 });
    const avis = (await liveDocs(dossier!.id, p)).find((d) => d.kind === 'avis_echeance')!;
    const avisText = await pdfText(avis.sha256);
    for (const expected of ['412,35 €', '87,60 €', '-100,00 €', '399,95 €']) expect(avisText).toContain(expected);

    expect((await post(dossier!.number, [{ date: `${p}-04`, kind: 'payment', label: 'Virement reçu', amountCents: -39995, period: p }])).status).toBe(201);
    const settlement = (await liveDocs(dossier!.id, p)).filter((d) => d.kind !== 'avis_echeance');
    expect(settlement.map((d) => d.kind)).toEqual(['quittance']);
    const text = await pdfText(settlement[0]!.sha256);
    expect(text).toMatch(/QUITTANCE DE LOYER/i);
    for (const expected of ['412,35 €', '87,60 €', 'Régularisation des charges 2098', '-100,00 €', '399,95 €', 'Virement du 04/05/2099', 'TOTAL REÇU']) expect(text).toContain(expected);
    expect(text).not.toContain('RESTE DÛ');
    expect(text).not.toContain('12,40');
    expect(text).not.toContain('trop-perçu');
  });

  it('one cent short of the total due is a reçu with 0,01 € left; the cent then gives the quittance', async () => {
    const [tenant] = await server.generate(1, { withAccounts: false });
    const [dossier] = await server.handle.db.select().from(schema.dossiers).where(eq(schema.dossiers.tenantId, tenant!.tenantId));
    const p = '2099-06';
    await post(dossier!.number, [
      { date: `${p}-01`, kind: 'rent', label: 'Loyer', amountCents: 41235, period: p },
      { date: `${p}-01`, kind: 'charges', label: 'Provisions pour charges', amountCents: 8760, period: p },
      { date: `${p}-01`, kind: 'adjustment', label: 'Régularisation des charges 2098', amountCents: -10000, period: p },
    ]);
    await post(dossier!.number, [{ date: `${p}-04`, kind: 'payment', label: 'Virement reçu', amountCents: -39994, period: p }]);
    const recu = await liveDocs(dossier!.id, p);
    expect(recu.map((d) => d.kind)).toEqual(['recu']);
    const text = await pdfText(recu[0]!.sha256);
    expect(text).toContain('RESTE DÛ POUR LA PÉRIODE');
    expect(text).toContain('0,01 €');
    await post(dossier!.number, [{ date: `${p}-05`, kind: 'payment', label: 'Virement reçu', amountCents: -1, period: p }]);
    expect((await liveDocs(dossier!.id, p)).map((d) => d.kind).sort()).toEqual(['quittance', 'recu']);
  });
});
