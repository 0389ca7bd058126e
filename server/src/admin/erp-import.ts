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
 * Then each file is read again and written in batches, one transaction per batch; memory holds
 * a batch and the set of numbers seen, never a file.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { adminCreateTenantBodySchema } from '../../../src-shared/api/admin';
import { maskBic, maskIban, normalizeBic, normalizeIban } from '../../../src-shared/validation';
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
/** Lines per write transaction (tenants file), dossiers per transaction (contracts, occupants). */
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

export async function importErpFiles(deps: AdminDeps, files: ErpFiles, options: { encoding?: CsvEncoding; onProgress?: (done: number, total: number) => void } = {}): Promise<ErpImportSummary> {
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
      .where(inArray(dossiers.number, numbers.slice(i, i + 1000)));
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

  // Pass 2: written in batches.
  const now = deps.now();
  let batch: TenantInput[] = [];
  let done = 0;
  const total = summary.lines.tenants;
  const flush = async () => {
    if (batch.length === 0) return;
    await writeTenantBatch(deps, now, batch, summary, residenceIds);
    done += batch.length;
    options.onProgress?.(done, total);
    batch = [];
  };
  for await (const row of csvRows(files.tenants, TENANT_COLUMNS, options)) {
    batch.push(readTenantLine(row, tenantsFile, [])!);
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (files.contracts) await replaceLists(deps, now, files.contracts, CONTRACT_COLUMNS, (row) => readContractLine(row, '', []), contractList, summary.contracts, options);
  if (files.occupants) await replaceLists(deps, now, files.occupants, OCCUPANT_COLUMNS, (row) => readOccupantLine(row, '', []), occupantList, summary.occupants, options);
  return summary;
}

async function existingDossiers(db: Db, numbers: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < numbers.length; i += 1000) {
    for (const row of await db.select({ number: dossiers.number }).from(dossiers).where(inArray(dossiers.number, numbers.slice(i, i + 1000)))) found.add(row.number);
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

/** One batch of the tenants file in one transaction: read what is stored, write only what differs. */
async function writeTenantBatch(deps: AdminDeps, now: Date, lines: TenantInput[], summary: ErpImportSummary, residenceIds: Map<string, string>): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const references = [...new Set(lines.map((line) => line.reference))];
    const storedTenants = new Map((await tx.select().from(tenants).where(inArray(tenants.reference, references))).map((row) => [row.reference, row]));
    const storedDossiers = new Map((await tx.select().from(dossiers).where(inArray(dossiers.number, lines.map((line) => line.dossier.number)))).map((row) => [row.number, row]));
    const dossierIds = [...storedDossiers.values()].map((row) => row.id);
    const storedBanks = new Map<string, BankRow>();
    if (dossierIds.length > 0) {
      const banks = await tx.selectDistinctOn([bankAccounts.dossierId]).from(bankAccounts).where(and(inArray(bankAccounts.dossierId, dossierIds), eq(bankAccounts.deleted, false))).orderBy(asc(bankAccounts.dossierId), desc(bankAccounts.version));
      for (const bank of banks) storedBanks.set(bank.dossierId, bank);
    }

    // What changes, per tenant: new tenants are written at version 1; the others get their next version.
    const newTenants = new Map<string, TenantRow>();
    const touched = new Set<string>();
    /** Tenants already planned in this batch: a tenant's second dossier line leaves the tenant's columns alone. */
    const planned = new Set<string>();
    const plans: { line: TenantInput; tenantId: string; tenant: 'new' | 'update' | 'same'; dossier: DossierRow | null; dossierChange: 'new' | 'update' | 'same'; bank: 'new' | 'replace' | 'same' | 'none'; oldBank?: BankRow }[] = [];
    for (const line of lines) {
      const stored = storedTenants.get(line.reference);
      let tenantId: string;
      let tenant: 'new' | 'update' | 'same';
      if (stored) {
        tenantId = stored.id;
        tenant = planned.has(tenantId) ? 'same' : differs(tenantFields(line), stored) ? 'update' : 'same';
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
      if (!planned.has(tenantId)) summary.tenants[tenant === 'new' ? 'created' : tenant === 'update' ? 'updated' : 'unchanged']++;
      planned.add(tenantId);
      plans.push({ line, tenantId, tenant, dossier, dossierChange, bank, ...(oldBank ? { oldBank } : {}) });
    }
    if (newTenants.size > 0) await tx.insert(tenants).values([...newTenants.values()]);
    const versions = await bumpTenantVersions(tx, [...touched]);
    const versionOf = (tenantId: string) => versions.get(tenantId) ?? 1;

    const newDossiers: (typeof dossiers.$inferInsert)[] = [];
    const newBanks: (typeof bankAccounts.$inferInsert)[] = [];
    for (const plan of plans) {
      const version = versionOf(plan.tenantId);
      if (plan.tenant === 'update') await tx.update(tenants).set({ ...tenantFields(plan.line), version, updatedAt: now }).where(eq(tenants.id, plan.tenantId));

      let dossierId = plan.dossier?.id;
      if (plan.dossierChange === 'new') {
        dossierId = randomUUID();
        newDossiers.push({ id: dossierId, tenantId: plan.tenantId, version, updatedAt: now, number: plan.line.dossier.number, ...dossierFields(plan.line, residenceIds) });
      } else if (plan.dossierChange === 'update') await tx.update(dossiers).set({ ...dossierFields(plan.line, residenceIds), version, updatedAt: now }).where(eq(dossiers.id, dossierId!));
      summary.dossiers[plan.dossierChange === 'new' ? 'created' : plan.dossierChange === 'update' ? 'updated' : 'unchanged']++;

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
    if (newDossiers.length > 0) await tx.insert(dossiers).values(newDossiers);
    if (newBanks.length > 0) await tx.insert(bankAccounts).values(newBanks);
  });
}

/** How a dossier's list (contracts or occupants) is stored and compared. */
interface ListKind<T> {
  table: typeof contracts | typeof occupants;
  /** What makes two entries the same one. */
  key(entry: T): string;
  storedKey(row: Record<string, unknown>): string;
  row(entry: T, dossier: DossierRow): Record<string, unknown>;
}

const contractList: ListKind<ContractInput> = {
  table: contracts,
  key: (c) => JSON.stringify([c.kind, c.label, c.startDate, c.addressLine ?? null]),
  storedKey: (r) => JSON.stringify([r.kind, r.label, r.startDate, r.addressLine]),
  row: (c, d) => ({ kind: c.kind, label: c.label, startDate: c.startDate, addressLine: c.addressLine ?? d.addressLine, postalCode: d.postalCode, city: d.city }),
};
// A contract without its own address takes the dossier's: compared as such.
const contractKey = (c: ContractInput, d: DossierRow) => contractList.key({ ...c, addressLine: c.addressLine ?? d.addressLine });

const occupantList: ListKind<OccupantInput> = {
  table: occupants,
  key: (o) => JSON.stringify([o.civility, o.lastName, o.firstName, o.birthDate, o.relationship, o.signatory]),
  storedKey: (r) => JSON.stringify([r.civility, r.lastName, r.firstName, r.birthDate, r.relationship, r.signatory]),
  row: (o) => ({ ...o }),
};

/** Streams a contracts or occupants file by dossier, BATCH dossiers per transaction: tombstones what is gone, adds what is new. */
async function replaceLists<T>(
  deps: AdminDeps,
  now: Date,
  path: string,
  required: string[],
  read: (row: CsvRow) => T | null,
  kind: ListKind<T>,
  counts: { added: number; removed: number },
  options: { encoding?: CsvEncoding },
): Promise<void> {
  const keyOf = (entry: T, dossier: DossierRow) => (kind.table === contracts ? contractKey(entry as ContractInput, dossier) : kind.key(entry));
  let groups: { dossier: string; items: T[] }[] = [];
  const flush = async () => {
    if (groups.length === 0) return;
    const current = groups;
    groups = [];
    await deps.db.transaction(async (tx: Tx) => {
      const found = new Map((await tx.select().from(dossiers).where(inArray(dossiers.number, current.map((g) => g.dossier)))).map((row) => [row.number, row]));
      const table = kind.table as typeof contracts;
      const storedRows = await tx.select().from(table).where(and(inArray(table.dossierId, [...found.values()].map((d) => d.id)), eq(table.deleted, false)));
      const storedBy = new Map<string, (typeof storedRows)[number][]>();
      for (const row of storedRows) storedBy.set(row.dossierId, [...(storedBy.get(row.dossierId) ?? []), row]);
      const changes: { dossier: DossierRow; remove: string[]; add: T[] }[] = [];
      for (const group of current) {
        const dossier = found.get(group.dossier)!;
        const stored = storedBy.get(dossier.id) ?? [];
        const wanted = new Map(group.items.map((item) => [keyOf(item, dossier), item]));
        const kept = new Set(stored.map((row) => kind.storedKey(row)));
        const remove = stored.filter((row) => !wanted.has(kind.storedKey(row))).map((row) => row.id);
        const add = [...wanted].filter(([key]) => !kept.has(key)).map(([, item]) => item);
        if (remove.length > 0 || add.length > 0) changes.push({ dossier, remove, add });
      }
      const versions = await bumpTenantVersions(tx, changes.map((c) => c.dossier.tenantId));
      const inserts: Record<string, unknown>[] = [];
      for (const { dossier, remove, add } of changes) {
        const version = versions.get(dossier.tenantId)!;
        if (remove.length > 0) await tx.update(table).set({ deleted: true, version, updatedAt: now }).where(inArray(table.id, remove));
        for (const item of add) inserts.push({ id: randomUUID(), tenantId: dossier.tenantId, dossierId: dossier.id, version, updatedAt: now, ...kind.row(item, dossier) });
        counts.removed += remove.length;
        counts.added += add.length;
      }
      if (inserts.length > 0) await tx.insert(table).values(inserts as (typeof contracts.$inferInsert)[]);
    });
  };
  for await (const group of dossierGroups(path, required, (row) => read(row), options)) {
    groups.push(group);
    if (groups.length >= BATCH) await flush();
  }
  await flush();
}
