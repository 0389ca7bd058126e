/**
 * `import-erp`: tenants, dossiers, bank details, contracts and occupants from the landlord's ERP,
 * as CSV files the French way (admin/csv.ts), run every night: an upsert by reference (the
 * Numéro TG for a tenant, the dossier number for a dossier and what hangs on it), so a run over the
 * same files changes nothing, not even a sync version.
 *
 * - locataires (one line per dossier; a tenant with two dossiers has two lines, the tenant's
 *   columns read from the first): reference; civilite; nom; prenom; date_de_naissance; email;
 *   telephone_domicile; telephone_portable; telephone_travail; numero_caf; dossier; adresse;
 *   code_postal; ville; jour_prelevement; residence (optional: the code of a residence created
 *   before, `set-residence`; an empty cell leaves the dossier's residence as it is); and the dossier's bank details when it has some: banque;
 *   iban; bic; titulaire; rum; ics. A changed IBAN, BIC, bank, holder, RUM or ICS is a new bank row
 *   (the old one tombstoned), as a tenant's approved change would be.
 * - contrats (optional): dossier; type (logement, stationnement, facturation); libelle; adresse
 *   (default: the dossier's); date_debut.
 * - occupants (optional): dossier; civilite; nom; prenom; date_de_naissance; lien; signataire (oui/non).
 *   For each dossier it names, a file's lines are the dossier's whole list (lines of one dossier
 *   one after the other, as ERPs export them): what is no longer listed is tombstoned, what is new
 *   is added, what is unchanged is left alone. Dossiers not named keep theirs.
 *
 * Every line of every file is checked first (field rules of POST /v1/admin/tenants, IBAN and BIC
 * check digits, a dossier number not taken by another tenant, contracts and occupants of a known
 * dossier); one wrong line and nothing is written, the errors listed by file and line, in French.
 * Then the files are read again, side by side, and written in batches, one transaction per batch
 * (a batch of tenants lines with the contracts and occupants of their dossiers when the files
 * follow the same order), each batch read while the one before is written; memory holds two
 * batches and the set of numbers seen, never a file. Batch writes are one statement per table
 * (db/bulk.ts): drizzle building a 500-row insert cost more than PostgreSQL writing it.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { adminCreateTenantBodySchema } from '../../../src-shared/api/admin';
import { maskBic, maskIban, normalizeBic, normalizeIban } from '../../../src-shared/validation';
import { anyOf, insertRows } from '../db/bulk';
import type { Db, Tx } from '../db/client';
import { bankAccounts, contracts, dossiers, occupants, tenants } from '../db/schema';
import type { FieldProblem } from '../http/errors';
import { frenchErrorMap } from '../http/validation';
import { bicProblem, ibanProblem } from '../lib/field-checks';
import { bumpTenantVersions } from '../sync/versions';
import type { AdminDeps } from './deps';
import { csvRows, quoted, readDate, readYesNo, type CsvEncoding, type CsvRow } from './csv';
import { throwProblems } from './ledger-import';
import { residenceIdsByCode } from '../residences/service';

type TenantInput = z.output<typeof adminCreateTenantBodySchema>;
type ContractInput = TenantInput['contracts'][number];
type OccupantInput = TenantInput['occupants'][number];

const TENANT_COLUMNS = ['reference', 'civilite', 'nom', 'prenom', 'date_de_naissance', 'dossier', 'adresse', 'code_postal', 'ville'];
const CONTRACT_COLUMNS = ['dossier', 'type', 'libelle', 'date_debut'];
const OCCUPANT_COLUMNS = ['dossier', 'civilite', 'nom', 'prenom', 'date_de_naissance'];
const BANK_COLUMNS = ['banque', 'iban', 'bic', 'titulaire', 'rum', 'ics'];
/** Tenants lines per write transaction; a transaction takes up to twice as many side-file dossiers along. */
const BATCH = 500;

