/**
 * A landlord's month at scale (issue 17): N tenants (default 10,000; `--tenants 100000` or
 * `--full` for 100,000) created by the bulk ERP import, a ledger imported (at least 100,000
 * lines: the rent and charges of the months before; then the same file again, which posts nothing),
 * the month's avis d'échéance published, then
 * the month's payments imported (a quittance each). Prints a table: per step, the rows, the
 * seconds, the rate and the peak RSS of this process during the step, beside the floor measured
 * in the same run (at the start and again right before publishing): rendering alone, one avis
 * after the other. Asserts nothing.
 *
 * Run: `npm run -w server bench:landlord [-- --tenants 100000] [-- --core]` (`--core`: without the
 * second ERP run, the resumed publishing and the payments); BENCH_DATABASE_URL runs it on
 * PostgreSQL (an empty database: the bench fills it) instead of PGlite in memory. CPU-heavy at
 * 100,000: `nice -n 10`, in the background.
 */
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../server/src/db/client';
import { createDataCipher } from '../../server/src/crypto/data-key';
import { importErpFiles } from '../../server/src/admin/erp-import';
import { importLedgerFile } from '../../server/src/admin/ledger-import';
import { documentDeps } from '../../server/src/admin/service';
import type { AdminDeps } from '../../server/src/admin/deps';
import { publishMonthNotices } from '../../server/src/documents/publish';
import { startRenderPool } from '../../server/src/documents/render-pool';
import { renderAvisEcheance, type AvisEcheanceInput } from '../../server/src/documents';
import { SANDBOX_LANDLORD_IDENTITY, NO_MAIL } from '../../server/src/documents/deps';
import { readLandlordSettings } from '../../server/src/landlord/settings';
import { documentLandlordFromSettings } from '../../server/src/documents/landlord';
import { addMonths } from '../../src-shared/validation/dates';
import { parisDate, systemClock } from '../../src-shared/clock';

const { values } = parseArgs({ options: { tenants: { type: 'string' }, full: { type: 'boolean' }, core: { type: 'boolean' }, steps: { type: 'string' }, processes: { type: 'string' } } });
/** `--steps erp`: the floor and the ERP import only (its first run, and the second unless `--core`), to profile that step alone. */
const erpOnly = values.steps === 'erp';
if (values.steps !== undefined && !erpOnly) throw new Error(`--steps: only "erp" is known, not ${values.steps}`);
/** Render processes for publishing (`--processes`, default the machine's cores, as the staff CLI; 0: in this process). */
const PROCESSES = Number(values.processes ?? availableParallelism());
/** `--core`: only the steps the issue asks for (create, import the ledger, publish), not the rerun and the payments. */
const extras = values.core !== true;
const N = values.full ? 100_000 : Number(values.tenants ?? 10_000);
const FLOOR_DOCS = 500;

const handle = await openDatabase(process.env.BENCH_DATABASE_URL ? { kind: 'postgres', url: process.env.BENCH_DATABASE_URL } : { kind: 'pglite' });
const cipher = createDataCipher(Buffer.alloc(32, 5));
const log = (message: string, extra?: object) => console.error(message, extra ?? '');
const pool = PROCESSES > 0 && !erpOnly ? startRenderPool(PROCESSES) : null;
const deps: AdminDeps = { db: handle.db, cipher, now: systemClock, documents: { mailer: NO_MAIL, landlord: { settings: () => readLandlordSettings(handle.db), identity: SANDBOX_LANDLORD_IDENTITY }, log, ...(pool ? { rendering: pool } : {}) } };
const dir = mkdtempSync(join(tmpdir(), 'bench-landlord-'));
const today = parisDate(systemClock());
// Far enough ahead for the SEPA pre-notification (14 days before the debit on the 3rd).
const period = addMonths(today.slice(0, 7), 2);
const [year, month] = period.split('-').map(Number) as [number, number];
const fr = (iso: string) => iso.split('-').reverse().join('/');

