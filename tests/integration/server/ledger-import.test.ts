/**
 * import-ledger is idempotent and resumable (issue 17), PGlite and PostgreSQL when
 * TEST_DATABASE_URL: the same file imported twice posts its lines once; a run stopped after some
 * batches (onProgress throws once a batch is committed, as a killed process would stop there) and
 * started again posts the rest, nothing twice, and ends on the same balances; identical lines of
 * one file are each posted; a payment file imported again renders no reçu again (the input hash
 * stored with the reçu says it is the same). The property: whatever the file, stop and resume and re-run (dates
 * written the other way) give exactly the file's lines and the file's sum on each balance.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importLedgerFile, type LedgerImportProgress } from '../../../server/src/admin/ledger-import';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import * as schema from '../../../server/src/db/schema';
import { SANDBOX_LANDLORD_IDENTITY, type DocumentDeps } from '../../../server/src/documents/deps';
import { readLandlordSettings } from '../../../server/src/landlord/settings';
import { backends, startServer, type TestServer } from './helpers';

/** Every quittance and reçu rendered, counted: the renderer itself, passed through. */
const renders = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../server/src/documents/index', async (importOriginal) => {
  const { countingCalls } = await import('../../helpers/count-calls');
  return countingCalls(await importOriginal<typeof import('../../../server/src/documents/index')>(), 'renderSettlementDocument', renders);
});

interface Line {
  dossier: string;
  day: number;
  kind: 'loyer' | 'charges' | 'apl' | 'paiement' | 'regularisation';
  label: string;
  cents: number;
}

const HEADER = 'dossier;date;type;libelle;montant;periode';
const euros = (cents: number) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;
/** A line as the ERP writes it; `iso` writes the date aaaa-mm-jj instead of jj/mm/aaaa (the same line). */
const csvLine = (line: Line, iso = false) => {
  const day = String(line.day).padStart(2, '0');
  return `${line.dossier};${iso ? `2026-03-${day}` : `${day}/03/2026`};${line.kind};${line.label};${euros(line.cents)};`;
};