/** What the field paths of the tenant schema are called in the file. */
const COLUMN_OF: Record<string, string> = {
  reference: 'reference', civility: 'civilite', lastName: 'nom', firstName: 'prenom', birthDate: 'date_de_naissance', contactEmail: 'email',
  phoneHome: 'telephone_domicile', phoneMobile: 'telephone_portable', phoneWork: 'telephone_travail', cafNumber: 'numero_caf',
  'dossier.residenceCode': 'residence', 'dossier.number': 'dossier', 'dossier.addressLine': 'adresse', 'dossier.postalCode': 'code_postal', 'dossier.city': 'ville', 'dossier.directDebitDay': 'jour_prelevement',
  'bank.bankName': 'banque', 'bank.iban': 'iban', 'bank.bic': 'bic', 'bank.holder': 'titulaire', 'bank.mandateRum': 'rum', 'bank.creditorId': 'ics',
  kind: 'type', label: 'libelle', startDate: 'date_debut', addressLine: 'adresse', relationship: 'lien', signatory: 'signataire',
};

const optional = (text: string): string | null => (text === '' ? null : text);
/** A date cell: aaaa-mm-jj when it reads as a date, else the text itself (the schema then names the column). */
const dateCell = (text: string): string => readDate(text) ?? text;

interface Where {
  file: string;
  line: number;
}
const at = (where: Where) => `${where.file}, ligne ${where.line}`;

/** The schema's French problems of one line, named by the file's column. */
function problemsOf(error: z.ZodError, where: Where): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.join('.');
    return { path: at(where), message: `${COLUMN_OF[path] ?? path} : ${issue.message}` };
  });
}

function readTenantLine(row: CsvRow, file: string, problems: FieldProblem[]): TenantInput | null {
  const where = { file, line: row.line };
  const debitDay = row.get('jour_prelevement');
  const hasBank = BANK_COLUMNS.some((column) => row.get(column) !== '');
  const candidate = {
    reference: row.get('reference'),
    civility: row.get('civilite'),
    lastName: row.get('nom').toUpperCase(),
    firstName: row.get('prenom').toUpperCase(),
    birthDate: dateCell(row.get('date_de_naissance')),
    contactEmail: optional(row.get('email')),
    phoneHome: optional(row.get('telephone_domicile')),
    phoneMobile: optional(row.get('telephone_portable')),
    phoneWork: optional(row.get('telephone_travail')),
    cafNumber: optional(row.get('numero_caf')),
    dossier: {
      number: row.get('dossier'),
      addressLine: row.get('adresse'),
      postalCode: row.get('code_postal'),
      city: row.get('ville'),
      directDebitDay: debitDay === '' ? null : /^\d{1,2}$/.test(debitDay) ? Number(debitDay) : debitDay,
      ...(row.get('residence') ? { residenceCode: row.get('residence') } : {}),
    },
    ...(hasBank
      ? { bank: { bankName: row.get('banque'), iban: row.get('iban'), bic: row.get('bic'), holder: row.get('titulaire'), mandateRum: optional(row.get('rum')), creditorId: optional(row.get('ics')) } }
      : {}),
  };
  const parsed = adminCreateTenantBodySchema.safeParse(candidate, { error: frenchErrorMap });
  if (!parsed.success) {
    problems.push(...problemsOf(parsed.error, where));
    return null;
  }
  const bank = parsed.data.bank;
  if (bank) {
    const found = [ibanProblem('iban', bank.iban), bicProblem('bic', bank.bic)].filter((p): p is FieldProblem => p !== null);
    if (found.length) {
      problems.push(...found.map((p) => ({ path: at(where), message: `${p.path} : ${p.message}` })));
      return null;
    }
  }
  return parsed.data;
}

const contractSchema = adminCreateTenantBodySchema.shape.contracts.unwrap().element;
const occupantSchema = adminCreateTenantBodySchema.shape.occupants.unwrap().element;

function readContractLine(row: CsvRow, file: string, problems: FieldProblem[]): ContractInput | null {
  const candidate = { kind: row.get('type').toLowerCase(), label: row.get('libelle'), startDate: dateCell(row.get('date_debut')), ...(row.get('adresse') ? { addressLine: row.get('adresse') } : {}) };
  const parsed = contractSchema.safeParse(candidate, { error: frenchErrorMap });
  if (!parsed.success) problems.push(...problemsOf(parsed.error, { file, line: row.line }));
  return parsed.success ? parsed.data : null;
}

