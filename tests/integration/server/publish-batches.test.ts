/**
 * Publishing a month in batches (issue 17), PGlite and PostgreSQL when TEST_DATABASE_URL: the
 * tenants are read in batches of `batchSize`, a progress line comes after each batch written, and a
 * run stopped half-way (here: after its first batch was committed) and started again finishes the
 * month with the notices of the first batch "unchanged", never a second notice for a dossier,
 * and without rendering them again (their input hash is stored with them); import-ledger's
 * payments settled in batches, one quittance per dossier.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importLedgerFile } from '../../../server/src/admin/ledger-import';
import { adminPostLedger } from '../../../server/src/admin/service';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import * as schema from '../../../server/src/db/schema';
import { NO_MAIL, SANDBOX_LANDLORD_IDENTITY, type DocumentDeps } from '../../../server/src/documents/deps';
import { publishMonthNotices, type PublishProgress } from '../../../server/src/documents/publish';
import { readLandlordSettings } from '../../../server/src/landlord/settings';
import { addMonths } from '../../../src-shared/validation/dates';
import { todayBy } from '../../helpers/clock';
import { backends, startServer, type TestServer } from './helpers';

/** Every avis rendered, counted: the renderer itself, passed through. */
const renders = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../server/src/documents/avis-echeance', async (importOriginal) => {
  const { countingCalls } = await import('../../helpers/count-calls');
  return countingCalls(await importOriginal<typeof import('../../../server/src/documents/avis-echeance')>(), 'renderAvisEcheance', renders);
});

describe.each(backends)('publishing a month in batches ($name)', (backend) => {
  let server: TestServer;
  let period: string;
  const dataKey = randomBytes(32);
  const dossierNumbers: string[] = [];
  const db = () => server.handle.db;
  const deps = (): DocumentDeps => ({ db: db(), cipher: createDataCipher(dataKey), clock: () => server.now(), mailer: NO_MAIL, landlord: { settings: () => readLandlordSettings(db()), identity: SANDBOX_LANDLORD_IDENTITY } });
  const liveNotices = async () => {
    const rows = await db().select({ dossierId: schema.documents.dossierId }).from(schema.documents).where(and(eq(schema.documents.period, period), eq(schema.documents.kind, 'avis_echeance'), eq(schema.documents.deleted, false)));
    return rows.map((row) => row.dossierId);
  };

  beforeAll(async () => {
    server = await startServer(backend, { dataKey });
    period = addMonths(todayBy(() => server.now()).slice(0, 7), 2);
    const generated = await server.generate(4, { withAccounts: false });
    // The demo tenant (Numéro TG 1000123456) and four generated ones: five dossiers, three batches of two tenants.
    dossierNumbers.push('0123456789');
    for (const tenant of generated) {
      const [dossier] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.tenantId, tenant.tenantId));
      dossierNumbers.push(dossier!.number);
    }
    const adminDeps = { db: db(), cipher: createDataCipher(dataKey), now: () => server.now() };
    for (const [i, number] of dossierNumbers.entries()) {
      await adminPostLedger(adminDeps, number, [{ date: `${period}-01`, kind: 'rent', label: 'Loyer', amountCents: 40000 + i, period }]);
    }
  });
  afterAll(() => server.close());

  it('a run stopped after its first batch, started again, publishes the rest once; a progress line per batch', async () => {
    const stoppedAt: PublishProgress[] = [];
    const stopped = await publishMonthNotices(deps(), {
      period,
      batchSize: 2,
      onProgress: (progress) => {
        stoppedAt.push(progress);
        throw new Error('arrêt du processus');
      },
    }).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(Error);
    // The first batch (two tenants) was committed before the stop.
    expect(stoppedAt).toEqual([expect.objectContaining({ period, done: 2, total: 5, published: 2 })]);
    expect(await liveNotices()).toHaveLength(2);

    const progress: PublishProgress[] = [];
    renders.count = 0;
    const resumed = await publishMonthNotices(deps(), { period, batchSize: 2, onProgress: (p) => void progress.push(p) });
    expect(resumed).toMatchObject({ published: 3, unchanged: 2, superseded: 0, skipped: 0, refused: 0 });
    // The three new notices rendered, the two published before found by their input hash alone.
    expect(renders.count).toBe(3);
    expect(progress.map((p) => p.done)).toEqual([2, 4, 5]);
    expect(progress.at(-1)).toMatchObject({ total: 5, published: 3, unchanged: 2 });
    // In the tenants' order (Numéro TG), one outcome each, and one live notice per dossier.
    expect(resumed.notices.map((n) => n.dossierNumber)).toEqual(dossierNumbers);
    const live = await liveNotices();
    expect(live).toHaveLength(5);
    expect(new Set(live).size).toBe(5);
    // Every one of them to post (no paperless subscriber among them): the list is the printer's.
    expect(resumed.toPost.map((p) => p.dossierNumber)).toEqual(dossierNumbers.slice(2));
  });

  it('import-ledger settles its payments in batches: a quittance each, one per dossier', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portal-settle-'));
    try {
      const file = join(dir, 'paiements.csv');
      const lines = dossierNumbers.map((number, i) => `${number};03/${period.slice(5)}/${period.slice(0, 4)};paiement;Prélèvement;-${(40000 + i) / 100};${period}`);
      writeFileSync(file, ['dossier;date;type;libelle;montant;periode', ...lines].join('\n'));
      const summary = await importLedgerFile(deps(), file, { settlementBatchSize: 2 });
      expect(summary).toEqual({ lines: 5, posted: 5, alreadyPosted: 0, dossiers: 5, documents: { issued: 5, unchanged: 0, none: 0, failed: 0 } });
      const quittances = await db().select({ dossierId: schema.documents.dossierId }).from(schema.documents).where(and(eq(schema.documents.period, period), eq(schema.documents.kind, 'quittance'), eq(schema.documents.deleted, false)));
      expect(new Set(quittances.map((q) => q.dossierId)).size).toBe(5);
      expect(quittances).toHaveLength(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a batch as large as the whole is one batch and one progress line, all unchanged', async () => {
    const progress: PublishProgress[] = [];
    renders.count = 0;
    const again = await publishMonthNotices(deps(), { period, batchSize: 5, onProgress: (p) => void progress.push(p) });
    expect(again).toMatchObject({ published: 0, unchanged: 5 });
    expect(renders.count).toBe(0);
    expect(progress).toEqual([expect.objectContaining({ done: 5, total: 5, unchanged: 5 })]);
  });
});
