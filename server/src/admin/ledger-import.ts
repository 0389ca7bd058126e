/**
 * `import-ledger`: ledger lines from the ERP's CSV export (admin/csv.ts conventions). Header, in
 * any order: dossier;date;type;libelle;montant;periode — date jj/mm/aaaa or aaaa-mm-jj; type
 * rent|charges|apl|payment|adjustment (or loyer, charges, apl, al, paiement, regularisation);
 * montant in euros, positive = débit, negative = crédit; periode aaaa-mm (optional).
 *
 * Two passes over the file, streamed: the first checks every line and that every dossier exists
 * (nothing is posted if one line is wrong); the second posts the lines in batches, each batch one
 * transaction (the lines' keys claimed, the tenants' versions, the lines with their posting order,
 * the dossiers' balances, "Paiement effectué" for payments), then issues the quittances and reçus
 * the payments settle.
 *
 * Idempotent and resumable (issue 17): each line has a stable key (lineKey: its dossier, date,
 * type, label, amount and period, and how many identical lines came before it in the file), kept in
 * ledger_import_keys in the transaction that posts the line. The same file imported again, or a
 * run stopped half-way and started again, posts only the lines whose key is not there yet; so an
 * ERP's cumulative export can be imported every night. The documents step covers every payment of
 * the file, posted now or before, so the quittances a stopped run did not issue are issued.
 */