function readOccupantLine(row: CsvRow, file: string, problems: FieldProblem[]): OccupantInput | null {
  const signatory = readYesNo(row.get('signataire'));
  if (signatory === null) problems.push({ path: at({ file, line: row.line }), message: `signataire : ${quoted(row.get('signataire'))} n'est ni oui ni non` });
  const candidate = { civility: row.get('civilite'), lastName: row.get('nom'), firstName: row.get('prenom'), birthDate: dateCell(row.get('date_de_naissance')), relationship: row.get('lien'), signatory: signatory ?? false };
  const parsed = occupantSchema.safeParse(candidate, { error: frenchErrorMap });
  if (!parsed.success) problems.push(...problemsOf(parsed.error, { file, line: row.line }));
  return parsed.success && signatory !== null ? parsed.data : null;
}

export interface ErpFiles {
  tenants: string;
  contracts?: string | undefined;
  occupants?: string | undefined;
}

export interface ErpImportSummary {
  lines: { tenants: number; contracts: number; occupants: number };
  tenants: { created: number; updated: number; unchanged: number };
  dossiers: { created: number; updated: number; unchanged: number };
  bankAccounts: { created: number; replaced: number; unchanged: number };
  contracts: { added: number; removed: number };
  occupants: { added: number; removed: number };
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** A file's rows grouped by dossier (its lines must follow one another), with their line numbers. */
async function* dossierGroups<T>(path: string, required: string[], read: (row: CsvRow, problems: FieldProblem[]) => T | null, options: { encoding?: CsvEncoding }) {
  let current: { dossier: string; line: number; items: T[] } | null = null;
  for await (const row of csvRows(path, required, options)) {
    const item = read(row, []);
    const dossier = row.get('dossier');
    if (current && current.dossier !== dossier) {
      yield current;
      current = null;
    }
    current ??= { dossier, line: row.line, items: [] };
    current.items.push(item!);
  }
  if (current) yield current;
}

export interface ErpImportOptions {
  encoding?: CsvEncoding;
  onProgress?: (done: number, total: number) => void;
  /** Tenants lines per write transaction (default BATCH; tests set a small one to cross batch boundaries). */
  batchSize?: number;
}

export async function importErpFiles(deps: AdminDeps, files: ErpFiles, options: ErpImportOptions = {}): Promise<ErpImportSummary> {
  const batchSize = options.batchSize ?? BATCH;
  const problems: FieldProblem[] = [];
  let problemCount = 0;
  const report = (found: FieldProblem[]) => {
    problemCount += found.length;
    if (problems.length < 200) problems.push(...found);
  };
  const summary: ErpImportSummary = {
    lines: { tenants: 0, contracts: 0, occupants: 0 },
    tenants: { created: 0, updated: 0, unchanged: 0 },
    dossiers: { created: 0, updated: 0, unchanged: 0 },
    bankAccounts: { created: 0, replaced: 0, unchanged: 0 },
    contracts: { added: 0, removed: 0 },
    occupants: { added: 0, removed: 0 },
  };

  // Pass 1: every line of every file checked; the dossier -> tenant pairs kept to check them against the database.
  const tenantsFile = fileName(files.tenants);
  const dossierOwner = new Map<string, { reference: string; line: number }>();
  /** Each residence code named, with the first line naming it. */
  const residenceLines = new Map<string, number>();
  for await (const row of csvRows(files.tenants, TENANT_COLUMNS, options)) {
    summary.lines.tenants++;
    const found: FieldProblem[] = [];
    const input = readTenantLine(row, tenantsFile, found);
    if (input) {
      const seen = dossierOwner.get(input.dossier.number);
      if (seen) found.push({ path: at({ file: tenantsFile, line: row.line }), message: `dossier : ${quoted(input.dossier.number)} figure déjà ligne ${seen.line}` });
      else dossierOwner.set(input.dossier.number, { reference: input.reference, line: row.line });
      const code = input.dossier.residenceCode;
      if (code && !residenceLines.has(code)) residenceLines.set(code, row.line);
    }
    report(found);
  }
  const residenceIds = await residenceIdsByCode(deps.db, [...residenceLines.keys()]);
  for (const [code, line] of residenceLines) {
    if (!residenceIds.has(code)) report([{ path: at({ file: tenantsFile, line }), message: `residence : ${quoted(code)} n'est pas une résidence connue (créez-la d'abord : set-residence)` }]);
  }
  for (let i = 0, numbers = [...dossierOwner.keys()]; i < numbers.length; i += 1000) {
    const stored = await deps.db
      .select({ number: dossiers.number, reference: tenants.reference })
      .from(dossiers)
      .innerJoin(tenants, eq(tenants.id, dossiers.tenantId))
      .where(anyOf(dossiers.number, numbers.slice(i, i + 1000)));
    for (const { number, reference } of stored) {
      const owner = dossierOwner.get(number)!;
      if (owner.reference !== reference) report([{ path: at({ file: tenantsFile, line: owner.line }), message: `dossier : ${quoted(number)} est celui du locataire ${reference}, pas de ${owner.reference}` }]);
    }
  }
  const sideFiles: [path: string | undefined, required: string[], read: (row: CsvRow, file: string, problems: FieldProblem[]) => unknown, count: 'contracts' | 'occupants'][] = [
    [files.contracts, CONTRACT_COLUMNS, readContractLine, 'contracts'],
    [files.occupants, OCCUPANT_COLUMNS, readOccupantLine, 'occupants'],
  ];
  for (const [path, required, read, count] of sideFiles) {
    if (!path) continue;
    const file = fileName(path);
    const finished = new Set<string>();
    const unknown = new Map<string, number>();
    let previous: string | null = null;
    for await (const row of csvRows(path, required, options)) {
      summary.lines[count]++;
      const found: FieldProblem[] = [];
      read(row, file, found);
      const dossier = row.get('dossier');
      if (dossier !== previous) {
        if (previous !== null) finished.add(previous);
        if (finished.has(dossier)) found.push({ path: at({ file, line: row.line }), message: `dossier : les lignes du dossier ${quoted(dossier)} doivent se suivre (triez le fichier par dossier)` });
        previous = dossier;
      }
      if (dossier && !dossierOwner.has(dossier) && !unknown.has(dossier)) unknown.set(dossier, row.line);
      report(found);
    }
    // Contracts and occupants of a dossier the tenants file does not name: it must exist already.
    const known = await existingDossiers(deps.db, [...unknown.keys()]);
    for (const [dossier, line] of unknown) if (!known.has(dossier)) report([{ path: at({ file, line }), message: `dossier : ${quoted(dossier)} inconnu (ni dans ${tenantsFile} ni déjà importé)` }]);
  }
  if (problemCount > 0) throwProblems(problems, problemCount);

  // Pass 2: written in batches, one transaction each. The side files are read along the tenants
  // file: a dossier's contracts and occupants go in the transaction of its tenants line when the
  // files follow the same order (as an ERP exports them), so a new tenant is written whole, at
  // version 1, and an existing one is bumped once, not once per file. Groups whose dossier comes
  // later in the tenants file wait (the reader pauses on them); what is left after the tenants
  // file (other orders) is written a batch of dossiers at a time.
  const now = deps.now();
  const sides = {
    contracts: files.contracts ? sideReader(dossierGroups(files.contracts, CONTRACT_COLUMNS, (row) => readContractLine(row, '', []), options)) : null,
    occupants: files.occupants ? sideReader(dossierGroups(files.occupants, OCCUPANT_COLUMNS, (row) => readOccupantLine(row, '', []), options)) : null,
  };
  /** The side groups that can go in a transaction: their dossier is not in the tenants file, or its line is read already. */
  const readyUpTo = (lastLine: number) => (dossier: string) => (dossierOwner.get(dossier)?.line ?? 0) <= lastLine;
  const takeSides = async (ready: (dossier: string) => boolean, limit: number) => ({
    contracts: (await sides.contracts?.take(ready, limit)) ?? [],
    occupants: (await sides.occupants?.take(ready, limit)) ?? [],
  });
  /** References whose tenant columns are written already: a tenant's next lines, in this batch or a later one, leave them alone. */
  const tenantsSeen = new Set<string>();
  let done = 0;
  const total = summary.lines.tenants;
  const writer = serialWriter(async (job: ErpBatch) => {
    await writeErpBatch(deps, now, job, summary, residenceIds, tenantsSeen);
    if (job.lines.length > 0) options.onProgress?.((done += job.lines.length), total);
  });
  let lines: TenantInput[] = [];
  let lastLine = 0;
  const cut = async () => {
    if (lines.length === 0) return;
    const job = { lines, ...(await takeSides(readyUpTo(lastLine), 2 * batchSize)) };
    lines = [];
    await writer.push(job);
  };
  try {
    for await (const row of csvRows(files.tenants, TENANT_COLUMNS, options)) {
      lines.push(readTenantLine(row, tenantsFile, [])!);
      lastLine = row.line;
      if (lines.length >= batchSize) await cut();
    }
    await cut();
    for (;;) {
      const rest = await takeSides(() => true, batchSize);
      if (rest.contracts.length === 0 && rest.occupants.length === 0) break;
      await writer.push({ lines: [], ...rest });
    }
    await writer.done();
  } finally {
    // Stopped by a failed read or write: no write left running after we return, no file left open.
    await writer.done().catch(() => {});
    await Promise.all([sides.contracts?.close(), sides.occupants?.close()]);
  }
  return summary;
}

/** One dossier's lines of a side file (contracts or occupants): its whole list. */
interface Group<T> {
  dossier: string;
  items: T[];
}

/** A side file's dossier groups handed out in file order, each only once `ready` says its dossier can be written. */
function sideReader<T>(groups: AsyncGenerator<Group<T>>) {
  /** The next group, read but not handed out (undefined: none read; null: the file is over). */
  let next: Group<T> | null | undefined;
  return {
    async take(ready: (dossier: string) => boolean, limit: number): Promise<Group<T>[]> {
      const taken: Group<T>[] = [];
      while (taken.length < limit) {
        if (next === undefined) {
          const result = await groups.next();
          next = result.done ? null : result.value;
        }
        if (next === null || !ready(next.dossier)) break;
        taken.push(next);
        next = undefined;
      }
      return taken;
    },
    /** Closes the file when the import stops before its end (a failed write). */
    close: async (): Promise<void> => {
      await groups.return(undefined);
    },
  };
}

/**
 * Writes one batch after the other while the next one is read and checked (on PostgreSQL the
 * process would otherwise sit idle while the database works, and the database while the process
 * parses): push() hands a batch over and returns once the batch before it is written, so one
 * write is in flight and one batch is in memory besides. Written in order: a batch sees what the
 * one before committed (a tenant's second dossier line in the next batch finds the tenant).
 */
function serialWriter<J>(write: (job: J) => Promise<void>) {
  let last: Promise<void> = Promise.resolve();
  return {
    async push(job: J): Promise<void> {
      const previous = last;
      last = previous.then(() => write(job));
      // Its failure is thrown by the next push() or done(); until then it is not "unhandled".
      last.catch(() => {});
      await previous;
    },
    done: (): Promise<void> => last,
  };
}

async function existingDossiers(db: Db, numbers: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < numbers.length; i += 1000) {
    for (const row of await db.select({ number: dossiers.number }).from(dossiers).where(anyOf(dossiers.number, numbers.slice(i, i + 1000)))) found.add(row.number);
  }
  return found;
}

