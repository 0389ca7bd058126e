/**
 * When documents appear (issue 6), over real HTTP and by direct service calls (PGlite, and
 * PostgreSQL when TEST_DATABASE_URL): a month's avis d'échéance for every tenant (amounts read back
 * from the PDF), idempotent, a changed amount supersedes (tombstone in the sync feed), the paperless
 * mail only to subscribers; a partial transfer gives a reçu and the rest the quittance; documents
 * reach the tenant by sync and /v1/blobs, and only that tenant.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../server/src/admin/cli';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import * as schema from '../../../server/src/db/schema';
import { SANDBOX_LANDLORD_IDENTITY, type DocumentDeps } from '../../../server/src/documents/deps';
import { readLandlordSettings } from '../../../server/src/landlord/settings';
import { issueSettlementDocuments, maskIbanForPrint } from '../../../server/src/documents/publish';
import { readPdf } from '../documents/read-pdf';
import { backends, pullAll, startServer, type TestServer } from './helpers';
import { testClock, todayBy } from '../../helpers/clock';
import { addMonths } from '../../../src-shared/validation/dates';

const KEY = 'cle-admin-documents-0123456789';
const DEMO_DOSSIER = '0123456789';

/** A period far enough ahead for the SEPA pre-notification (14 days before the debit on the 3rd). */
function periodAhead(now: Date, months: number): string {
  return addMonths(todayBy(() => now).slice(0, 7), months);
}

