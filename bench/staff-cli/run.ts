/**
 * The staff CLI's `import-ledger` as the landlord runs it (issue 17: "100,000 lines ≤ 60 s,
 * ≤ 300 MB"): its own process, `server/src/admin/cli.ts` under tsx, on a database holding N
 * dossiers (default 2,000, written by SQL), importing a file of L ledger lines (default 100,000).
 * Each process is measured from spawn to exit: seconds, and its peak RSS (its own
 * `process.resourceUsage().maxRSS`, reported at exit). Beside, in the same run:
 *
 * - the CLI doing nothing (`list-residences`): what the process costs before any import;
 * - the floor: a bare script (no tsx, no drizzle, no zod) reading the same file with the same CSV
 *   parser and inserting the same lines through the bare driver, 2,000 per transaction;
 * - each CLI run three ways: as it started before issue 17's fixes, with
 *   scripts/package-type-cache.mjs, and as `npm run -w server admin` starts it (the cache and
 *   `--max-semi-space-size=8`, see server/README.md).
 *
 * Each import gets its own file and an emptied ledger (it posts every line, into the same database),
 * twice each, alternating.
 * Run: `npx tsx bench/staff-cli/run.ts [--dossiers 2000] [--lines 100000]`; BENCH_DATABASE_URL
 * runs it on PostgreSQL (an empty database) instead of a PGlite folder. Asserts nothing.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/src/db/client';

const { values } = parseArgs({ options: { dossiers: { type: 'string' }, lines: { type: 'string' } } });
const DOSSIERS = Number(values.dossiers ?? 2_000);
const LINES = Number(values.lines ?? 100_000);
const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bench-staff-cli-'));
const databaseUrl = process.env.BENCH_DATABASE_URL;
const dataDir = join(dir, 'pglite');
const dataKey = 'c'.repeat(64);

// The database: N tenants with a dossier each, by SQL (what the ERP import would have left).
const handle = await openDatabase(databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir });
await handle.db.execute(sql`insert into tenants (id, reference, civility, last_name, first_name, birth_date, sync_version, version, created_at, updated_at)
  select ('10000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, (2000000000 + i)::text, 'Mme', 'NOM' || i, 'MARIE', '1970-01-01', 1, 1, now(), now()
  from generate_series(1, ${DOSSIERS}) i`);
await handle.db.execute(sql`insert into dossiers (id, tenant_id, version, updated_at, number, address_line, postal_code, city)
  select ('20000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('10000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 1, now(), (3000000000 + i)::text, i || ' rue des Lilas', '78000', 'VERSAILLES'
  from generate_series(1, ${DOSSIERS}) i`);
await handle.close();

/** A ledger file of LINES lines spread over the dossiers, months back from 2026-11; `tag` makes its lines its own. */
async function ledgerFile(tag: string): Promise<string> {
  const path = join(dir, `ecritures-${tag}.csv`);
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line + '\r\n')) await once(out, 'drain');
  };
  await write('dossier;date;type;libelle;montant;periode');
  for (let n = 0; n < LINES; n++) {
    const dossier = 3_000_000_001 + (n % DOSSIERS);
    const monthsBack = Math.floor(n / DOSSIERS);
    const monthIndex = 2026 * 12 + 10 - monthsBack; // 2026-11, then the months before
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const mm = String(month).padStart(2, '0');
    const rent = n % 2 === 0;
    await write(`${dossier};01/${mm}/${year};${rent ? 'loyer' : 'charges'};${rent ? 'Loyer' : 'Provisions pour charges'} ${tag};${rent ? '412,35' : '61,20'};${year}-${mm}`);
  }
  out.end();
  await once(out, 'finish');
  return path;
}

// Reports the process's peak RSS on its last line of stderr, whatever it ran.
const reporter = `data:text/javascript,${encodeURIComponent("process.on('exit', () => process.stderr.write('\\nbench-max-rss-kb ' + process.resourceUsage().maxRSS + '\\n'))")}`;
const typeCache = join(root, 'scripts', 'package-type-cache.mjs');