type TenantRow = typeof tenants.$inferSelect;
type DossierRow = typeof dossiers.$inferSelect;
type BankRow = typeof bankAccounts.$inferSelect;

const tenantFields = (t: TenantInput) => ({
  civility: t.civility, lastName: t.lastName, firstName: t.firstName, birthDate: t.birthDate, contactEmail: t.contactEmail ?? null,
  phoneHome: t.phoneHome ?? null, phoneMobile: t.phoneMobile ?? null, phoneWork: t.phoneWork ?? null, cafNumber: t.cafNumber ?? null,
});
const dossierFields = (t: TenantInput, residenceIds: Map<string, string>) => ({
  addressLine: t.dossier.addressLine, postalCode: t.dossier.postalCode, city: t.dossier.city, directDebitDay: t.dossier.directDebitDay ?? null,
  ...(t.dossier.residenceCode ? { residenceId: residenceIds.get(t.dossier.residenceCode) ?? null } : {}),
});
const differs = <T extends object>(wanted: T, stored: T): boolean => (Object.keys(wanted) as (keyof T)[]).some((key) => wanted[key] !== stored[key]);

/** Does the stored bank row say what the file says? (IBAN and BIC compared in clear: the ciphertext differs every time.) */
function sameBank(deps: AdminDeps, wanted: NonNullable<TenantInput['bank']>, stored: BankRow): boolean {
  try {
    return (
      wanted.bankName === stored.bankName && wanted.holder === stored.holder && (wanted.mandateRum ?? null) === stored.mandateRum && (wanted.creditorId ?? null) === stored.creditorId &&
      normalizeIban(wanted.iban) === deps.cipher.decrypt(stored.ibanEncrypted) && normalizeBic(wanted.bic) === deps.cipher.decrypt(stored.bicEncrypted)
    );
  } catch {
    return false; // unreadable stored row: the file's details replace it
  }
}