describe.each(backends)('documents: publishing notices and issuing receipts ($name)', (backend) => {
  let server: TestServer;
  const dataKey = randomBytes(32);
  let token: string;
  let period: string;
  let previous = 0;
  /** A: paperless subscriber with an account; B: no ledger for the period; C: no account, on paper. */
  const others: { reference: string; dossierNumber: string; dossierId: string; email: string; password: string }[] = [];

  const admin = (method: string, path: string, body?: unknown) => server.api(method, `/v1/admin${path}`, { body, headers: { 'x-api-key': KEY } });
  const db = () => server.handle.db;
  const deps = (): DocumentDeps => ({
    db: db(),
    cipher: createDataCipher(dataKey),
    clock: () => server.now(),
    mailer: { send: async (m) => void server.mail.push(m), close: () => {} },
    landlord: { settings: () => readLandlordSettings(db()), identity: SANDBOX_LANDLORD_IDENTITY },
  });
  const liveDocs = async (dossierNumber: string, p: string) => {
    const [dossier] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.number, dossierNumber));
    return db()
      .select()
      .from(schema.documents)
      .where(and(eq(schema.documents.dossierId, dossier!.id), eq(schema.documents.period, p), eq(schema.documents.deleted, false)));
  };
  const blob = async (sha256: string, bearer: string) => fetch(`${server.base}/v1/blobs/${sha256}`, { headers: { authorization: `Bearer ${bearer}` } });
  const pdfText = async (sha256: string) => (await readPdf(new Uint8Array(await (await blob(sha256, token)).arrayBuffer()))).text;
  /** Rent and charge provisions of a period, booked on its 1st. */
  const dueOf = (p: string, rent: number, charges: number) => [
    { date: `${p}-01`, kind: 'rent', label: 'Loyer', amountCents: rent, period: p },
    { date: `${p}-01`, kind: 'charges', label: 'Provisions pour charges', amountCents: charges, period: p },
  ];
  const post = (dossierNumber: string, entries: unknown[]) => admin('POST', `/dossiers/${dossierNumber}/ledger`, { entries });

  beforeAll(async () => {
    server = await startServer(backend, { adminApiKey: KEY, dataKey });
    token = (await server.signIn()).accessToken;
    period = periodAhead(server.now(), 2);
    const withAccounts = await server.generate(2, { withAccounts: true });
    const paper = await server.generate(1, { withAccounts: false });
    for (const tenant of [...withAccounts, ...paper]) {
      const [dossier] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.tenantId, tenant.tenantId));
      others.push({ reference: tenant.reference, dossierNumber: dossier!.number, dossierId: dossier!.id, email: tenant.email, password: tenant.password });
    }
    const echeance = (rent: number, charges: number, apl: number) => [
      ...dueOf(period, rent, charges),
      ...(apl ? [{ date: `${period}-01`, kind: 'apl', label: 'APL', amountCents: -apl, period }] : []),
    ];
    expect((await post(DEMO_DOSSIER, echeance(41235, 8760, 15000))).status).toBe(201);
    expect((await post(others[0]!.dossierNumber, echeance(38000, 6000, 0))).status).toBe(201);
    expect((await post(others[2]!.dossierNumber, echeance(30000, 5000, 0))).status).toBe(201);
  });
  afterAll(() => server.close());

  it('publishes one avis per tenant with the right amounts, mails only paperless subscribers, lists the others to post', async () => {
    const { cursor } = await pullAll(server, token, undefined, 1000);
    const mails = server.mail.length;
    const res = await admin('POST', '/notices', { period });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period, published: 3, unchanged: 0, superseded: 0, skipped: 1, refused: 0, mailed: 2 });
    expect(res.body.toPost).toEqual([expect.objectContaining({ tenantReference: others[2]!.reference, dossierNumber: others[2]!.dossierNumber })]);
    const demo = res.body.notices.find((n: { dossierNumber: string }) => n.dossierNumber === DEMO_DOSSIER);
    // Carried balance: everything booked before the period (the demo's earlier months).
    const [dossier] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.number, DEMO_DOSSIER));
    previous = dossier!.balanceCents - (41235 + 8760 - 15000);
    expect(demo).toMatchObject({ status: 'published', delivery: 'mail', totalCents: Math.max(0, 41235 + 8760 - 15000 + previous) });
    expect(res.body.notices.find((n: { tenantReference: string }) => n.tenantReference === others[1]!.reference).status).toBe('skipped');

    // Paperless: Mme DUPONT and tenant A, never C; the first name and no amount, no reference, no dossier number.
    const sent = server.mail.slice(mails);
    expect(sent.map((m) => m.to).sort()).toEqual(['martine.dupont@example.org', others[0]!.email].sort());
    const mail = sent.find((m) => m.to === 'martine.dupont@example.org')!;
    expect(mail.subject).toBe("Votre avis d'échéance est disponible");
    expect(mail.text).toContain('Bonjour Martine,');
    expect(mail.html).toContain("Office Public de l&#39;Habitat de Démonstration");
    for (const body of [mail.text, mail.html]) {
      expect(body).not.toMatch(/€|\d+,\d\d/);
      expect(body).not.toContain(DEMO_DOSSIER);
      expect(body).not.toContain('1000123456');
      expect(body).not.toContain('DUPONT');
    }

    // The tenant's sync feed carries the notice and its activity; the blob is the PDF, read back.
    const { changes } = await pullAll(server, token, cursor);
    const doc = changes.find((c) => c.entity === 'document')!;
    // Its amount is the TOTAL À PAYER, so Mes documents can name it by it (RGAA 6.1).
    expect(doc).toMatchObject({ id: demo.documentId, deleted: false, data: { kind: 'avis_echeance', period, sha256: demo.sha256, amountCents: 41235 + 8760 - 15000 + previous } });
    expect((doc.data as { title: string }).title).toMatch(/^Avis d'échéance – /);
    expect(changes.find((c) => c.entity === 'activity' && (c.data as { refId: string }).refId === demo.documentId)?.data).toMatchObject({ label: "Avis d'échéance disponible" });
    const bytes = new Uint8Array(await (await blob(demo.sha256, token)).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(demo.sha256);
    const { text, info } = await readPdf(bytes);
    expect(info.Title).toBe((doc.data as { title: string }).title);
    for (const expected of ['412,35 €', '87,60 €', '-150,00 €', '349,95 €', 'TOTAL À PAYER', 'Numéro TG 1000123456', 'OPHDEMO-0123456789-01', 'FR00ZZZ000000', `03/${period.slice(5, 7)}/${period.slice(0, 4)}`]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain(maskIbanForPrint('FR7630006000011234567890189'));
    expect(text).toContain("Cet avis n'est pas une quittance.");
    // Tenant C (no direct debit mandate) is told how to pay on the portal.
    const paperDocs = await liveDocs(others[2]!.dossierNumber, period);
    expect(paperDocs).toHaveLength(1);
  });

  it('publishing the same month again changes nothing (HTTP and CLI), mails nobody, syncs nothing', async () => {
    const { cursor } = await pullAll(server, token, undefined, 1000);
    const mails = server.mail.length;
    const again = await admin('POST', '/notices', { period });
    expect(again.body).toMatchObject({ published: 0, unchanged: 3, superseded: 0, mailed: 0, toPost: [] });
    const cli = (await runAdminCommand(['publish-notices', '--period', period, '--reference', '1000123456'], { db: db(), cipher: createDataCipher(dataKey), now: () => server.now() })) as { unchanged: number; published: number };
    expect(cli).toMatchObject({ unchanged: 1, published: 0 });
    expect(server.mail.length).toBe(mails);
    expect((await pullAll(server, token, cursor)).changes).toEqual([]);
    expect(await liveDocs(DEMO_DOSSIER, period)).toHaveLength(1);
  });

  it('a changed amount publishes a rectificatif that supersedes the old notice (tombstone in the sync feed)', async () => {
    const { cursor } = await pullAll(server, token, undefined, 1000);
    const [old] = await liveDocs(DEMO_DOSSIER, period);
    expect((await post(DEMO_DOSSIER, [{ date: `${period}-01`, kind: 'adjustment', label: 'Régularisation des charges', amountCents: 4210, period }])).status).toBe(201);
    const mails = server.mail.length;
    const res = await admin('POST', '/notices', { period, reference: '1000123456' });
    expect(res.body).toMatchObject({ published: 0, superseded: 1, mailed: 1 });
    const notice = res.body.notices[0];
    expect(notice).toMatchObject({ status: 'superseded', supersededId: old!.id, totalCents: Math.max(0, 41235 + 8760 + 4210 - 15000 + previous) });

    const { changes } = await pullAll(server, token, cursor);
    const docs = changes.filter((c) => c.entity === 'document');
    expect(docs.find((c) => c.id === old!.id)).toMatchObject({ deleted: true, data: null });
    const fresh = docs.find((c) => c.id === notice.documentId)!;
    expect((fresh.data as { title: string }).title).toMatch(/^Avis d'échéance rectificatif – /);
    const text = await pdfText(notice.sha256);
    expect(text).toContain('rectificatif');
    expect(text).toContain('Régularisation des charges');
    expect(text).toContain('392,05 €');
    expect(server.mail.slice(mails)[0]!.text).toContain('rectificatif');
    // The old blob is no longer the tenant's to fetch; the new one is.
    expect((await blob(old!.sha256, token)).status).toBe(404);
    expect((await blob(notice.sha256, token)).status).toBe(200);
    // And publishing again leaves the rectificatif in place.
    expect((await admin('POST', '/notices', { period, reference: '1000123456' })).body).toMatchObject({ unchanged: 1, superseded: 0 });
  });

  it('a partial transfer yields a reçu, the remaining transfer the quittance; the reçu stays', async () => {
    const a = others[0]!;
    const p = '2099-02';
    await post(a.dossierNumber, dueOf(p, 40000, 5000));
    expect(await liveDocs(a.dossierNumber, p)).toEqual([]);
    const first = await post(a.dossierNumber, [{ date: '2099-02-04', kind: 'payment', label: 'Virement reçu', amountCents: -20000, period: p }]);
    expect(first.status).toBe(201);
    const afterPartial = await liveDocs(a.dossierNumber, p);
    expect(afterPartial.map((d) => d.kind)).toEqual(['recu']);
    expect(afterPartial[0]!.amountCents).toBe(20000);
    const recuText = await readPdf(new Uint8Array((await db().select().from(schema.blobs).where(eq(schema.blobs.sha256, afterPartial[0]!.sha256)))[0]!.content));
    expect(recuText.text).toContain('200,00 €');
    expect(recuText.text).toContain('Virement du 04/02/2099');
    expect(recuText.text).not.toMatch(/QUITTANCE DE LOYER/);

    // Called again with no new payment: nothing new (direct service call).
    expect(await issueSettlementDocuments(deps(), { dossierId: a.dossierId, period: p })).toMatchObject({ status: 'unchanged', kind: 'recu', documentId: afterPartial[0]!.id });

    // The rest by the CLI: the quittance; the reçu is still there.
    const cli = (await runAdminCommand(['post-ledger', '--dossier', a.dossierNumber, '--date', '2099-02-10', '--kind', 'payment', '--label', 'Virement reçu', '--amount=-250,00', '--period', p], {
      db: db(),
      cipher: createDataCipher(dataKey),
      now: () => server.now(),
    })) as { documents: { period: string; status: string; kind: string }[] };
    expect(cli.documents).toEqual([expect.objectContaining({ period: p, status: 'issued', kind: 'quittance' })]);
    const docs = await liveDocs(a.dossierNumber, p);
    expect(docs.map((d) => d.kind).sort()).toEqual(['quittance', 'recu']);
    const quittance = docs.find((d) => d.kind === 'quittance')!;
    // Each states its own sum: the reçu what the first transfer paid, the quittance the period's total received.
    expect(docs.map((d) => [d.kind, d.amountCents]).sort()).toEqual([['quittance', 45000], ['recu', 20000]]);
    const text = (await readPdf(new Uint8Array((await db().select().from(schema.blobs).where(eq(schema.blobs.sha256, quittance.sha256)))[0]!.content))).text;
    expect(text).toContain('450,00 €');
    expect(text).toContain('Virement du 10/02/2099');
    // An overpayment later: the quittance stands, no second one.
    await post(a.dossierNumber, [{ date: '2099-02-20', kind: 'payment', label: 'Virement reçu', amountCents: -1000, period: p }]);
    expect((await liveDocs(a.dossierNumber, p)).map((d) => d.kind).sort()).toEqual(['quittance', 'recu']);
  });

  it('never a quittance for a partial payment, whatever the channel; a direct debit then the allowance completes the period', async () => {
    const c = others[2]!;
    const p = '2099-03';
    await post(c.dossierNumber, [...dueOf(p, 40000, 5000), { date: '2099-03-03', kind: 'payment', label: 'Prélèvement mars 2099', amountCents: -30000, period: p }]);
    expect((await liveDocs(c.dossierNumber, p)).map((d) => d.kind)).toEqual(['recu']);
    await post(c.dossierNumber, [{ date: '2099-03-04', kind: 'payment', label: 'Chèque n° 1234', amountCents: -4999, period: p }]);
    expect((await liveDocs(c.dossierNumber, p)).map((d) => d.kind)).toEqual(['recu', 'recu']);
    await post(c.dossierNumber, [{ date: '2099-03-05', kind: 'apl', label: 'APL mars 2099', amountCents: -10001, period: p }]);
    expect((await liveDocs(c.dossierNumber, p)).map((d) => d.kind).sort()).toEqual(['quittance', 'recu', 'recu']);
  });

  it("tenant B cannot fetch tenant A's documents; A fetches them", async () => {
    const a = others[0]!;
    const tokenA = (await server.signIn(a.email, a.password)).accessToken;
    const tokenB = (await server.signIn(others[1]!.email, others[1]!.password)).accessToken;
    const docs = await liveDocs(a.dossierNumber, period);
    expect(docs).toHaveLength(1);
    expect((await blob(docs[0]!.sha256, tokenA)).status).toBe(200);
    expect((await blob(docs[0]!.sha256, tokenB)).status).toBe(404);
    expect((await blob(docs[0]!.sha256, token)).status).toBe(404);
    const feedB = await pullAll(server, tokenB, undefined, 1000);
    expect(feedB.changes.some((ch) => ch.entity === 'document' && (ch.data as { sha256: string } | null)?.sha256 === docs[0]!.sha256)).toBe(false);
  });

  it('refuses an avis too late for the SEPA pre-notification (direct debit), publishes nothing for that tenant', async () => {
    const late = periodAhead(server.now(), 0);
    // The debit on the 3rd of this month is already less than 14 days away (or past).
    await post(DEMO_DOSSIER, [{ date: `${late}-01`, kind: 'adjustment', label: 'Ajustement', amountCents: 100, period: late }]);
    const res = await admin('POST', '/notices', { period: late, reference: '1000123456' });
    expect(res.body.notices[0]).toMatchObject({ status: 'refused' });
    expect(res.body.notices[0].reason).toMatch(/14 jours/);
    expect(await liveDocs(DEMO_DOSSIER, late)).toEqual([]);
  });

  it('validates the period of the admin route and the CLI', async () => {
    expect((await admin('POST', '/notices', { period: '2026-13' })).status).toBe(400);
    expect((await server.api('POST', '/v1/admin/notices', { body: { period } })).status).toBe(401);
    await expect(runAdminCommand(['publish-notices'], { db: db(), cipher: createDataCipher(dataKey), now: () => server.now() })).rejects.toThrow(/--period/);
  });
});