describe.each(backends)('import-ledger, idempotent and resumable ($name)', (backend) => {
  let server: TestServer;
  let dir: string;
  let files = 0;
  const numbers: string[] = [];
  const db = () => server.handle.db;
  const deps = (): Omit<DocumentDeps, 'mailer'> => ({ db: db(), cipher: createDataCipher(Buffer.alloc(32)), clock: () => server.now(), landlord: { settings: () => readLandlordSettings(db()), identity: SANDBOX_LANDLORD_IDENTITY } });
  const file = (lines: string[]) => {
    const path = join(dir, `grand-livre-${++files}.csv`);
    writeFileSync(path, [HEADER, ...lines].join('\n'));
    return path;
  };
  /** Each dossier's balance and the number of ledger entries in all. */
  const state = async () => {
    const rows = await db().select({ number: schema.dossiers.number, balance: schema.dossiers.balanceCents }).from(schema.dossiers).where(inArray(schema.dossiers.number, numbers));
    const [entries] = await db().select({ n: count() }).from(schema.ledgerEntries);
    return { balances: Object.fromEntries(rows.map((row) => [row.number, row.balance])), entries: Number(entries!.n) };
  };
  const versions = async () => (await db().select({ v: schema.tenants.syncVersion }).from(schema.tenants).orderBy(schema.tenants.id)).map((row) => row.v);

  beforeAll(async () => {
    server = await startServer(backend);
    dir = mkdtempSync(join(tmpdir(), 'portal-ledger-import-'));
    for (const tenant of await server.generate(2, { withAccounts: false })) {
      const [dossier] = await db().select().from(schema.dossiers).where(eq(schema.dossiers.tenantId, tenant.tenantId));
      numbers.push(dossier!.number);
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  it('the same file imported twice posts its lines once, bumps no version the second time', async () => {
    const path = file([
      csvLine({ dossier: numbers[0]!, day: 1, kind: 'loyer', label: 'Loyer mars (deux fois)', cents: 41235 }),
      csvLine({ dossier: numbers[1]!, day: 1, kind: 'charges', label: 'Charges mars (deux fois)', cents: 5210 }),
      csvLine({ dossier: numbers[1]!, day: 9, kind: 'regularisation', label: 'Régularisation (deux fois)', cents: -1500 }),
    ]);
    const before = await state();
    const first = await importLedgerFile(deps(), path);
    expect(first).toMatchObject({ lines: 3, posted: 3, alreadyPosted: 0, dossiers: 2 });
    const once = await state();
    expect(once.entries).toBe(before.entries + 3);
    expect(once.balances[numbers[0]!]).toBe(before.balances[numbers[0]!]! + 41235);
    expect(once.balances[numbers[1]!]).toBe(before.balances[numbers[1]!]! + 5210 - 1500);
    const versionsOnce = await versions();

    const progress: LedgerImportProgress[] = [];
    const second = await importLedgerFile(deps(), path, { onProgress: (p) => void progress.push(p) });
    expect(second).toMatchObject({ lines: 3, posted: 0, alreadyPosted: 3 });
    expect(progress).toEqual([{ done: 3, total: 3, posted: 0, alreadyPosted: 3 }]);
    expect(await state()).toEqual(once);
    // Nothing new to sync: no tenant's counter moved.
    expect(await versions()).toEqual(versionsOnce);
  });

  it('a run stopped after two batches, started again, posts the rest once: the balances of one run', async () => {
    const lines = Array.from({ length: 9 }, (_, i) => csvLine({ dossier: numbers[i % 2]!, day: 1 + i, kind: i % 3 === 0 ? 'paiement' : 'loyer', label: `Ligne ${i} (reprise)`, cents: i % 3 === 0 ? -(1000 + i) : 2000 + i }));
    const path = file(lines);
    const expected = lines.reduce((sum, _, i) => sum + (i % 3 === 0 ? -(1000 + i) : 2000 + i), 0);
    const before = await state();
    let batches = 0;
    const stopped = await importLedgerFile(deps(), path, {
      batchSize: 2,
      onProgress: () => {
        if (++batches === 2) throw new Error('arrêt du processus');
      },
    }).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(Error);
    expect((await state()).entries).toBe(before.entries + 4);

    const progress: LedgerImportProgress[] = [];
    const resumed = await importLedgerFile(deps(), path, { batchSize: 2, onProgress: (p) => void progress.push(p) });
    expect(resumed).toMatchObject({ lines: 9, posted: 5, alreadyPosted: 4 });
    expect(progress.map((p) => [p.done, p.posted, p.alreadyPosted])).toEqual([[2, 0, 2], [4, 0, 4], [6, 2, 4], [8, 4, 4], [9, 5, 4]]);
    const after = await state();
    expect(after.entries).toBe(before.entries + 9);
    const delta = numbers.reduce((sum, n) => sum + after.balances[n]! - before.balances[n]!, 0);
    expect(delta).toBe(expected);
  });

  it('identical lines of one file are two postings, and stay two on the next run', async () => {
    const payment = csvLine({ dossier: numbers[0]!, day: 12, kind: 'paiement', label: 'Virement (identique)', cents: -5000 });
    const path = file([payment, payment]);
    const before = await state();
    expect(await importLedgerFile(deps(), path)).toMatchObject({ posted: 2, alreadyPosted: 0 });
    expect(await importLedgerFile(deps(), path)).toMatchObject({ posted: 0, alreadyPosted: 2 });
    // The next export holds a third such payment: only it is new.
    expect(await importLedgerFile(deps(), file([payment, payment, payment]))).toMatchObject({ posted: 1, alreadyPosted: 2 });
    const after = await state();
    expect(after.entries).toBe(before.entries + 3);
    expect(after.balances[numbers[0]!]).toBe(before.balances[numbers[0]!]! - 15000);
  });

  it('a payment file imported again finds its reçu by its input hash, without rendering it', async () => {
    const path = file([
      `${numbers[1]};01/11/2027;loyer;Loyer novembre;500,00;2027-11`,
      `${numbers[1]};05/11/2027;paiement;Virement partiel;-200,00;2027-11`,
    ]);
    renders.count = 0;
    expect(await importLedgerFile(deps(), path)).toMatchObject({ posted: 2, documents: { issued: 1, unchanged: 0 } });
    expect(renders.count).toBe(1);
    renders.count = 0;
    expect(await importLedgerFile(deps(), path)).toMatchObject({ posted: 0, alreadyPosted: 2, documents: { issued: 0, unchanged: 1 } });
    expect(renders.count).toBe(0);
  });

  it('labels are stored exactly as the file writes them, whatever they contain (the batch goes as array parameters)', async () => {
    // What an array literal or SQL text would mangle: quotes, backslashes, braces, commas, the word NULL, blanks inside, accents, emoji.
    const labels = ['Loyer "mars"', 'Régul. \\ charges', '{Loyer}', 'Loyer, charges', 'NULL', 'null', "Loyer d'avril", 'Eau  froide', 'Prélèvement 🏠', 'a;b'];
    const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const path = file(labels.map((label, i) => `${numbers[i % 2]};0${1 + (i % 9)}/04/2026;loyer;${quoted(label)};1,00;2026-04`));
    expect(await importLedgerFile(deps(), path)).toMatchObject({ posted: labels.length, alreadyPosted: 0 });
    const stored = await db().select({ label: schema.ledgerEntries.label, period: schema.ledgerEntries.period, date: schema.ledgerEntries.date }).from(schema.ledgerEntries).where(inArray(schema.ledgerEntries.label, labels));
    expect(stored.map((row) => row.label).sort()).toEqual([...labels].sort());
    expect(new Set(stored.map((row) => row.period))).toEqual(new Set(['2026-04']));
    expect(stored.map((row) => row.date).sort()[0]).toBe('2026-04-01');
  });

  it('property: stopped anywhere, resumed, imported again with the dates written the other way, a file posts each of its lines once', async () => {
    let run = 0;
    const lineArb = fc.record({
      dossier: fc.constantFrom(...numbers),
      day: fc.integer({ min: 1, max: 28 }),
      kind: fc.constantFrom('loyer' as const, 'charges' as const, 'apl' as const, 'paiement' as const, 'regularisation' as const),
      label: fc.constantFrom('Loyer', 'Charges', 'APL', 'Prélèvement', 'Régularisation'),
      cents: fc.integer({ min: -99_999, max: 99_999 }).filter((c) => c !== 0),
    });
    await fc.assert(
      fc.asyncProperty(
        // Duplicates on purpose: lines drawn from a few, so identical lines are frequent.
        fc.array(lineArb, { minLength: 1, maxLength: 8 }).chain((pool) => fc.tuple(fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 5 }))),
        async ([drawn, batchSize, stopAfter]) => {
          // Each run's labels are its own: keys of an earlier run's lines do not match this one's.
          const tag = ` #${++run}`;
          const lines = drawn.map((line) => ({ ...line, label: line.label + tag }));
          const path = file(lines.map((line) => csvLine(line)));
          const before = await state();
          let batches = 0;
          await importLedgerFile(deps(), path, {
            batchSize,
            onProgress: () => {
              if (++batches === stopAfter) throw new Error('arrêt du processus');
            },
          }).catch(() => undefined);
          const resumed = await importLedgerFile(deps(), path, { batchSize });
          const again = await importLedgerFile(deps(), file(lines.map((line) => csvLine(line, true))), { batchSize: batchSize + 1 });
          expect(resumed.posted + resumed.alreadyPosted).toBe(lines.length);
          expect(again).toMatchObject({ posted: 0, alreadyPosted: lines.length });
          const after = await state();
          expect(after.entries - before.entries).toBe(lines.length);
          for (const number of numbers) {
            const sum = lines.filter((line) => line.dossier === number).reduce((total, line) => total + line.cents, 0);
            expect(after.balances[number]! - before.balances[number]!).toBe(sum);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