/** A dossier as its contracts and occupants need it (a contract without an address takes the dossier's). */
type DossierView = Pick<DossierRow, 'id' | 'tenantId' | 'number' | 'addressLine' | 'postalCode' | 'city'>;

/** One write transaction: tenants-file lines, and side-file dossier groups whose dossiers exist once those lines are written. */
interface ErpBatch {
  lines: TenantInput[];
  contracts: Group<ContractInput>[];
  occupants: Group<OccupantInput>[];
}

/** What a transaction has written so far: the sync version of each tenant it bumped or created, the dossiers of its lines. */
interface Written {
  versions: Map<string, number>;
  dossiers: Map<string, DossierView>;
  /** Dossiers created in this transaction: no stored lists to compare with. */
  created: Set<string>;
}

/** One batch in one transaction: read what is stored, write only what differs. */
async function writeErpBatch(deps: AdminDeps, now: Date, job: ErpBatch, summary: ErpImportSummary, residenceIds: Map<string, string>, tenantsSeen: Set<string>): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const written: Written = { versions: new Map(), dossiers: new Map(), created: new Set() };
    if (job.lines.length > 0) await writeTenantLines(tx, deps, now, job.lines, summary, residenceIds, tenantsSeen, written);
    await writeLists(tx, now, job, written, summary);
  });
}

