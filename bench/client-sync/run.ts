/**
 * bench/client-sync: the desktop data layer syncing a ten-year tenant (about 120 quittances,
 * 120 avis d'échéance, 1,000 ledger rows, 50 requests) from the real Portal API server.
 *
 * The server runs in a child process (this same file with --serve), so the memory measured
 * here is the main-process services' alone. Prints a table; asserts nothing.
 *
 *   npm run bench:client-sync
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { apiPath } from '../../src-shared/api/routes';

const LEDGER_ROWS = 1000;
const MONTHS = 120;
const REQUESTS = 50;
const TENANT = { email: 'locataire0@example.org', password: 'Bench-Locataire-2026!' };

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

async function measure() {
  const child = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

  for (const prefetch of [false, true]) {
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
    await core.syncIdle();
    const firstSync = performance.now() - started;
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
    rows.push([`first sync (sign-in to up to date), ${label}`, `${firstSync.toFixed(0)} ms`]);
    rows.push([`no-op sync, ${label}`, `${noop.toFixed(1)} ms`]);
    rows.push([`all six section reads from the cache, ${label}`, `${reads.toFixed(1)} ms`]);
    rows.push([`peak RSS growth, ${label}`, `${(peak.rssMb - baseline.rssMb).toFixed(1)} MB`]);
    rows.push([`peak heap growth, ${label}`, `${(peak.heapMb - baseline.heapMb).toFixed(1)} MB`]);
    if (!prefetch) {
      rows.unshift([
        'data synced',
        `${balance.dossiers[0]!.ledger.length} ledger rows, ${documents.dossiers[0]!.documents.length} documents, ${requests.requests.length} requests`,
      ]);
    } else {
      rows.push(['documents kept offline after the first sync', String(documents.dossiers[0]!.documents.filter((doc) => doc.offline).length)]);
    }
    core.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
  child.kill('SIGTERM');

  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\nbench/client-sync (Node ${process.version}, ${process.platform}, ${new Date().toISOString().slice(0, 10)})\n`);
  console.log(`| ${'measure'.padEnd(width)} | value |`);
  console.log(`| ${'-'.repeat(width)} | ----- |`);
  for (const [name, value] of rows) console.log(`| ${name.padEnd(width)} | ${value} |`);
}

if (process.argv.includes('--serve')) await serve();
else await measure();