/** Writes a CSV line by line (back-pressure respected), returns its path. */
async function writeCsv(name: string, header: string, lines: (write: (line: string) => Promise<void>) => Promise<void>): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line + '\r\n')) await once(out, 'drain');
  };
  await write(header);
  await lines(write);
  out.end();
  await once(out, 'finish');
  return path;
}

interface Row {
  step: string;
  rows: number;
  seconds: number;
  /** RSS when the step started (what earlier steps left) and its peak during the step. */
  startRssMb: number;
  peakRssMb: number;
}
const results: Row[] = [];

/**
 * CPU seconds so far of the machine's processes that `match` picks (Linux /proc; null elsewhere):
 * the render processes and PostgreSQL's (when it runs on this machine), to see where a step's
 * work goes. A process that ended during the step is not counted.
 */
function cpuSecondsOf(match: (command: string, args: string) => boolean): number | null {
  if (process.platform !== 'linux') return null;
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!match(command, readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
      // Fields after the command: state is the 1st, utime the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  // USER_HZ: 100 on Linux's usual builds.
  return ticks / 100;
}
const renderersCpu = () => cpuSecondsOf((_command, args) => args.includes('render-worker'));
const postgresCpu = () => cpuSecondsOf((command) => command === 'postgres');
const seconds1 = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} s`);

/** Runs a step, sampling this process's RSS every 50 ms. */
async function step(name: string, rows: number, fn: () => Promise<unknown>): Promise<void> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const [renderersAtStart, postgresAtStart] = [renderersCpu(), postgresCpu()];
  try {
    await fn();
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  /** This process's CPU during the step: the rest of the seconds it waited (on PostgreSQL, or the machine). */
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage.rss());
  results.push({ step: name, rows, seconds, startRssMb: start / 1024 / 1024, peakRssMb: peak / 1024 / 1024 });
  const since = (now: number | null, start: number | null) => (now === null || start === null ? null : now - start);
  const others = `render processes ${seconds1(since(renderersCpu(), renderersAtStart))}, PostgreSQL on this machine ${seconds1(since(postgresCpu(), postgresAtStart))}`;
  console.error(`${name}: ${rows} in ${seconds.toFixed(1)} s (${(rows / seconds).toFixed(0)}/s), process CPU ${cpuSeconds.toFixed(1)} s (${others}), peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB`);
}

const dossierOf = (i: number) => String(3_000_000_000 + i);
const rentOf = (i: number) => 30_000 + ((i * 7919) % 30_000);
const chargesOf = (i: number) => 6_000 + ((i * 104729) % 6_000);
const euros = (cents: number) => `${Math.trunc(cents / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

// The ERP's files.
const tenantsCsv = await writeCsv('locataires.csv', 'reference;civilite;nom;prenom;date_de_naissance;email;telephone_portable;dossier;adresse;code_postal;ville;jour_prelevement;banque;iban;bic;titulaire;rum;ics', async (write) => {
  for (let i = 0; i < N; i++) {
    await write(`${2_000_000_000 + i};${i % 2 ? 'Mme' : 'M.'};NOM${i};PRENOM;${fr(`19${40 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`)};locataire${i}@example.org;06 00 00 00 00;${dossierOf(i)};${1 + (i % 120)} rue Saint-Nicolas;78000;VERSAILLES;3;LA BANQUE;FR7630006000011234567890189;AGRIFRPPXXX;NOM${i} PRENOM;RUM-${i};FR12ZZZ123456`);
  }
});
const contractsCsv = await writeCsv('contrats.csv', 'dossier;type;libelle;adresse;date_debut', async (write) => {
  for (let i = 0; i < N; i++) {
    await write(`${dossierOf(i)};logement;Logement;;01/01/2018`);
    await write(`${dossierOf(i)};facturation;Facturation;;01/01/2018`);
  }
});
const occupantsCsv = await writeCsv('occupants.csv', 'dossier;civilite;nom;prenom;date_de_naissance;lien;signataire', async (write) => {
  for (let i = 0; i < N; i++) await write(`${dossierOf(i)};${i % 2 ? 'Mme' : 'M.'};NOM${i};PRENOM;01/01/1970;Titulaire;oui`);
});
// At least 100,000 ledger lines: the rent and charges of as many months before the period as it takes.
const months = Math.max(1, Math.ceil(100_000 / (2 * N)));
const ledgerLines = 2 * N * months;
const ledgerCsv = await writeCsv('ecritures.csv', 'dossier;date;type;libelle;montant;periode', async (write) => {
  for (let m = months; m >= 1; m--) {
    const p = addMonths(period, -m);
    for (let i = 0; i < N; i++) {
      await write(`${dossierOf(i)};01/${p.slice(5)}/${p.slice(0, 4)};loyer;Loyer;${euros(rentOf(i))};${p}`);
      await write(`${dossierOf(i)};01/${p.slice(5)}/${p.slice(0, 4)};charges;Provisions pour charges;${euros(chargesOf(i))};${p}`);
    }
  }
});
// The period's rent and charges (for the avis), then its payments (a quittance each).
const dueCsv = await writeCsv('echeance.csv', 'dossier;date;type;libelle;montant;periode', async (write) => {
  for (let i = 0; i < N; i++) {
    await write(`${dossierOf(i)};01/${String(month).padStart(2, '0')}/${year};loyer;Loyer;${euros(rentOf(i))};${period}`);
    await write(`${dossierOf(i)};01/${String(month).padStart(2, '0')}/${year};charges;Provisions pour charges;${euros(chargesOf(i))};${period}`);
  }
});
const paymentsCsv = await writeCsv('paiements.csv', 'dossier;date;type;libelle;montant;periode', async (write) => {
  for (let i = 0; i < N; i++) await write(`${dossierOf(i)};03/${String(month).padStart(2, '0')}/${year};paiement;Prélèvement;-${euros(rentOf(i) + chargesOf(i))};${period}`);
});

// Floor: rendering alone, one avis after the other, with the landlord the publisher uses.
const letterhead = documentLandlordFromSettings(await readLandlordSettings(handle.db), SANDBOX_LANDLORD_IDENTITY);
const avis = (i: number): AvisEcheanceInput => ({
  landlord: letterhead,
  tenant: { civility: 'Mme', lastName: `NOM${i}`, firstName: 'PRENOM', reference: String(2_000_000_000 + i) },
  dossierNumber: dossierOf(i),
  dwelling: { addressLine: `${1 + (i % 120)} rue Saint-Nicolas`, postalCode: '78000', city: 'VERSAILLES' },
  period,
  issuedOn: today,
  rentCents: rentOf(i),
  chargesCents: chargesOf(i),
  adjustments: [],
  housingAllowanceCents: 0,
  previousBalanceCents: 0,
  dueDate: `${period}-03`,
  payment: { method: 'prelevement', debitDate: `${period}-03`, mandateReference: `RUM-${i}`, creditorId: 'FR12ZZZ123456', ibanMasked: 'FR76 **** **** **** **** ***1 89' },
});
for (let i = 0; i < 20; i++) await renderAvisEcheance(avis(i));
/** The floor again right before the steps that render: on a shared machine the load drifts, and each step is compared with the floor taken last before it. */
const floor = (when: string) =>
  step(`floor: render an avis alone, no database (${when})`, FLOOR_DOCS, async () => {
    for (let i = 0; i < FLOOR_DOCS; i++) await renderAvisEcheance(avis(i));
  });
await floor('at start');

let summary: unknown;
await step('import-erp: tenants, dossiers, bank, contracts, occupants', N, async () => {
  summary = await importErpFiles(deps, { tenants: tenantsCsv, contracts: contractsCsv, occupants: occupantsCsv });
});
console.error(JSON.stringify(summary));
if (extras) {
  // The nightly run comes a day later, when autovacuum has vacuumed and analyzed what the first
  // run inserted; right after it, the tables' first reads set every new row's hint bits and find
  // no statistics, and the figure depends on whether autovacuum happened to wake during the first
  // run. VACUUM ANALYZE, outside the timed step, stands for the day between.
  await handle.db.execute(sql`vacuum analyze`);
  await step('import-erp again (same files: nothing changes)', N, async () => {
    summary = await importErpFiles(deps, { tenants: tenantsCsv, contracts: contractsCsv, occupants: occupantsCsv });
  });
  console.error(JSON.stringify(summary));
}
if (!erpOnly) await ledgerAndPublish();
async function ledgerAndPublish() {
  await step(`import-ledger: ${months} month(s) of rent and charges`, ledgerLines, async () => {
    summary = await importLedgerFile(documentDeps(deps), ledgerCsv);
  });
  console.error(JSON.stringify(summary));
  // Idempotent: the same file again posts nothing (each line's key is there already).
  await step(`import-ledger again (same file: nothing posted)`, ledgerLines, async () => {
    summary = await importLedgerFile(documentDeps(deps), ledgerCsv);
  });
  console.error(JSON.stringify(summary));
  await step(`import-ledger: ${period} rent and charges`, 2 * N, () => importLedgerFile(documentDeps(deps), dueCsv));
  await floor('before publishing');
  let published: unknown;
  await step(`publish-notices ${period}`, N, async () => {
    // A progress line every tenth of the run with the rate of that tenth: a flat rate stays flat.
    let mark = { done: 0, at: performance.now() };
    const result = await publishMonthNotices(documentDeps(deps), {
      period,
      keepNotices: false,
      onProgress: (p) => {
        if (p.done - mark.done < p.total / 10 && p.done < p.total) return;
        const now = performance.now();
        console.error(`  publish ${p.done}/${p.total}: ${(((p.done - mark.done) * 1000) / (now - mark.at)).toFixed(0)} notices/s over the last ${p.done - mark.done}`);
        mark = { done: p.done, at: now };
      },
    });
    published = { published: result.published, unchanged: result.unchanged, skipped: result.skipped, refused: result.refused, toPost: result.toPost.length };
  });
  console.error(JSON.stringify(published));
  if (extras) {
    await step(`publish-notices ${period} again (resumed run: all unchanged)`, N, () => publishMonthNotices(documentDeps(deps), { period, keepNotices: false }));
    await step(`import-ledger: ${period} payments (a quittance each)`, N, async () => {
      summary = await importLedgerFile(documentDeps(deps), paymentsCsv);
    });
    console.error(JSON.stringify(summary));
  }
}

console.log(`\nbench/landlord: ${N.toLocaleString('en-US')} tenants, database ${handle.kind}, avis rendered in ${PROCESSES > 0 ? `${PROCESSES} processes` : 'this process'}, ${availableParallelism()} cores, node ${process.version}, ${process.platform}/${process.arch}\n`);
console.log('| step | rows | seconds | rows/s | ms/row | × floor (the last one before) | RSS MB at start → peak |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
let floorPerDoc = 0;
for (const r of results) {
  const msPerRow = (r.seconds * 1000) / r.rows;
  if (r.step.startsWith('floor')) floorPerDoc = msPerRow;
  console.log(`| ${r.step} | ${r.rows} | ${r.seconds.toFixed(1)} | ${(r.rows / r.seconds).toFixed(0)} | ${msPerRow.toFixed(2)} | ${(msPerRow / floorPerDoc).toFixed(2)} | ${r.startRssMb.toFixed(0)} → ${r.peakRssMb.toFixed(0)} |`);
}
rmSync(dir, { recursive: true, force: true });
await pool?.close();
await handle.close();