async function writeTenantLines(tx: Tx, deps: AdminDeps, now: Date, lines: TenantInput[], summary: ErpImportSummary, residenceIds: Map<string, string>, tenantsSeen: Set<string>, written: Written): Promise<void> {
  const references = [...new Set(lines.map((line) => line.reference))];
  const storedTenants = new Map((await tx.select().from(tenants).where(anyOf(tenants.reference, references))).map((row) => [row.reference, row]));
  const storedDossiers = new Map((await tx.select().from(dossiers).where(anyOf(dossiers.number, lines.map((line) => line.dossier.number)))).map((row) => [row.number, row]));
  const dossierIds = [...storedDossiers.values()].map((row) => row.id);
  const storedBanks = new Map<string, BankRow>();
  if (dossierIds.length > 0) {
    const banks = await tx.selectDistinctOn([bankAccounts.dossierId]).from(bankAccounts).where(and(anyOf(bankAccounts.dossierId, dossierIds), eq(bankAccounts.deleted, false))).orderBy(asc(bankAccounts.dossierId), desc(bankAccounts.version));
    for (const bank of banks) storedBanks.set(bank.dossierId, bank);
  }

  // What changes, per tenant: new tenants are written at version 1; the others get their next version.
  const newTenants = new Map<string, TenantRow>();
  const touched = new Set<string>();
  const plans: { line: TenantInput; tenantId: string; tenant: 'new' | 'update' | 'same'; dossier: DossierRow | null; dossierChange: 'new' | 'update' | 'same'; bank: 'new' | 'replace' | 'same' | 'none'; oldBank?: BankRow }[] = [];
  for (const line of lines) {
    const stored = storedTenants.get(line.reference);
    let tenantId: string;
    let tenant: 'new' | 'update' | 'same';
    if (stored) {
      tenantId = stored.id;
      tenant = tenantsSeen.has(line.reference) ? 'same' : differs(tenantFields(line), stored) ? 'update' : 'same';
    } else if (newTenants.has(line.reference)) {
      tenantId = newTenants.get(line.reference)!.id;
      tenant = 'same';
    } else {
      tenantId = randomUUID();
      tenant = 'new';
      newTenants.set(line.reference, { id: tenantId, reference: line.reference, ...tenantFields(line), paperless: false, paperlessSince: null, syncVersion: 1, minCursorVersion: 0, version: 1, createdAt: now, updatedAt: now });
    }
    const dossier = storedDossiers.get(line.dossier.number) ?? null;
    const dossierChange = !dossier ? 'new' : differs(dossierFields(line, residenceIds), dossier) ? 'update' : 'same';
    const oldBank = dossier ? storedBanks.get(dossier.id) : undefined;
    const bank = !line.bank ? 'none' : !oldBank ? 'new' : sameBank(deps, line.bank, oldBank) ? 'same' : 'replace';
    if (stored && (tenant === 'update' || dossierChange !== 'same' || bank === 'new' || bank === 'replace')) touched.add(tenantId);
    if (!tenantsSeen.has(line.reference)) summary.tenants[tenant === 'new' ? 'created' : tenant === 'update' ? 'updated' : 'unchanged']++;
    tenantsSeen.add(line.reference);
    plans.push({ line, tenantId, tenant, dossier, dossierChange, bank, ...(oldBank ? { oldBank } : {}) });
  }
  await insertRows(tx, tenants, [...newTenants.values()]);
  const versions = await bumpTenantVersions(tx, [...touched]);
  for (const tenant of newTenants.values()) versions.set(tenant.id, 1);
  written.versions = versions;
  const versionOf = (tenantId: string) => versions.get(tenantId)!;

  const newDossiers: (typeof dossiers.$inferInsert)[] = [];
  const newBanks: (typeof bankAccounts.$inferInsert)[] = [];
  for (const plan of plans) {
    const version = versionOf(plan.tenantId);
    if (plan.tenant === 'update') await tx.update(tenants).set({ ...tenantFields(plan.line), version, updatedAt: now }).where(eq(tenants.id, plan.tenantId));

    let dossierId = plan.dossier?.id;
    if (plan.dossierChange === 'new') {
      dossierId = randomUUID();
      newDossiers.push({ id: dossierId, tenantId: plan.tenantId, version, updatedAt: now, number: plan.line.dossier.number, ...dossierFields(plan.line, residenceIds) });
      written.created.add(dossierId);
    } else if (plan.dossierChange === 'update') await tx.update(dossiers).set({ ...dossierFields(plan.line, residenceIds), version, updatedAt: now }).where(eq(dossiers.id, dossierId!));
    summary.dossiers[plan.dossierChange === 'new' ? 'created' : plan.dossierChange === 'update' ? 'updated' : 'unchanged']++;
    const { number, addressLine, postalCode, city } = plan.line.dossier;
    written.dossiers.set(number, { id: dossierId!, tenantId: plan.dossier?.tenantId ?? plan.tenantId, number, addressLine, postalCode, city });

    if (plan.bank === 'none' || plan.bank === 'same') {
      if (plan.bank === 'same') summary.bankAccounts.unchanged++;
      continue;
    }
    const bank = plan.line.bank!;
    if (plan.oldBank) await tx.update(bankAccounts).set({ deleted: true, version, updatedAt: now }).where(eq(bankAccounts.id, plan.oldBank.id));
    newBanks.push({
      id: randomUUID(), tenantId: plan.tenantId, dossierId: dossierId!, version, updatedAt: now, bankName: bank.bankName,
      ibanEncrypted: deps.cipher.encrypt(normalizeIban(bank.iban)), bicEncrypted: deps.cipher.encrypt(normalizeBic(bank.bic)),
      ibanMasked: maskIban(bank.iban), bicMasked: maskBic(bank.bic), holder: bank.holder, mandateRum: bank.mandateRum ?? null, creditorId: bank.creditorId ?? null,
    });
    summary.bankAccounts[plan.bank === 'new' ? 'created' : 'replaced']++;
  }
  await insertRows(tx, dossiers, newDossiers);
  await insertRows(tx, bankAccounts, newBanks);
}

