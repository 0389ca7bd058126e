/**
 * bench/client-sync: the desktop data layer syncing a ten-year tenant (about 120 quittances,
 * 120 avis d'échéance, 1,000 ledger rows, 50 requests) from the real Portal API server.
 *
 * The server runs in a child process (this same file with --serve), so the memory measured
 * here is the main-process services' alone. The SQLite apply of the same pages is timed on its
 * own beside its floor, raw better-sqlite3 running one prepared upsert over the same rows in one
 * transaction, measured in the same run (issue 17). Prints a table; asserts nothing.
 *
 *   npm run bench:client-sync
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { apiPath } from '../../src-shared/api/routes';
import { SYNC_PAGE_LIMIT_MAX, type SyncChange, type SyncPage } from '../../src-shared/api/sync';

const LEDGER_ROWS = 1000;
const MONTHS = 120;
const REQUESTS = 50;
const TENANT = { email: 'locataire0@example.org', password: 'Bench-Locataire-2026!' };
/**
 * First syncs of the data-only run: the first one, cold (both processes just started: JIT,
 * PGlite's caches), is shown apart; the median of the others is the figure.
 */
const FIRST_SYNC_RUNS = 6;
/** Repetitions of each apply timing (the median is shown). */
const APPLY_RUNS = 15;

