/**
 * Avis rendered in several processes (server/src/documents/render-pool.ts, issue 17): the same
 * bytes as in this process, refusals with their code, nothing lost when a renderer dies, and a
 * month published through a pool holding the very notices an in-process render gives (PGlite and
 * PostgreSQL when TEST_DATABASE_URL).
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPostLedger } from '../../../server/src/admin/service';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { anyOf } from '../../../server/src/db/bulk';
import * as schema from '../../../server/src/db/schema';
import { NO_MAIL, SANDBOX_LANDLORD_IDENTITY, type DocumentDeps } from '../../../server/src/documents/deps';
import { DocumentRefusedError, renderAvisEcheance, renderQuittance, renderRecu, type AvisEcheanceInput } from '../../../server/src/documents';
import { issueSettlementBatch, publishMonthNotices } from '../../../server/src/documents/publish';
import { startRenderPool, type RenderPool } from '../../../server/src/documents/render-pool';
import { readLandlordSettings } from '../../../server/src/landlord/settings';
import { addMonths } from '../../../src-shared/validation/dates';
import { todayBy } from '../../helpers/clock';
import { QUITTANCE, RECU } from '../documents/fixtures';
import { backends, startServer, type TestServer } from './helpers';

// A 1×1 PNG: the letterhead's logo travels to the renderer as bytes.
const LOGO = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

const avis = (i: number, overrides: Partial<AvisEcheanceInput> = {}): AvisEcheanceInput => ({
  landlord: {
    name: 'Office Public de Démonstration',
    address: { addressLine: '1 place de la Démonstration', postalCode: '78000', city: 'VERSAILLES' },
    phone: '01 00 00 00 02',
    email: 'quittancement@oph-demo.example',
    primaryColor: '#1f4e9c',
    tenantReferenceLabel: 'Numéro TG',
    ...(i % 2 === 0 ? { logo: LOGO } : {}),
  },
  tenant: { civility: i % 2 ? 'Mme' : 'M.', lastName: `DUPONT${i}`, firstName: 'Élise', reference: String(1_000_000_000 + i) },
  dossierNumber: String(3_000_000_000 + i),
  dwelling: { addressLine: `${1 + i}, rue Saint-Nicolas`, postalCode: '78000', city: 'Versailles' },
  period: '2026-12',
  issuedOn: '2026-11-10',
  rentCents: 30_000 + i,
  chargesCents: 6_000 + i,
  adjustments: i % 3 === 0 ? [{ label: 'Régularisation des charges 2025', amountCents: 1_000 + i }] : [],
  housingAllowanceCents: i % 2 === 0 ? 12_000 : 0,
  previousBalanceCents: i * 100 - 300,
  dueDate: '2026-12-03',
  payment: { method: 'prelevement', debitDate: '2026-12-03', mandateReference: `RUM-${i}`, creditorId: 'FR12ZZZ123456', ibanMasked: 'FR76 **** **** **** **** **** 189' },
  ...overrides,
});

describe('the render pool', () => {
  let pool: RenderPool;
  beforeAll(() => {
    pool = startRenderPool(2);
  });
  afterAll(() => pool.close());

  it('renders the same bytes as this process, whichever renderer takes a notice', async () => {
    const inputs = Array.from({ length: 8 }, (_, i) => avis(i));
    const pooled = await Promise.all(inputs.map((input) => pool.render({ kind: 'avis_echeance', input })));
    for (const [i, input] of inputs.entries()) expect(Buffer.from(pooled[i]!).equals(Buffer.from(await renderAvisEcheance(input)))).toBe(true);
    expect(pool.alive).toBe(2);
    expect(pool.renderedHere).toBe(0);
  }, 60_000);

  it('renders quittances and reçus too, the same bytes as this process', async () => {
    const [quittance, recu] = await Promise.all([pool.render({ kind: 'quittance', input: QUITTANCE }), pool.render({ kind: 'recu', input: RECU })]);
    expect(Buffer.from(quittance).equals(Buffer.from(await renderQuittance(QUITTANCE)))).toBe(true);
    expect(Buffer.from(recu).equals(Buffer.from(await renderRecu(RECU)))).toBe(true);
  }, 60_000);

  it('answers a refusal as the renderer’s DocumentRefusedError, with its code', async () => {
    // A debit 2 days after the notice: the SEPA pre-notification is 14 days.
    const late = avis(1, { issuedOn: '2026-12-01' });
    const here = await renderAvisEcheance(late).catch((error: unknown) => error);
    const pooled = await pool.render({ kind: 'avis_echeance', input: late }).catch((error: unknown) => error);
    expect(here).toBeInstanceOf(DocumentRefusedError);
    expect(pooled).toBeInstanceOf(DocumentRefusedError);
    expect((pooled as DocumentRefusedError).code).toBe((here as DocumentRefusedError).code);
    expect((pooled as DocumentRefusedError).message).toBe((here as DocumentRefusedError).message);
  }, 60_000);
});

describe('a renderer that dies', () => {
  it('loses nothing: the notices it held are rendered in this process, the others go on', async () => {
    const pool = startRenderPool(2);
    try {
      const inputs = Array.from({ length: 8 }, (_, i) => avis(i));
      const pending = inputs.map((input) => pool.render({ kind: 'avis_echeance', input }));
      // Killed before it could answer (a renderer takes about a second to start): its four notices are orphans.
      process.kill(pool.pids[0]!, 'SIGKILL');
      const bytes = await Promise.all(pending);
      for (const [i, input] of inputs.entries()) expect(Buffer.from(bytes[i]!).equals(Buffer.from(await renderAvisEcheance(input)))).toBe(true);
      expect(pool.alive).toBe(1);
      expect(pool.renderedHere).toBe(4);
      // Later notices go to the one left.
      expect(Buffer.from(await pool.render({ kind: 'avis_echeance', input: avis(9) })).equals(Buffer.from(await renderAvisEcheance(avis(9))))).toBe(true);
      expect(pool.renderedHere).toBe(4);
    } finally {
      await pool.close();
    }
  }, 60_000);
});

describe.each(backends)('publishing a month through a render pool ($name)', (backend) => {
  let server: TestServer;
  let pool: RenderPool;
  const dataKey = randomBytes(32);
  const db = () => server.handle.db;
  const deps = (withPool: boolean): DocumentDeps => ({
    db: db(),
    cipher: createDataCipher(dataKey),
    clock: () => server.now(),
    mailer: NO_MAIL,
    landlord: { settings: () => readLandlordSettings(db()), identity: SANDBOX_LANDLORD_IDENTITY },
    ...(withPool ? { rendering: pool } : {}),
  });

  beforeAll(async () => {
    server = await startServer(backend, { dataKey });
    pool = startRenderPool(2);
  });
  afterAll(async () => {
    await pool.close();
    await server.close();
  });

  it('publishes the notices an in-process render gives, byte for byte, in the tenants’ order', async () => {
    const period = addMonths(todayBy(() => server.now()).slice(0, 7), 2);
    const generated = await server.generate(6, { withAccounts: false });
    const adminDeps = { db: db(), cipher: createDataCipher(dataKey), now: () => server.now() };
    for (const [i, tenant] of generated.entries()) {
      const [dossier] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.tenantId, tenant.tenantId));
      await adminPostLedger(adminDeps, dossier!.number, [{ date: `${period}-01`, kind: 'rent', label: 'Loyer', amountCents: 40_000 + i, period }]);
    }
    const pooled = await publishMonthNotices(deps(true), { period, batchSize: 4 });
    expect(pooled.published).toBeGreaterThanOrEqual(6);
    expect(pooled.notices.map((n) => n.tenantReference)).toEqual([...pooled.notices.map((n) => n.tenantReference)].sort());
    // Without the stored input hashes, a run in this process re-renders each notice with its issue
    // date and compares the SHA-256: "unchanged" only where the bytes are the pool's.
    await db().delete(schema.documentInputs);
    const here = await publishMonthNotices(deps(false), { period, batchSize: 4 });
    expect(here).toMatchObject({ published: 0, superseded: 0, unchanged: pooled.published });
    const live = await db().select({ id: schema.documents.id }).from(schema.documents).where(and(eq(schema.documents.period, period), eq(schema.documents.kind, 'avis_echeance'), eq(schema.documents.deleted, false)));
    expect(live).toHaveLength(pooled.published);
    expect(pool.renderedHere).toBe(0);
  }, 120_000);

  it('issues the quittances and reçus of a payment batch through the pool, byte for byte those of this process', async () => {
    const period = addMonths(todayBy(() => server.now()).slice(0, 7), -1);
    const generated = await server.generate(5, { withAccounts: false });
    const adminDeps = { db: db(), cipher: createDataCipher(dataKey), now: () => server.now() };
    const items = [];
    for (const [i, tenant] of generated.entries()) {
      const [dossier] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.tenantId, tenant.tenantId));
      // Paid in full (a quittance) for the even ones, half (a reçu) for the odd ones.
      await adminPostLedger(adminDeps, dossier!.number, [
        { date: `${period}-01`, kind: 'rent', label: 'Loyer', amountCents: 40_000 + i, period },
        { date: `${period}-05`, kind: 'payment', label: 'Virement', amountCents: -(i % 2 ? 20_000 : 40_000 + i), period },
      ]);
      items.push({ dossierId: dossier!.id, period });
    }
    // Posting issued them already, in this process: set aside, so that the pool issues them anew.
    const issuedHere = await db()
      .update(schema.documents)
      .set({ deleted: true })
      .where(and(anyOf(schema.documents.dossierId, items.map((item) => item.dossierId)), eq(schema.documents.period, period)))
      .returning({ id: schema.documents.id });
    expect(issuedHere).toHaveLength(items.length);
    const pooled = await issueSettlementBatch(deps(true), items);
    expect(pooled.map((o) => [o.status, o.kind])).toEqual(items.map((_, i) => ['issued', i % 2 ? 'recu' : 'quittance']));
    // Without the stored input hashes, this process renders them again and finds the pool's bytes.
    await db().delete(schema.documentInputs);
    const here = await issueSettlementBatch(deps(false), items);
    expect(here.map((o) => [o.status, o.documentId])).toEqual(pooled.map((o) => ['unchanged', o.documentId]));
    expect(pool.renderedHere).toBe(0);
  }, 120_000);
});