/** How a dossier's list (contracts or occupants) is stored and compared. */
interface ListKind<T> {
  table: typeof contracts | typeof occupants;
  /** What makes two entries the same one. */
  key(entry: T): string;
  storedKey(row: Record<string, unknown>): string;
  row(entry: T, dossier: DossierView): Record<string, unknown>;
}

const contractList: ListKind<ContractInput> = {
  table: contracts,
  key: (c) => JSON.stringify([c.kind, c.label, c.startDate, c.addressLine ?? null]),
  storedKey: (r) => JSON.stringify([r.kind, r.label, r.startDate, r.addressLine]),
  row: (c, d) => ({ kind: c.kind, label: c.label, startDate: c.startDate, addressLine: c.addressLine ?? d.addressLine, postalCode: d.postalCode, city: d.city }),
};
// A contract without its own address takes the dossier's: compared as such.
const contractKey = (c: ContractInput, d: DossierView) => contractList.key({ ...c, addressLine: c.addressLine ?? d.addressLine });

const occupantList: ListKind<OccupantInput> = {
  table: occupants,
  key: (o) => JSON.stringify([o.civility, o.lastName, o.firstName, o.birthDate, o.relationship, o.signatory]),
  storedKey: (r) => JSON.stringify([r.civility, r.lastName, r.firstName, r.birthDate, r.relationship, r.signatory]),
  row: (o) => ({ ...o }),
};