interface Measured {
  seconds: number;
  peakMb: number;
}

function run(args: string[]): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', reporter, ...args], {
      cwd: join(root, 'server'),
      env: { ...process.env, DATABASE_URL: databaseUrl ?? '', DATA_DIR: dataDir, PORTAL_DATA_KEY: dataKey, MAILBOX_DIR: join(dir, 'mailbox') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-20_000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = /bench-max-rss-kb (\d+)/.exec(err);
      if (code !== 0 || !rss) return reject(new Error(`${args.join(' ')} exited ${code}:\n${err}`));
      resolve({ seconds, peakMb: Number(rss[1]) / 1024 });
    });
  });
}

/** How the CLI starts: `before` as it did before issue 17's fixes; `cache` with the type cache; `npm` as server/package.json's `admin` script starts it (the cache and a small young generation). */
type Start = 'before' | 'cache' | 'npm';
const START_FLAGS: Record<Start, string[]> = { before: [], cache: ['--import', typeCache], npm: ['--import', typeCache, '--max-semi-space-size=8'] };
const cli = (start: Start, ...args: string[]) => run([...START_FLAGS[start], '--import', 'tsx', join(root, 'server', 'src', 'admin', 'cli.ts'), ...args]);
const rows: [string, number, Measured][] = [];
const row = async (name: string, lines: number, measure: () => Promise<Measured>) => {
  const measured = await measure();
  rows.push([name, lines, measured]);
  console.error(`${name}: ${measured.seconds.toFixed(1)} s, peak RSS ${measured.peakMb.toFixed(0)} MB`);
};

await row('bare Node, nothing', 0, () => run(['-e', '']));
await row('floor: csv-parse + bare driver, same lines, 2,000 per transaction', LINES, async () => run([join(import.meta.dirname, 'floor.mjs'), await ledgerFile('floor')]));
await row('CLI list-residences (the process before any import), as before', 0, () => cli('before', 'list-residences'));
await row('CLI list-residences, with the type cache', 0, () => cli('cache', 'list-residences'));
await row('CLI list-residences, as npm run -w server admin starts it', 0, () => cli('npm', 'list-residences'));
/** Empties the ledger between imports, so each one meets the same database (the bench's own handle, closed again: PGlite has one user). */
async function emptyLedger(): Promise<void> {
  const db = await openDatabase(databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'pglite', dataDir });
  await db.db.execute(sql`truncate ledger_entries, ledger_import_keys`);
  await db.db.execute(sql`update dossiers set balance_cents = 0`);
  await db.db.execute(sql`vacuum analyze`);
  await db.close();
}
// Twice each, alternating: on a shared machine the load drifts between runs.
for (const round of [1, 2]) {
  for (const [start, name] of [['before', 'as before'], ['cache', 'with the type cache'], ['npm', 'as npm run -w server admin starts it']] as const) {
    await emptyLedger();
    await row(`CLI import-ledger, ${name} (round ${round})`, LINES, async () => cli(start, 'import-ledger', '--file', await ledgerFile(`${start}${round}`)));
  }
}

console.log(`\nbench/staff-cli: ${DOSSIERS.toLocaleString('en-US')} dossiers, ${LINES.toLocaleString('en-US')} lines, database ${databaseUrl ? 'postgres' : 'pglite (folder)'}, node ${process.version}\n`);
console.log('| process | lines | seconds | lines/s | × floor (s) | peak RSS MB |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const floorSeconds = rows.find(([name]) => name.startsWith('floor'))![2].seconds;
for (const [name, lines, m] of rows) {
  console.log(`| ${name} | ${lines} | ${m.seconds.toFixed(1)} | ${lines ? (lines / m.seconds).toFixed(0) : '—'} | ${lines ? (m.seconds / floorSeconds).toFixed(2) : '—'} | ${m.peakMb.toFixed(0)} |`);
}
rmSync(dir, { recursive: true, force: true });