describe.each(backends)('demo documents ($name)', (backend) => {
  it('the demo tenant gets 24 months of avis and quittances and one reçu, and a consistent ledger', async () => {
    const handle = await backend.open();
    try {
      const { buildServer } = await import('../../../server/src/app');
      const { clock } = testClock();
      const started = performance.now();
      const app = await buildServer({ db: handle, passwordHashing: 'fast', dataKey: randomBytes(32), demo: true, demoDocuments: true, clock });
      const elapsed = Math.round(performance.now() - started);
      await app.close();
      const docs = await handle.db.select().from(schema.documents).where(eq(schema.documents.deleted, false));
      const count = (kind: string) => docs.filter((d) => d.kind === kind).length;
      expect(count('avis_echeance')).toBe(24);
      expect(count('recu')).toBe(1);
      expect(count('quittance')).toBeGreaterThanOrEqual(23);
      const recu = docs.find((d) => d.kind === 'recu')!;
      expect(docs.some((d) => d.kind === 'quittance' && d.period === recu.period)).toBe(true);
      const [dossier] = await handle.db.select().from(schema.dossiers).where(eq(schema.dossiers.number, DEMO_DOSSIER));
      // Two transfers instead of one debit: the balance is the plain demo ledger's.
      const { monthlyLedger } = await import('../../../server/src/demo/demo-data');
      expect(dossier!.balanceCents).toBe(monthlyLedger(clock(), 24, 41235, 8760, 15000).reduce((sum, p) => sum + p.amountCents, 0));
      const text = (await readPdf(new Uint8Array((await handle.db.select().from(schema.blobs).where(eq(schema.blobs.sha256, recu.sha256)))[0]!.content))).text;
      expect(text).toContain('200,00 €');
      // No timed assertion (house rule: speed lives in bench/documents, which measures the renderers
      // beside their floor); the load time is printed for a look.
      console.log(`demo with documents (${backend.name}): ${elapsed} ms, ${docs.length} documents`);
    } finally {
      await handle.close();
    }
  });
});