import { createHash, randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { LedgerPosting } from '../balance/ledger';
import type { Db, Tx } from '../db/client';
import { dossiers, ledgerEntries, ledgerImportKeys } from '../db/schema';
import { addActivities } from '../home/activity';
import { ApiError, validationError, type FieldProblem } from '../http/errors';
import { insertRows } from '../db/bulk';
import { rowsOf } from '../sync/feed';
import { bumpTenantVersions } from '../sync/versions';
import { planSettlements, writeSettlements, type SettlementItem, type SettlementPlan } from '../documents/publish';
import type { DocumentDeps } from '../documents/deps';
import { csvRows, quoted, readDate, readEuros, type CsvEncoding, type CsvRow } from './csv';

const KINDS: Record<string, LedgerPosting['kind']> = {
  rent: 'rent', loyer: 'rent', charges: 'charges', apl: 'apl', al: 'apl', payment: 'payment', paiement: 'payment',
  adjustment: 'adjustment', regularisation: 'adjustment', 'régularisation': 'adjustment',
};
const REQUIRED = ['dossier', 'date', 'type', 'libelle', 'montant'];
/** Lines per write transaction. */
const LINES_PER_BATCH = 2000;
/** (dossier, period) settled per batch of documents. */
const SETTLEMENTS_PER_BATCH = 200;
/** Problems listed at most (the count says how many more). */
const MAX_PROBLEMS = 200;

interface ImportLine extends LedgerPosting {
  dossier: string;
}

interface KeyedLine extends ImportLine {
  key: string;
}

/**
 * A line's stable key: the SHA-256 of what it posts (the date as read, so "05/03/2026" and
 * "2026-03-05" are one line) and of its occurrence, the number of identical lines before it in the
 * file: two equal payments on the same day are two lines, and stay the same two on the next run.
 */
export function lineKey(line: ImportLine, occurrence: number): string {
  return createHash('sha256')
    .update(JSON.stringify([line.dossier, line.date, line.kind, line.label, line.amountCents, line.period ?? null, occurrence]))
    .digest('hex');
}

/** Hands out each line's key in file order (the occurrence counts are by the line's own hash, 32 bytes each). */
function lineKeys(): (line: ImportLine) => KeyedLine {
  const seen = new Map<string, number>();
  return (line) => {
    const identity = lineKey(line, 0);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return { ...line, key: occurrence === 0 ? identity : lineKey(line, occurrence) };
  };
}

function readLine(row: CsvRow, problems: FieldProblem[]): ImportLine | null {
  const at = `ligne ${row.line}`;
  const before = problems.length;
  const dossier = row.get('dossier');
  const date = readDate(row.get('date'));
  const kind = KINDS[row.get('type').toLowerCase()];
  const label = row.get('libelle');
  const amountCents = readEuros(row.get('montant'));
  const period = row.get('periode') || null;
  if (!dossier) problems.push({ path: at, message: 'Numéro de dossier manquant' });
  if (!date) problems.push({ path: at, message: `Date invalide : ${quoted(row.get('date'))}` });
  if (!kind) problems.push({ path: at, message: `Type inconnu : ${quoted(row.get('type'))}` });
  if (!label) problems.push({ path: at, message: 'Libellé manquant' });
  if (amountCents === null) problems.push({ path: at, message: `Montant invalide : ${quoted(row.get('montant'))}` });
  if (period && !/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) problems.push({ path: at, message: `Période invalide : ${quoted(period)} (aaaa-mm)` });
  return problems.length > before ? null : { dossier, date: date!, kind: kind!, label, amountCents: amountCents!, period };
}

/** Throws the problems found (at most MAX_PROBLEMS listed, then how many more). */
export function throwProblems(problems: FieldProblem[], total: number): never {
  const listed = problems.slice(0, MAX_PROBLEMS);
  if (total > listed.length) listed.push({ path: 'fichier', message: `… et ${total - listed.length} autre(s) erreur(s) ; rien n'a été importé.` });
  throw validationError(listed);
}

type DossierRef = { id: string; tenantId: string };

/** The dossiers of `numbers`, in chunks of 1,000 numbers per query. */
export async function dossiersByNumber(db: Db, numbers: Iterable<string>): Promise<Map<string, DossierRef>> {
  const all = [...numbers];
  const found = new Map<string, DossierRef>();
  for (let i = 0; i < all.length; i += 1000) {
    const rows = await db.select({ number: dossiers.number, id: dossiers.id, tenantId: dossiers.tenantId }).from(dossiers).where(inArray(dossiers.number, all.slice(i, i + 1000)));
    for (const row of rows) found.set(row.number, { id: row.id, tenantId: row.tenantId });
  }
  return found;
}

/**
 * One batch of lines, in file order, in one transaction: the keys claimed first (a key already
 * there, by an earlier run or a run at the same time, leaves its line out), then the other lines
 * posted. Returns how many were posted.
 */
async function postBatch(db: Db, now: Date, batch: KeyedLine[], refs: Map<string, DossierRef>): Promise<number> {
  return db.transaction(async (tx: Tx) => {
    const ids = batch.map(() => randomUUID());
    // The batch goes as one parameter per column here (unnest, for RETURNING) and as one JSON
    // parameter below (db/bulk.ts): a multi-row insert built by drizzle spent a third of the
    // import's CPU building 2,000 rows' SQL and parameters (issue 17, bench/staff-cli).
    const claimed = await rowsOf<{ key: string }>(
      tx,
      sql`insert into ${ledgerImportKeys} (key, ledger_entry_id, imported_at)
        select key, id, ${now} from unnest(${sql.param(batch.map((line) => line.key))}::text[], ${sql.param(ids)}::uuid[]) as k(key, id)
        on conflict do nothing returning key`,
    );
    const free = new Set(claimed.map((row) => row.key));
    const lines = batch.map((line, index) => ({ line, id: ids[index]! })).filter(({ line }) => free.has(line.key));
    if (lines.length === 0) return 0;
    const versions = await bumpTenantVersions(tx, lines.map(({ line }) => refs.get(line.dossier)!.tenantId));
    // Posting order: one sequence value per line, handed out in file order (see postLedgerEntries).
    const taken = await rowsOf<{ seq: string | number }>(tx, sql`select nextval('ledger_posting_seq') as seq from generate_series(1, ${lines.length}::int)`);
    const seqs = taken.map((row) => Number(row.seq)).sort((a, b) => a - b);
    const balances = new Map<string, { delta: number; version: number }>();
    const activities: Parameters<typeof addActivities>[1] = [];
    const rows = lines.map(({ line, id }, index) => {
      const ref = refs.get(line.dossier)!;
      const version = versions.get(ref.tenantId)!;
      const balance = balances.get(ref.id) ?? { delta: 0, version };
      balance.delta += line.amountCents;
      balances.set(ref.id, balance);
      if (line.kind === 'payment') activities.push({ version, at: now, tenantId: ref.tenantId, kind: 'payment.done', label: 'Paiement effectué', refId: id });
      return { id, tenantId: ref.tenantId, dossierId: ref.id, version, deleted: false, updatedAt: now, date: line.date, kind: line.kind, label: line.label, amountCents: line.amountCents, period: line.period ?? null, postingSeq: seqs[index]! };
    });
    await insertRows(tx, ledgerEntries, rows);
    const moved = [...balances];
    await tx.execute(
      sql`update ${dossiers} as d set balance_cents = d.balance_cents + v.delta, version = v.version, updated_at = ${now}
        from unnest(${sql.param(moved.map(([id]) => id))}::uuid[], ${sql.param(moved.map(([, b]) => b.delta))}::bigint[], ${sql.param(moved.map(([, b]) => b.version))}::bigint[]) as v(id, delta, version)
        where d.id = v.id`,
    );
    await addActivities(tx, activities);
    return lines.length;
  });
}

/** After each batch: lines of the file gone through, lines posted by this run, lines an earlier run had posted. */
export interface LedgerImportProgress {
  done: number;
  total: number;
  posted: number;
  alreadyPosted: number;
}

export interface LedgerImportSummary {
  lines: number;
  /** Lines posted by this run. */
  posted: number;
  /** Lines whose key an earlier run had posted (a re-run, or the part a stopped run did): left out. */
  alreadyPosted: number;
  dossiers: number;
  /** Quittances and reçus the payments settled. */
  documents: { issued: number; unchanged: number; none: number; failed: number };
}

export async function importLedgerFile(
  deps: Omit<DocumentDeps, 'mailer'>,
  path: string,
  options: { encoding?: CsvEncoding; onProgress?: (progress: LedgerImportProgress) => void; batchSize?: number; settlementBatchSize?: number } = {},
): Promise<LedgerImportSummary> {
  const settlementBatch = options.settlementBatchSize ?? SETTLEMENTS_PER_BATCH;
  // Pass 1: every line checked, every dossier known.
  const problems: FieldProblem[] = [];
  let problemCount = 0;
  const numbers = new Set<string>();
  let total = 0;
  for await (const row of csvRows(path, REQUIRED, options)) {
    total++;
    const found: FieldProblem[] = [];
    const line = readLine(row, found);
    problemCount += found.length;
    if (problems.length < MAX_PROBLEMS) problems.push(...found);
    if (line) numbers.add(line.dossier);
  }
  if (problemCount > 0) throwProblems(problems, problemCount);
  const refs = await dossiersByNumber(deps.db, numbers);
  const unknown = [...numbers].filter((n) => !refs.has(n));
  if (unknown.length) {
    const shown = unknown.slice(0, 20).join(', ') + (unknown.length > 20 ? ` (et ${unknown.length - 20} autres)` : '');
    throw new ApiError('NOT_FOUND', { message: `Dossier(s) introuvable(s) : ${shown} ; rien n'a été importé.` });
  }

  // Pass 2: post in batches; the periods payments and allowances settle are kept for the documents.
  const now = deps.clock();
  const toSettle = new Map<string, SettlementItem>();
  const keyOf = lineKeys();
  let batch: KeyedLine[] = [];
  const progress: LedgerImportProgress = { done: 0, total, posted: 0, alreadyPosted: 0 };
  const flush = async () => {
    if (batch.length === 0) return;
    const posted = await postBatch(deps.db, now, batch, refs);
    progress.done += batch.length;
    progress.posted += posted;
    progress.alreadyPosted += batch.length - posted;
    batch = [];
    options.onProgress?.({ ...progress });
  };
  for await (const row of csvRows(path, REQUIRED, options)) {
    const line = keyOf(readLine(row, [])!);
    batch.push(line);
    if ((line.kind === 'payment' || line.kind === 'apl') && line.period) {
      const dossierId = refs.get(line.dossier)!.id;
      toSettle.set(`${dossierId}|${line.period}`, { dossierId, period: line.period });
    }
    if (batch.length >= (options.batchSize ?? LINES_PER_BATCH)) await flush();
  }
  await flush();

  // The lines are posted whatever happens here: a failure is reported, never thrown (a re-run issues what is missing).
  // Each batch is rendered while the one before is written (one write at a time).
  const documents = { issued: 0, unchanged: 0, none: 0, failed: 0 };
  const items = [...toSettle.values()];
  const failed = (count: number) => (error: unknown) => {
    deps.log?.('import-ledger: settlement documents not issued', { items: count, error: String(error) });
    documents.failed += count;
  };
  let writing: Promise<void> = Promise.resolve();
  for (let i = 0; i < items.length; i += settlementBatch) {
    const chunk = items.slice(i, i + settlementBatch);
    let plan: SettlementPlan;
    try {
      plan = await planSettlements(deps, chunk);
    } catch (error) {
      failed(chunk.length)(error);
      continue;
    }
    await writing;
    writing = writeSettlements(deps, plan).then((outcomes) => {
      for (const outcome of outcomes) documents[outcome.status]++;
    }, failed(chunk.length));
  }
  await writing;
  return { lines: total, posted: progress.posted, alreadyPosted: progress.alreadyPosted, dossiers: numbers.size, documents };
}