async function serve() {
  const { buildServer } = await import('../../server/src/app');
  const { openDatabase } = await import('../../server/src/db/client');
  const { createDataCipher } = await import('../../server/src/crypto/data-key');
  const { createPasswordHasher, FAST_TEST_HASHING } = await import('../../server/src/auth/passwords');
  const { generateTenants } = await import('../../server/src/demo/demo-data');
  const { adminPostLedger } = await import('../../server/src/admin/service');
  const { publishDocument, fakePdf } = await import('../../tests/helpers/server-documents');
  const schema = await import('../../server/src/db/schema');
  const { randomBytes } = await import('node:crypto');

  const handle = await openDatabase({ kind: 'pglite' });
  const dataKey = randomBytes(32);
  const now = new Date();
  const deps = { db: handle.db, cipher: createDataCipher(dataKey), hasher: createPasswordHasher(FAST_TEST_HASHING), now };
  await generateTenants(deps, 1, { months: MONTHS, password: TENANT.password });
  const [dossier] = await handle.db.select().from(schema.dossiers);
  const existing = await handle.db.select({ id: schema.ledgerEntries.id }).from(schema.ledgerEntries);
  const missing = LEDGER_ROWS - existing.length;
  for (let posted = 0; posted < missing; posted += 100) {
    const batch = Array.from({ length: Math.min(100, missing - posted) }, (_, index) => ({
      date: new Date(now.getTime() - (posted + index) * 86_400_000 * 3).toISOString().slice(0, 10),
      kind: 'adjustment' as const,
      label: `Régularisation ${posted + index}`,
      amountCents: 0,
      period: null,
    }));
    await adminPostLedger({ db: handle.db, cipher: deps.cipher, now: () => now }, dossier!.number, batch);
  }
  // About 4 KB each, the size of our real quittances.
  for (let month = 0; month < MONTHS; month += 1) {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - month, 1));
    const period = `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
    for (const kind of ['quittance', 'avis_echeance'] as const) {
      await publishDocument(handle, { dossierNumber: dossier!.number, kind, period, bytes: fakePdf(`${kind} ${period} ${'x'.repeat(4000)}`), now });
    }
  }
  const app = await buildServer({ db: handle, passwordHashing: 'fast', dataKey, mail: { kind: 'memory', from: 'bench@localhost', sent: [] } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  // 50 requests through the API, as a tenant makes them.
  const signIn = await fetch(`${url}${apiPath('signIn')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...TENANT, device: { id: randomUUID(), name: 'bench' } }),
  });
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  for (let index = 0; index < REQUESTS; index += 1) {
    await fetch(`${url}${apiPath('createRequest')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ kind: 'technical', dossierId: dossier!.id, category: 'autre', description: `Demande ${index}`, photoUploadIds: [], permissionToEnter: false }),
    });
  }
  console.log(`serving ${url}`);
}

interface Sample {
  rssMb: number;
  heapMb: number;
}

function memory(): Sample {
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 1048576, heapMb: usage.heapUsed / 1048576 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The pages a first sync receives, fetched straight from the API (as pull.ts asks for them). */
async function fetchFirstSyncPages(url: string): Promise<SyncPage[]> {
  const signIn = await fetch(`${url}${apiPath('signIn')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...TENANT, device: { id: randomUUID(), name: 'bench pages' } }),
  });
  const { accessToken } = (await signIn.json()) as { accessToken: string };
  const pages: SyncPage[] = [];
  let cursor: string | null = null;
  do {
    // A full sync's pages, as large as pull.ts asks for them (issue 17).
    const query: string = `?limit=${SYNC_PAGE_LIMIT_MAX}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await fetch(`${url}${apiPath('sync')}${query}`, { headers: { authorization: `Bearer ${accessToken}` } });
    const page = (await response.json()) as SyncPage;
    pages.push(page);
    cursor = page.hasMore ? page.cursor : null;
  } while (cursor);
  return pages;
}

/**
 * Median time to apply `pages` to an empty cache with applySyncPage, and the floor: raw
 * better-sqlite3, the same rows through one prepared upsert in one transaction, no cursor, no
 * deletes, no per-page anything.
 */
async function measureApply(pages: SyncPage[]): Promise<{ apply: number; before: number; floor: number; rows: number }> {
  const { openCacheDatabase } = await import('../../src-main/storage/cache-database');
  const { applySyncPage } = await import('../../src-main/storage/cache-mirror');
  const { migrationsFolder } = await import('../../tests/helpers/core');
  const { referenceApplySyncPage } = await import('../../tests/helpers/drizzle-apply-reference');
  const rows = pages.flatMap((page) => page.changes).filter((change): change is SyncChange & { data: object } => change.data !== null);
  const apply: number[] = [];
  const before: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < APPLY_RUNS; run += 1) {
    for (const [applyPage, times] of [[applySyncPage, apply], [referenceApplySyncPage, before]] as const) {
      const cache = openCacheDatabase({ file: ':memory:', migrationsFolder });
      const started = performance.now();
      for (const page of pages) applyPage(cache.db, page.changes, page.cursor, '2026-01-01T00:00:00.000Z');
      times.push(performance.now() - started);
      cache.close();
    }

    const raw = new Database(':memory:');
    raw.exec('CREATE TABLE entities (entity TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, local INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity, id))');
    const upsert = raw.prepare(
      'INSERT INTO entities (entity, id, version, data, local) VALUES (?, ?, ?, ?, 0) ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, data = excluded.data, local = 0',
    );
    const started = performance.now();
    raw.transaction(() => {
      for (const row of rows) upsert.run(row.entity, row.id, row.version, JSON.stringify(row.data));
    })();
    floor.push(performance.now() - started);
    raw.close();
  }
  return { apply: median(apply), before: median(before), floor: median(floor), rows: rows.length };
}

async function measure() {
  const child = spawn(process.execPath, ['--import', join(import.meta.dirname, '..', '..', 'scripts', 'package-type-cache.mjs'), '--import', 'tsx', import.meta.filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /^serving (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });

  const { createTestCore } = await import('../../tests/helpers/core');
  const { systemClock } = await import('../../src-shared/clock');
  const { createRouter } = await import('../../src-main/ipc/router');
  const rows: [string, string][] = [];

  const pages = await fetchFirstSyncPages(url);
  const applied = await measureApply(pages);

  for (const prefetch of [false, true]) {
    const firstSyncs: number[] = [];
    const signIns: number[] = [];
    for (let run = 0; run < (prefetch ? 1 : FIRST_SYNC_RUNS); run += 1) {
      const folder = mkdtempSync(join(tmpdir(), 'el-bench-'));
      global.gc?.();
      const baseline = memory();
      let peak = baseline;
      const sampler = setInterval(() => {
        const sample = memory();
        peak = { rssMb: Math.max(peak.rssMb, sample.rssMb), heapMb: Math.max(peak.heapMb, sample.heapMb) };
      }, 5);
      // The server (a child process) runs on the wall clock: the desktop side too, so they agree.
      const { core } = createTestCore({ serverUrl: url, userDataDir: folder, now: systemClock });
      const router = createRouter({ handlers: core.handlers, trustedOrigins: ['app://portal'] });
      const call = async (name: string, input: unknown = {}) => {
        const result = await router(name, input, { origin: 'app://portal', isMainFrame: true });
        if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
        return result.value as never;
      };
      await call('settings.update', { prefetchDocuments: prefetch });
      const started = performance.now();
      await call('session.signIn', TENANT);
      signIns.push(performance.now() - started);
      await core.syncIdle();
      firstSyncs.push(performance.now() - started);
      if (run < (prefetch ? 1 : FIRST_SYNC_RUNS) - 1) {
        clearInterval(sampler);
        core.dispose();
        rmSync(folder, { recursive: true, force: true });
        continue;
      }
      // The cold run is reported apart when there are warm ones.
      const warm = firstSyncs.length > 1 ? firstSyncs.slice(1) : firstSyncs;
      const firstSync = median(warm);
      const signIn = median(signIns.length > 1 ? signIns.slice(1) : signIns);
      const noopStarted = performance.now();
      await call('sync.now');
      const noop = performance.now() - noopStarted;
      const readsStarted = performance.now();
      for (const name of ['home.get', 'balance.get', 'documents.get', 'requests.list', 'contract.get', 'dossier.get']) await call(name);
      const reads = performance.now() - readsStarted;
      clearInterval(sampler);
      const balance = (await call('balance.get')) as { dossiers: { ledger: unknown[] }[] };
      const documents = (await call('documents.get')) as { dossiers: { documents: { offline: boolean }[] }[] };
      const requests = (await call('requests.list')) as { requests: unknown[] };
      const label = prefetch ? 'with 12-month document prefetch' : 'data only';
      const runs = warm.length > 1 ? ` (median of ${warm.length} warm runs: ${warm.map((value) => value.toFixed(0)).join(', ')})` : '';
      if (warm.length > 1) rows.push([`first sync, cold (first run of both processes), ${label}`, `${firstSyncs[0]!.toFixed(0)} ms`]);
      rows.push([`first sync (sign-in to up to date), ${label}`, `${firstSync.toFixed(0)} ms${runs}`]);
      rows.push([`  of which sign-in (API sign-in, cache opened), ${label}`, `${signIn.toFixed(0)} ms`]);
      rows.push([`no-op sync, ${label}`, `${noop.toFixed(1)} ms`]);
      rows.push([`all six section reads from the cache, ${label}`, `${reads.toFixed(1)} ms`]);
      rows.push([`peak RSS growth, ${label}`, `${(peak.rssMb - baseline.rssMb).toFixed(1)} MB`]);
      rows.push([`peak heap growth, ${label}`, `${(peak.heapMb - baseline.heapMb).toFixed(1)} MB`]);
      if (!prefetch) {
        rows.unshift([
          'data synced',
          `${balance.dossiers[0]!.ledger.length} ledger rows, ${documents.dossiers[0]!.documents.length} documents, ${requests.requests.length} requests`,
        ]);
        rows.push([`SQLite apply of the first sync (${pages.length} pages, ${applied.rows} rows), applySyncPage`, `${applied.apply.toFixed(1)} ms`]);
        rows.push(['  before issue 17: a drizzle upsert built per row', `${applied.before.toFixed(1)} ms`]);
        rows.push(['floor: raw better-sqlite3, one prepared upsert of the same rows, one transaction', `${applied.floor.toFixed(1)} ms`]);
        rows.push(['apply / floor', `${(applied.apply / applied.floor).toFixed(2)}×`]);
      } else {
        rows.push(['documents kept offline after the first sync', String(documents.dossiers[0]!.documents.filter((doc) => doc.offline).length)]);
      }
      core.dispose();
      rmSync(folder, { recursive: true, force: true });
    }
  }
  child.kill('SIGTERM');

  const width = Math.max(...rows.map(([name]) => name.length));
  // The machine may be shared: its load says how far the absolute figures are inflated.
  const load = loadavg()[0]!.toFixed(1);
  console.log(`\nbench/client-sync (Node ${process.version}, ${process.platform}, load average ${load}, ${new Date().toISOString().slice(0, 10)})\n`);
  console.log(`| ${'measure'.padEnd(width)} | value |`);
  console.log(`| ${'-'.repeat(width)} | ----- |`);
  for (const [name, value] of rows) console.log(`| ${name.padEnd(width)} | ${value} |`);
}

if (process.argv.includes('--serve')) await serve();
else await measure();