/** One dossier's list as it must change: stored rows to tombstone, entries to add. */
interface ListChange<T> {
  dossier: DossierView;
  remove: string[];
  add: T[];
}

/** The side groups of a transaction: each dossier's list compared with its stored live rows; tenants bumped once for both files. */
async function writeLists(tx: Tx, now: Date, job: ErpBatch, written: Written, summary: ErpImportSummary): Promise<void> {
  if (job.contracts.length === 0 && job.occupants.length === 0) return;
  // Dossiers not among this batch's tenants lines (named earlier, or imported before): read.
  const missing = [...new Set([...job.contracts, ...job.occupants].map((group) => group.dossier).filter((number) => !written.dossiers.has(number)))];
  if (missing.length > 0) {
    const found = await tx
      .select({ id: dossiers.id, tenantId: dossiers.tenantId, number: dossiers.number, addressLine: dossiers.addressLine, postalCode: dossiers.postalCode, city: dossiers.city })
      .from(dossiers)
      .where(anyOf(dossiers.number, missing));
    for (const row of found) written.dossiers.set(row.number, row);
  }
  const contractChanges = await listChanges(tx, job.contracts, contractList, (c, d) => contractKey(c, d), written);
  const occupantChanges = await listChanges(tx, job.occupants, occupantList, (o) => occupantList.key(o), written);
  const unbumped = [...contractChanges, ...occupantChanges].map((change) => change.dossier.tenantId).filter((id) => !written.versions.has(id));
  for (const [id, version] of await bumpTenantVersions(tx, unbumped)) written.versions.set(id, version);
  await applyListChanges(tx, now, contractList, contractChanges, written.versions, summary.contracts);
  await applyListChanges(tx, now, occupantList, occupantChanges, written.versions, summary.occupants);
}

async function listChanges<T>(tx: Tx, groups: Group<T>[], kind: ListKind<T>, keyOf: (entry: T, dossier: DossierView) => string, written: Written): Promise<ListChange<T>[]> {
  if (groups.length === 0) return [];
  const table = kind.table as typeof contracts;
  const ids = groups.map((group) => written.dossiers.get(group.dossier)!.id).filter((id) => !written.created.has(id));
  const storedRows = ids.length > 0 ? await tx.select().from(table).where(and(anyOf(table.dossierId, ids), eq(table.deleted, false))) : [];
  const storedBy = new Map<string, (typeof storedRows)[number][]>();
  for (const row of storedRows) storedBy.set(row.dossierId, [...(storedBy.get(row.dossierId) ?? []), row]);
  const changes: ListChange<T>[] = [];
  for (const group of groups) {
    const dossier = written.dossiers.get(group.dossier)!;
    const stored = storedBy.get(dossier.id) ?? [];
    const wanted = new Map(group.items.map((item) => [keyOf(item, dossier), item]));
    const kept = new Set(stored.map((row) => kind.storedKey(row)));
    const remove = stored.filter((row) => !wanted.has(kind.storedKey(row))).map((row) => row.id);
    const add = [...wanted].filter(([key]) => !kept.has(key)).map(([, item]) => item);
    if (remove.length > 0 || add.length > 0) changes.push({ dossier, remove, add });
  }
  return changes;
}

async function applyListChanges<T>(tx: Tx, now: Date, kind: ListKind<T>, changes: ListChange<T>[], versions: Map<string, number>, counts: { added: number; removed: number }): Promise<void> {
  const table = kind.table as typeof contracts;
  const inserts: (typeof contracts.$inferInsert)[] = [];
  for (const { dossier, remove, add } of changes) {
    const version = versions.get(dossier.tenantId)!;
    if (remove.length > 0) await tx.update(table).set({ deleted: true, version, updatedAt: now }).where(anyOf(table.id, remove));
    for (const item of add) inserts.push({ id: randomUUID(), tenantId: dossier.tenantId, dossierId: dossier.id, version, updatedAt: now, ...kind.row(item, dossier) } as typeof contracts.$inferInsert);
    counts.removed += remove.length;
    counts.added += add.length;
  }
  await insertRows(tx, table, inserts);
}
