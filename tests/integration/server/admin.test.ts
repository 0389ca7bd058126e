import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../server/src/admin/cli';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { backends, newDevice, pullAll, samplePdf, startServer, upload, write, type TestServer } from './helpers';

const KEY = 'cle-admin-de-test-0123456789';

describe.each(backends)('admin API and CLI ($name)', (backend) => {
  let server: TestServer;
  let token: string;
  let cursor: string;
  const admin = (method: string, path: string, body?: unknown, key = KEY) => server.api(method, `/v1/admin${path}`, { body, headers: { 'x-api-key': key } });

  beforeAll(async () => {
    server = await startServer(backend, { adminApiKey: KEY });
    token = (await server.signIn()).accessToken;
    cursor = (await pullAll(server, token, undefined, 1000)).cursor;
  });
  afterAll(() => server.close());

  it('refuses calls without the right API key', async () => {
    expect((await server.api('GET', '/v1/admin/requests')).status).toBe(401);
    expect((await admin('GET', '/requests', undefined, 'mauvaise-cle')).status).toBe(401);
    expect((await server.api('GET', '/v1/admin/requests', { token })).status).toBe(401); // a tenant token is not a key
  });

  it('replaces the white-label landlord settings', async () => {
    const current = (await server.api('GET', '/v1/landlord')).body;
    const next = { ...current, name: 'Habitat Fictif du Val', colors: { ...current.colors, primary: '#005a32' } };
    expect((await admin('PUT', '/landlord', { ...next, colors: { ...next.colors, primary: 'vert' } })).body.error.fields).toEqual([
      { path: 'colors.primary', key: 'fields.invalid', message: 'Couleur attendue au format #rrggbb' },
    ]);
    expect((await admin('PUT', '/landlord', next)).status).toBe(200);
    expect((await server.api('GET', '/v1/landlord')).body).toMatchObject({ name: 'Habitat Fictif du Val', colors: { primary: '#005a32' } });
    await admin('PUT', '/landlord', current);
  });

  it('creates a tenant who can then sign up', async () => {
    const tenant = {
      reference: '1000999999', civility: 'M.', lastName: 'Nguyen', firstName: 'Văn An', birthDate: '1958-07-14',
      dossier: { number: '0999999999', addressLine: '3 RUE DE LA PAROISSE', postalCode: '78000', city: 'VERSAILLES', directDebitDay: 3 },
      contracts: [{ kind: 'logement', label: 'Logement T2', startDate: '2020-01-01' }],
      occupants: [{ civility: 'M.', lastName: 'NGUYEN', firstName: 'VĂN AN', birthDate: '1958-07-14', relationship: '', signatory: true }],
      bank: { bankName: 'LA BANQUE', iban: 'FR76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPPXXX', holder: 'NGUYEN VAN AN' },
    };
    const created = await admin('POST', '/tenants', tenant);
    expect(created.status).toBe(201);
    expect((await admin('POST', '/tenants', tenant)).status).toBe(409);
    const badIban = await admin('POST', '/tenants', { ...tenant, reference: '1000999998', dossier: { ...tenant.dossier, number: '0999999998' }, bank: { ...tenant.bank, iban: 'FR76 3000 6000 0112 3456 7890 188' } });
    expect(badIban.status).toBe(400);
    expect(badIban.body.error.fields).toEqual([{ path: 'bank.iban', message: 'IBAN invalide : la clé de contrôle est incorrecte', key: 'fields.iban.checksum' }]);
    const signUp = await server.api('POST', '/v1/auth/sign-up', {
      body: { tenantReference: '1000999999', lastName: 'NGUYEN', firstName: 'van an', birthDate: '1958-07-14', email: 'van.an@example.org', password: 'Mot-De-Passe-2026!', acceptCgu: true, acceptPrivacy: true, paperless: false, device: newDevice() },
    });
    expect(signUp.status).toBe(201);
  });

  it('posts ledger entries: balance, sync and "Paiement effectué"', async () => {
    const res = await admin('POST', '/dossiers/0123456789/ledger', { entries: [{ date: '2026-05-01', kind: 'rent', label: 'Loyer mai 2026', amountCents: 41235, period: '2026-05' }, { date: '2026-05-03', kind: 'payment', label: 'Paiement en ligne', amountCents: -20000 }] });
    expect(res.status).toBe(201);
    expect(res.body.balanceCents).toBe(21235);
    const changes = (await pullAll(server, token, cursor)).changes;
    expect(changes.find((c) => c.entity === 'dossier')!.data).toMatchObject({ balanceCents: 21235 });
    expect(changes.filter((c) => c.entity === 'ledgerEntry')).toHaveLength(2);
    expect(changes.some((c) => c.entity === 'activity' && (c.data as { label: string }).label === 'Paiement effectué')).toBe(true);
    expect((await admin('POST', '/dossiers/0000000000/ledger', { entries: [{ date: '2026-05-01', kind: 'rent', label: 'x', amountCents: 1 }] })).status).toBe(404);
  });

  it('lists and updates requests; the tenant sees the status and the staff answer', async () => {
    const list = await admin('GET', '/requests?status=open');
    expect(list.status).toBe(200);
    const demo = list.body.requests.find((r: { dossierNumber: string }) => r.dossierNumber === '0123456789');
    expect(demo).toBeDefined();
    const updated = await admin('PATCH', `/requests/${demo.id}`, { status: 'in_progress', message: 'Le plombier passera mardi matin.' });
    expect(updated.status).toBe(200);
    const changes = (await pullAll(server, token, cursor)).changes;
    expect(changes.find((c) => c.id === demo.id)!.data).toMatchObject({ status: 'in_progress' });
    expect(changes.find((c) => c.entity === 'requestMessage')!.data).toMatchObject({ author: 'staff', body: 'Le plombier passera mardi matin.' });
    expect(changes.find((c) => c.entity === 'requestEvent')!.data).toMatchObject({ requestId: demo.id, status: 'in_progress', by: 'staff' });
  });

  it('approves a bank-details change: the old account is tombstoned, the new one is masked and encrypted', async () => {
    const all = await pullAll(server, token, undefined, 1000);
    const dossierId = all.changes.find((c) => c.entity === 'dossier')!.id;
    const oldBank = all.changes.find((c) => c.entity === 'bankAccount')!;
    const proof = (await (await upload(server, token, samplePdf('rib'))).json()) as { id: string };
    const holder = { lastName: 'Dupont', firstNames: 'Martine', address: '8 RUE SAINT NICOLAS', city: 'VERSAILLES', postalCode: '78000' };
    const asked = await write(server, token, '/v1/change-requests/bank-details', { dossierId, iban: 'BE71 0961 2345 6769', bic: 'GKCCBEBB', bankName: 'Belfius', holder, attachmentUploadId: proof.id });
    expect(asked.status).toBe(201);
    const pending = await admin('GET', '/change-requests?status=pending');
    expect(pending.body.changeRequests.map((c: { id: string }) => c.id)).toContain(asked.body.id);
    expect(JSON.stringify(pending.body)).not.toContain('BE71');
    const decided = await admin('POST', `/change-requests/${asked.body.id}/decision`, { decision: 'approve' });
    expect(decided.status).toBe(200);
    expect((await admin('POST', `/change-requests/${asked.body.id}/decision`, { decision: 'refuse' })).status).toBe(409);
    const changes = (await pullAll(server, token, all.cursor)).changes;
    expect(changes.find((c) => c.id === oldBank.id)).toMatchObject({ deleted: true, data: null });
    const bank = changes.find((c) => c.entity === 'bankAccount' && !c.deleted)!;
    expect(bank.data).toMatchObject({ bankName: 'Belfius', ibanMasked: '#####769', holder: 'DUPONT MARTINE' });
    expect(changes.find((c) => c.id === asked.body.id)!.data).toMatchObject({ status: 'approved' });
    // at rest: ciphertext only
    const { bankAccounts } = await import('../../../server/src/db/schema');
    const { eq } = await import('drizzle-orm');
    const [row] = await server.handle.db.select().from(bankAccounts).where(eq(bankAccounts.id, bank.id));
    expect(row!.ibanEncrypted).toMatch(/^v1\./);
    expect(row!.ibanEncrypted).not.toContain('BE71');
  });

  it('approves a personal-info change and refuses another', async () => {
    const a = await write(server, token, '/v1/change-requests/personal-info', { phoneWork: '01 30 12 34 56', cafNumber: '1234567' });
    const b = await write(server, token, '/v1/change-requests/personal-info', { phoneHome: '01 39 99 99 99' });
    expect((await admin('POST', `/change-requests/${a.body.id}/decision`, { decision: 'approve' })).status).toBe(200);
    expect((await admin('POST', `/change-requests/${b.body.id}/decision`, { decision: 'refuse', comment: 'Merci de nous appeler.' })).status).toBe(200);
    const changes = (await pullAll(server, token, cursor)).changes;
    expect(changes.find((c) => c.entity === 'profile')!.data).toMatchObject({ phoneWork: '01.30.12.34.56', cafNumber: '1234567', phoneHome: '01.39.00.00.00' });
    expect(changes.find((c) => c.id === b.body.id)!.data).toMatchObject({ status: 'refused', staffComment: 'Merci de nous appeler.' });
  });

  it('deposits a PDF on a dossier: synced, downloadable by its tenant only', async () => {
    const pdf = samplePdf('quittance-avril');
    const res = await admin('POST', '/dossiers/0123456789/documents', { kind: 'quittance', period: '2026-04', title: 'Quittance de loyer avril 2026', amountCents: 49995, pdfBase64: pdf.toString('base64') });
    expect(res.status).toBe(201);
    const notPdf = await admin('POST', '/dossiers/0123456789/documents', { kind: 'quittance', period: '2026-04', title: 'x', pdfBase64: Buffer.from('GIF89a').toString('base64') });
    expect(notPdf.body.error.fields).toEqual([{ path: 'pdfBase64', key: 'fields.invalid', message: 'Le fichier doit être un PDF' }]);
    const doc = (await pullAll(server, token, cursor)).changes.find((c) => c.entity === 'document')!;
    expect(doc.data).toMatchObject({ kind: 'quittance', period: '2026-04', sha256: res.body.sha256, size: pdf.length, amountCents: 49995 });
    const mine = await fetch(`${server.base}/v1/blobs/${res.body.sha256}`, { headers: { authorization: `Bearer ${token}` } });
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(pdf)).toBe(true);
    const [other] = await server.generate(1);
    const otherToken = (await server.signIn(other!.email, other!.password)).accessToken;
    expect((await fetch(`${server.base}/v1/blobs/${res.body.sha256}`, { headers: { authorization: `Bearer ${otherToken}` } })).status).toBe(404);
  });

  it('the CLI commands run the same operations (amounts typed in euros)', async () => {
    const deps = { db: server.handle.db, cipher: createDataCipher(Buffer.alloc(32)), now: server.now };
    const posted = (await runAdminCommand(['post-ledger', '--dossier', '0123456789', '--date', '2026-05-05', '--kind', 'apl', '--label', 'APL mai 2026', '--amount=-150,00', '--period', '2026-05'], deps)) as { balanceCents: number };
    expect(posted.balanceCents).toBe(21235 - 15000);
    const open = (await runAdminCommand(['list-requests', '--status', 'in_progress'], deps)) as unknown[];
    expect(open.length).toBeGreaterThan(0);
    await expect(runAdminCommand(['post-ledger', '--dossier', '0123456789', '--date', '2026-05-05', '--kind', 'apl', '--label', 'x', '--amount', 'douze'], deps)).rejects.toThrow();
    await expect(runAdminCommand(['inconnue'], deps)).rejects.toThrow(/commande inconnue/);
    const generated = (await runAdminCommand(['generate-tenants', '--count', '2', '--seed', '3'], deps)) as { created: number; lastEmail: string };
    expect(generated.created).toBe(2);
    await server.signIn(generated.lastEmail, 'Demo-Locataire-2026!');
  });

  it('imports ledger lines from an ERP CSV export, checking every line first', async () => {
    const deps = { db: server.handle.db, cipher: createDataCipher(Buffer.alloc(32)), now: server.now };
    const dir = mkdtempSync(join(tmpdir(), 'portal-csv-'));
    try {
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, '\uFEFFDossier;Date;Type;Libellé;Montant;Période\n0123456789;31/02/2026;loyer;Loyer juin;412,35;2026-06\n0123456789;01/06/2026;cadeau;x;1;\n');
      const refused = (await runAdminCommand(['import-ledger', '--file', bad], deps).catch((e: unknown) => e)) as { fields: unknown };
      expect(refused.fields).toEqual([
        { path: 'ligne 2', key: 'fields.invalid', message: 'Date invalide : « 31/02/2026 »' },
        { path: 'ligne 3', key: 'fields.invalid', message: 'Type inconnu : « cadeau »' },
      ]);
      const good = join(dir, 'good.csv');
      writeFileSync(good, 'dossier;date;type;libelle;montant;periode\n0123456789;01/06/2026;loyer;"Loyer juin 2026; T3";412,35;2026-06\n0123456789;2026-06-03;paiement;Prélèvement juin;-412,35;2026-06\n');
      const before = (await pullAll(server, token, cursor)).changes.find((c) => c.entity === 'dossier')!.data as { balanceCents: number };
      const result = await runAdminCommand(['import-ledger', '--file', good], deps);
      // The payment settles June: its quittance is issued with the import.
      expect(result).toEqual({ lines: 2, posted: 2, alreadyPosted: 0, dossiers: 1, documents: { issued: 1, unchanged: 0, none: 0, failed: 0 } });
      const after = (await pullAll(server, token, cursor)).changes.find((c) => c.entity === 'dossier')!.data as { balanceCents: number };
      expect(after.balanceCents).toBe(before.balanceCents);
      const labels = (await pullAll(server, token, cursor)).changes.filter((c) => c.entity === 'ledgerEntry').map((c) => (c.data as { label: string }).label);
      expect(labels).toContain('Loyer juin 2026; T3');
      const unknownDossier = join(dir, 'unknown.csv');
      writeFileSync(unknownDossier, 'dossier;date;type;libelle;montant\n0000000001;01/06/2026;loyer;Loyer;1,00\n');
      await expect(runAdminCommand(['import-ledger', '--file', unknownDossier], deps)).rejects.toThrow(/introuvable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('admin CLI process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('`npm run -w server admin -- list-requests` prints JSON', async () => {
    const root = join(import.meta.dirname, '../../..');
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), '--import', join(root, 'scripts/package-type-cache.mjs'), join(root, 'server/src/admin/cli.ts'), 'list-requests'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: join(dir, 'pglite'), PORTAL_DATA_KEY: 'b'.repeat(64) },
    });
    expect(JSON.parse(stdout)).toEqual([]);
  }, 60_000);
});
