/**
 * When documents appear (issue 6):
 * - publishMonthNotices: the avis d'échéance of a period for every tenant (or one), built from the
 *   ledger and the dossier, stored as blob + document row in one tenant write (it syncs), with the
 *   activity "Avis d'échéance disponible"; idempotent; a changed notice is a new "rectificatif"
 *   document and the old row is tombstoned; paperless subscribers get a mail, the others are listed
 *   "to print and post".
 * - issueSettlementDocuments: after a payment of any kind is posted, the quittance when the period
 *   is paid in full, a reçu otherwise (never a quittance for a partial payment). Documents are
 *   immutable: a later full payment issues the quittance and the reçu stays.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, count as sqlCount, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Landlord } from '../../../src-shared/api/landlord';
import { anyOf, insertRows } from '../db/bulk';
import type { Db, Tx } from '../db/client';
import { accounts, bankAccounts, blobs, documentInputs, documents, dossiers, tenants } from '../db/schema';
import { addActivities } from '../home/activity';
import { addNotifications } from '../notifications/service';
import { compose } from '../mail/templates';
import { displayFirstName } from '../lib/names';
import { bumpTenantVersions, withTenantsWrite } from '../sync/versions';
import { daysInMonth } from '../../../src-shared/validation/dates';
import { parisDate } from '../../../src-shared/clock';
import { renderHere } from './render-pool';
import { documentLandlord, type DocumentDeps } from './deps';
import { isDocumentRefusedError } from './errors';
import { avisTotalCents, describeDocument, renderSettlementDocument, type DocumentDescription } from './index';
import { HOUSING_ALLOWANCE_RECOVERED_LABEL, ledgerLinesByDossier, periodAmounts, periodDue, periodSettlement, type LedgerLine, type PeriodAmounts } from './ledger';
import { periodLabel, requirePeriod } from './text';
import type { AmountLine, AvisEcheanceInput, DocumentKind, DocumentLandlord, PaymentMethodInput, PeriodSettlementInput } from './types';

export type TenantRow = typeof tenants.$inferSelect;
export type DossierRow = typeof dossiers.$inferSelect;
type BankRow = typeof bankAccounts.$inferSelect;

/** Due day of tenants who do not pay by direct debit (they pay on the portal, by card or transfer). */
export const DEFAULT_DUE_DAY = 5;

export const AVIS_AVAILABLE_ACTIVITY = "Avis d'échéance disponible";
export const AVIS_CORRECTED_ACTIVITY = "Avis d'échéance rectificatif disponible";
export const PAPERLESS_MAIL_SUBJECT = "Votre avis d'échéance est disponible";

/** The day a document is dated: the Paris calendar date of the instant (src-shared/clock.ts). */
const isoDay = (d: Date): string => parisDate(d);
const dayOf = (period: string, day: number): string => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(Math.min(day, daysInMonth(year, month))).padStart(2, '0')}`;
};

/* ------------------------------------------------------------------------------------------------
 * Avis d'échéance
 * ---------------------------------------------------------------------------------------------- */

export interface NoticeOutcome {
  tenantReference: string;
  dossierNumber: string;
  /**
   * published: first notice of the period; superseded: a changed notice replaced the previous one
   * (rectificatif); unchanged: the same notice exists; skipped: nothing in the ledger for the
   * period; refused: the notice cannot be issued (e.g. too late for the SEPA pre-notification).
   */
  status: 'published' | 'unchanged' | 'superseded' | 'skipped' | 'refused';
  documentId?: string;
  sha256?: string;
  /** The tombstoned notice, when superseded. */
  supersededId?: string;
  totalCents?: number;
  /** How the tenant receives it: a mail (paperless subscriber) or on paper. */
  delivery?: 'mail' | 'post';
  reason?: string;
}

export interface ToPost {
  tenantReference: string;
  name: string;
  dossierNumber: string;
  address: string;
  documentId: string;
}

export interface PublishNoticesResult {
  period: string;
  published: number;
  unchanged: number;
  superseded: number;
  skipped: number;
  refused: number;
  mailed: number;
  /** Non-paperless tenants whose new notice must be printed and posted. */
  toPost: ToPost[];
  notices: NoticeOutcome[];
}

/** "FR76 **** **** **** **** ***1 89": country, check digits and the last 3 characters, in groups of 4. */
export function maskIbanForPrint(iban: string): string {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  const masked = [...compact].map((char, index) => (index < 4 || index >= compact.length - 3 ? char : '*')).join('');
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

export interface AvisSource {
  tenant: TenantRow;
  dossier: DossierRow;
  bank: BankRow | null;
  lines: LedgerLine[];
}

/**
 * The avis of `period` from the ledger: the period's rent, charges, adjustments and allowance, the
 * balance carried from before it (entries of earlier periods, and undated-period entries booked
 * before the 1st), the due date and the payment method. Null when the ledger has nothing due for
 * the period. Entries of the period itself or later (its payment included) are not "previous", so
 * publishing again after the debit gives the same notice.
 */
export function avisInputFor(
  source: AvisSource,
  landlord: DocumentLandlord,
  period: string,
  issuedOn: string,
  options: { dueDay?: number; ibanForPrint?: () => string | null } = {},
): AvisEcheanceInput | null {
  const own = source.lines.filter((line) => line.period === period);
  const sum = (kind: LedgerLine['kind']) => own.filter((line) => line.kind === kind).reduce((total, line) => total + line.amountCents, 0);
  const rentCents = sum('rent');
  const chargesCents = sum('charges');
  const aplCents = -sum('apl');
  const adjustments: AmountLine[] = [
    ...own.filter((line) => line.kind === 'adjustment').map((line) => ({ label: line.label, amountCents: line.amountCents })),
    // APL lines that net to a debt (allowance recovered) are owed, not dropped.
    ...(aplCents < 0 ? [{ label: HOUSING_ALLOWANCE_RECOVERED_LABEL, amountCents: -aplCents }] : []),
  ];
  if (rentCents === 0 && chargesCents === 0 && adjustments.length === 0) return null;
  const first = `${period}-01`;
  const previousBalanceCents = source.lines
    .filter((line) => (line.period ? line.period < period : line.date < first))
    .reduce((total, line) => total + line.amountCents, 0);
  const { dossier, bank, tenant } = source;
  let payment: PaymentMethodInput;
  let dueDate: string;
  if (dossier.directDebitDay && bank?.mandateRum && bank.creditorId) {
    dueDate = dayOf(period, dossier.directDebitDay);
    payment = {
      method: 'prelevement',
      debitDate: dueDate,
      mandateReference: bank.mandateRum,
      creditorId: bank.creditorId,
      ibanMasked: options.ibanForPrint?.() ?? bank.ibanMasked,
    };
  } else {
    dueDate = dayOf(period, options.dueDay ?? DEFAULT_DUE_DAY);
    payment = { method: 'portail' };
  }
  return {
    landlord,
    ...partiesOf(tenant, dossier),
    period,
    issuedOn,
    rentCents,
    chargesCents,
    adjustments,
    housingAllowanceCents: Math.max(0, aplCents),
    previousBalanceCents,
    dueDate,
    payment,
  };
}

/** Tenant, dossier number and dwelling, as every document prints them. */
export function partiesOf(tenant: TenantRow, dossier: DossierRow): Pick<AvisEcheanceInput, 'tenant' | 'dossierNumber' | 'dwelling'> {
  return {
    tenant: { civility: tenant.civility, lastName: tenant.lastName, firstName: tenant.firstName, reference: tenant.reference },
    dossierNumber: dossier.number,
    dwelling: { addressLine: dossier.addressLine, postalCode: dossier.postalCode, city: dossier.city },
  };
}

/**
 * The quittance / reçu input of a period, dated the day of its last payment (`fallbackDay` when
 * none), so the same payments always give the same bytes.
 */
export function settlementInputFor(tenant: TenantRow, dossier: DossierRow, landlord: DocumentLandlord, amounts: PeriodAmounts, fallbackDay: string): PeriodSettlementInput {
  return {
    landlord,
    ...partiesOf(tenant, dossier),
    period: amounts.period,
    issuedOn: amounts.payments.map((payment) => payment.date).sort().pop() ?? fallbackDay,
    rentCents: amounts.rentCents,
    chargesCents: amounts.chargesCents,
    ...(amounts.adjustments.length > 0 ? { adjustments: amounts.adjustments } : {}),
    housingAllowanceCents: amounts.housingAllowanceCents,
    payments: amounts.payments,
  };
}

/** The dossier's current bank account (the latest live one). */
export async function currentBank(db: Db | Tx, dossierId: string): Promise<BankRow | null> {
  const [bank] = await db
    .select()
    .from(bankAccounts)
    .where(and(eq(bankAccounts.dossierId, dossierId), eq(bankAccounts.deleted, false)))
    .orderBy(desc(bankAccounts.version))
    .limit(1);
  return bank ?? null;
}

/** The masked IBAN printed on the pre-notification, from the encrypted one (stored mask if it cannot be read). */
export function ibanForPrint(deps: Pick<DocumentDeps, 'cipher' | 'log'>, bank: BankRow | null): string | null {
  if (!bank) return null;
  try {
    return maskIbanForPrint(deps.cipher.decrypt(bank.ibanEncrypted));
  } catch (error) {
    deps.log?.('documents: IBAN not readable, stored mask printed', { bankAccountId: bank.id, error: String(error) });
    return bank.ibanMasked;
  }
}

type DocumentRow = typeof documents.$inferSelect;

/** The live documents of `kinds` of many dossiers for `periods`, oldest first, by dossier id: one query (indexed on dossier and period). */
async function liveDocumentsOf(db: Db | Tx, dossierIds: string[], periods: string[], kinds: DocumentKind[]): Promise<Map<string, DocumentRow[]>> {
  const byDossier = new Map<string, DocumentRow[]>(dossierIds.map((id) => [id, []]));
  if (dossierIds.length === 0) return byDossier;
  const rows = await db
    .select()
    .from(documents)
    .where(and(anyOf(documents.dossierId, dossierIds), anyOf(documents.period, periods), anyOf(documents.kind, kinds), eq(documents.deleted, false)))
    .orderBy(asc(documents.issuedAt), asc(documents.id));
  for (const row of rows) byDossier.get(row.dossierId)?.push(row);
  return byDossier;
}

/** The current bank account of many dossiers (the latest live one of each), in one query. */
async function currentBanks(db: Db | Tx, dossierIds: string[]): Promise<Map<string, BankRow>> {
  if (dossierIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([bankAccounts.dossierId])
    .from(bankAccounts)
    .where(and(anyOf(bankAccounts.dossierId, dossierIds), eq(bankAccounts.deleted, false)))
    .orderBy(asc(bankAccounts.dossierId), desc(bankAccounts.version));
  return new Map(rows.map((row) => [row.dossierId, row]));
}

/**
 * The one call to the avis d'échéance renderer (publishing and the "same notice?" check both go
 * through it): bytes and description, or the renderer's refusal.
 */
async function renderNotice(deps: Pick<DocumentDeps, 'rendering'>, input: AvisEcheanceInput): Promise<{ bytes: Uint8Array; description: DocumentDescription } | { refused: string }> {
  try {
    const bytes = await (deps.rendering?.render ?? renderHere)({ kind: 'avis_echeance', input });
    return { bytes, description: describeDocument('avis_echeance', input.period, bytes, { rectificatif: input.rectificatif === true, amountCents: avisTotalCents(input) }) };
  } catch (error) {
    if (isDocumentRefusedError(error)) return { refused: error.message };
    throw error;
  }
}

/**
 * The same notice as `existing`? Re-rendered with the existing notice's issue date (and its
 * rectificatif wording), the same content gives the same bytes, so the same SHA-256: any change of
 * amount, due date, payment method, address or letterhead is seen, nothing else is.
 */
async function sameNotice(deps: Pick<DocumentDeps, 'rendering'>, input: AvisEcheanceInput, existing: DocumentRow): Promise<boolean> {
  const rendered = await renderNotice(deps, { ...input, issuedOn: isoDay(existing.issuedAt), rectificatif: existing.title.includes('rectificatif') });
  return 'bytes' in rendered && rendered.description.sha256 === existing.sha256;
}

/** JSON with every object's keys sorted: the same input gives the same text whatever order it was built in. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The SHA-256 of what a notice says, kept in document_inputs beside the notice (issue 17): its
 * input without the issue date and the rectificatif wording, the two things a re-render for the
 * "same notice?" check takes from the existing notice. The same hash is the same notice, found
 * without rendering; another hash is checked by rendering (sameNotice), as for a notice stored
 * before the hashes were.
 */
export function noticeInputHash(input: AvisEcheanceInput): string {
  const { issuedOn: _issuedOn, rectificatif: _rectificatif, ...content } = input;
  return inputHash(content);
}

/** The SHA-256 of a document's input (canonical JSON): the same input renders the same document. */
const inputHash = (input: object): string => createHash('sha256').update(canonicalJson(input)).digest('hex');

/** The input hashes of `documentIds` that have one (document_inputs), by document id. */
async function inputHashesOf(db: Db | Tx, documentIds: string[]): Promise<Map<string, string>> {
  if (documentIds.length === 0) return new Map();
  const rows = await db.select().from(documentInputs).where(anyOf(documentInputs.documentId, documentIds));
  return new Map(rows.map((row) => [row.documentId, row.inputSha256]));
}

export async function storeDocument(tx: Tx, version: number, at: Date, tenantId: string, dossierId: string, description: DocumentDescription, bytes: Uint8Array, issuedAt: Date = at): Promise<string> {
  const id = randomUUID();
  await tx.insert(blobs).values({ sha256: description.sha256, mediaType: 'application/pdf', size: description.size, content: Buffer.from(bytes), createdAt: at }).onConflictDoNothing();
  await tx.insert(documents).values({
    id,
    tenantId,
    dossierId,
    version,
    updatedAt: at,
    kind: description.kind,
    period: description.period,
    title: description.title,
    sha256: description.sha256,
    size: description.size,
    issuedAt,
    amountCents: description.amountCents,
  });
  return id;
}

export { displayFirstName } from '../lib/names';

/** The paperless mail: the landlord's branding, the first name, the period; no amount, no other personal data. */
export function avisAvailableMail(landlord: Landlord, to: string, firstName: string, period: string, corrected: boolean) {
  const month = periodLabel(period).toLocaleLowerCase('fr-FR');
  return compose(
    landlord,
    to,
    PAPERLESS_MAIL_SUBJECT,
    [
      corrected
        ? `Un avis d'échéance rectificatif pour ${month} est disponible dans votre ${landlord.portalTitle}, rubrique « Mes documents ». Il remplace l'avis précédent.`
        : `Votre avis d'échéance de ${month} est disponible dans votre ${landlord.portalTitle}, rubrique « Mes documents ».`,
      'Vous le recevez par voie électronique car vous avez souscrit aux avis d\'échéance numériques. Vous pouvez arrêter ce service à tout moment depuis « Mes documents ».',
    ],
    undefined,
    firstName ? `Bonjour ${displayFirstName(firstName)},` : 'Bonjour,',
  );
}

/** Where the paperless mail goes: the sign-in address, else the contact address on the tenant record. */
const mailAddressOf = (tenant: TenantRow, accountEmail: string | undefined): string | null => accountEmail ?? tenant.contactEmail ?? null;

/** Tenants read, rendered and written per batch: one query per table and one transaction per batch. */
export const PUBLISH_BATCH_SIZE = 200;
/** Paperless mails sent at once after a batch is written. */
const MAIL_CONCURRENCY = 8;
/** First key of the advisory lock that lets one publisher of a period write at a time (the second is the period's hash). */
const PUBLISH_LOCK_KEY = 17_001;

export interface PublishProgress {
  period: string;
  /** Dossiers processed so far, and the number of live dossiers when the run started. */
  done: number;
  total: number;
  published: number;
  unchanged: number;
  superseded: number;
  skipped: number;
  refused: number;
}

export interface PublishNoticesParams {
  /** "yyyy-mm". */
  period: string;
  /** One tenant only (Numéro TG); default every tenant. */
  tenantReference?: string;
  /** Due day of tenants who pay on the portal; default DEFAULT_DUE_DAY. */
  dueDay?: number;
  /** Tenants per batch; default PUBLISH_BATCH_SIZE. */
  batchSize?: number;
  /** Called after each batch is written (the CLI prints a progress line). */
  onProgress?: (progress: PublishProgress) => void;
  /** Keep every dossier's outcome in `notices` (default true; the CLI keeps only the counts and `toPost`). */
  keepNotices?: boolean;
}

interface BatchRow {
  tenant: TenantRow;
  dossier: DossierRow;
  bank: BankRow | null;
  lines: LedgerLine[];
  notices: DocumentRow[];
  /** The input hash of the latest live notice, when it has one. */
  latestInput: string | undefined;
  accountEmail: string | undefined;
}

/** A batch of tenants (keyset on the Numéro TG, after `after`) with their live dossiers and all publishing reads. */
async function readNoticeBatch(db: Db, period: string, size: number, after: string | null, reference?: string): Promise<{ last: string | null; tenants: number; rows: BatchRow[] }> {
  const tenantRows = await db
    .select()
    .from(tenants)
    .where(and(reference ? eq(tenants.reference, reference) : undefined, after !== null ? gt(tenants.reference, after) : undefined))
    .orderBy(asc(tenants.reference))
    .limit(size);
  if (tenantRows.length === 0) return { last: null, tenants: 0, rows: [] };
  const tenantIds = tenantRows.map((tenant) => tenant.id);
  const dossierRows = await db
    .select()
    .from(dossiers)
    .where(and(anyOf(dossiers.tenantId, tenantIds), eq(dossiers.deleted, false)))
    .orderBy(asc(dossiers.number));
  const dossierIds = dossierRows.map((dossier) => dossier.id);
  const [banks, lines, notices, emails] = await Promise.all([
    currentBanks(db, dossierIds),
    ledgerLinesByDossier(db, dossierIds),
    liveDocumentsOf(db, dossierIds, [period], ['avis_echeance']),
    db.select({ tenantId: accounts.tenantId, email: accounts.email }).from(accounts).where(anyOf(accounts.tenantId, tenantIds)),
  ]);
  const emailOf = new Map(emails.map((row) => [row.tenantId, row.email]));
  const byTenant = new Map(tenantRows.map((tenant) => [tenant.id, tenant]));
  const latestOf = (dossierId: string) => notices.get(dossierId)?.at(-1);
  const inputs = await inputHashesOf(db, dossierIds.flatMap((id) => latestOf(id)?.id ?? []));
  const rows = dossierRows
    .map((dossier) => ({
      tenant: byTenant.get(dossier.tenantId)!,
      dossier,
      bank: banks.get(dossier.id) ?? null,
      lines: lines.get(dossier.id) ?? [],
      notices: notices.get(dossier.id) ?? [],
      latestInput: inputs.get(latestOf(dossier.id)?.id ?? ''),
      accountEmail: emailOf.get(dossier.tenantId),
    }))
    .sort((a, b) => (a.tenant.reference === b.tenant.reference ? 0 : a.tenant.reference < b.tenant.reference ? -1 : 1));
  return { last: tenantRows.length < size ? null : tenantRows[tenantRows.length - 1]!.reference, tenants: tenantRows.length, rows };
}

interface NoticeWrite {
  row: BatchRow;
  bytes: Uint8Array;
  description: DocumentDescription;
  inputSha256: string;
  totalCents: number;
  mailTo: string | null;
}

/** What one dossier's notice comes to: an outcome already (skipped, unchanged, refused) or a document to write. */
async function planNotice(deps: DocumentDeps, row: BatchRow, period: string, letterhead: DocumentLandlord, issuedOn: string, dueDay?: number): Promise<NoticeOutcome | NoticeWrite> {
  const { tenant, dossier, bank } = row;
  const base = { tenantReference: tenant.reference, dossierNumber: dossier.number };
  const input = avisInputFor(row, letterhead, period, issuedOn, { dueDay, ibanForPrint: () => ibanForPrint(deps, bank) });
  if (!input) return { ...base, status: 'skipped', reason: `Aucune échéance au compte pour ${period}` };
  const latest = row.notices[row.notices.length - 1];
  const inputSha256 = noticeInputHash(input);
  // A resumed or repeated run: the same input as the stored notice's is the same notice, not rendered again.
  if (latest && (row.latestInput === inputSha256 || (await sameNotice(deps, input, latest)))) return { ...base, status: 'unchanged', documentId: latest.id, sha256: latest.sha256 };
  const rendered = await renderNotice(deps, { ...input, rectificatif: row.notices.length > 0 });
  if ('refused' in rendered) return { ...base, status: 'refused', reason: rendered.refused };
  const totalCents = Math.max(0, input.rentCents + input.chargesCents + input.adjustments.reduce((t, l) => t + l.amountCents, 0) - input.housingAllowanceCents + input.previousBalanceCents);
  return { row, ...rendered, inputSha256, totalCents, mailTo: tenant.paperless ? mailAddressOf(tenant, row.accountEmail) : null };
}

/**
 * Writes a batch's new notices in one transaction: the period's advisory lock (one publisher of a
 * period writes at a time), the tenants' versions (rows locked in id order), then under those
 * locks the period's live notices read again: a notice another run stored meanwhile is
 * "unchanged", never a second document.
 */
async function writeNotices(db: Db, period: string, now: Date, writes: NoticeWrite[]): Promise<NoticeOutcome[]> {
  if (writes.length === 0) return [];
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PUBLISH_LOCK_KEY}::int, hashtext(${period}))`);
    const versions = await bumpTenantVersions(tx, writes.map((write) => write.row.tenant.id));
    const current = await liveDocumentsOf(tx, writes.map((write) => write.row.dossier.id), [period], ['avis_echeance']);
    const currentInputs = await inputHashesOf(tx, [...current.values()].flat().map((doc) => doc.id));
    const outcomes: NoticeOutcome[] = [];
    const newBlobs = new Map<string, typeof blobs.$inferInsert>();
    const newDocuments: (typeof documents.$inferInsert)[] = [];
    const newInputs: (typeof documentInputs.$inferInsert)[] = [];
    const newActivities: Parameters<typeof addActivities>[1] = [];
    const newNotifications: Parameters<typeof addNotifications>[1] = [];
    for (const { row, bytes, description, inputSha256, totalCents, mailTo } of writes) {
      const { tenant, dossier } = row;
      const base = { tenantReference: tenant.reference, dossierNumber: dossier.number };
      const live = current.get(dossier.id) ?? [];
      // Another run stored it meanwhile: the same bytes, or the same input issued another day.
      const same = live.find((doc) => doc.sha256 === description.sha256 || currentInputs.get(doc.id) === inputSha256);
      if (same) {
        outcomes.push({ ...base, status: 'unchanged', documentId: same.id, sha256: same.sha256 });
        continue;
      }
      const version = versions.get(tenant.id)!;
      // A rectificatif is rare: its tombstone is its own statement.
      if (live.length > 0) await tx.update(documents).set({ deleted: true, version, updatedAt: now }).where(inArray(documents.id, live.map((doc) => doc.id)));
      const documentId = randomUUID();
      newBlobs.set(description.sha256, { sha256: description.sha256, mediaType: 'application/pdf', size: description.size, content: Buffer.from(bytes), createdAt: now });
      newDocuments.push({ id: documentId, tenantId: tenant.id, dossierId: dossier.id, version, updatedAt: now, kind: 'avis_echeance', period, title: description.title, sha256: description.sha256, size: description.size, issuedAt: now, amountCents: description.amountCents });
      newInputs.push({ documentId, inputSha256 });
      newActivities.push({ version, at: now, tenantId: tenant.id, kind: live.length > 0 ? 'document.avisCorrected' : 'document.avisAvailable', label: live.length > 0 ? AVIS_CORRECTED_ACTIVITY : AVIS_AVAILABLE_ACTIVITY, refId: documentId });
      // A paperless subscriber's avis is mailed below, as before notifications: not a second time.
      newNotifications.push({ at: { tenantId: tenant.id, version, now }, kind: 'document.published', params: { documentKind: 'avis_echeance', period }, refId: documentId, mailed: tenant.paperless && mailTo !== null });
      outcomes.push({
        ...base,
        status: live.length > 0 ? 'superseded' : 'published',
        documentId,
        sha256: description.sha256,
        totalCents,
        ...(live.length > 0 ? { supersededId: live[live.length - 1]!.id } : {}),
        delivery: tenant.paperless && mailTo ? 'mail' : 'post',
      });
    }
    await insertNewDocuments(tx, { blobs: newBlobs, documents: newDocuments, inputs: newInputs, activities: newActivities, notifications: newNotifications });
    return outcomes;
  });
}

/**
 * What a batch of new documents adds, in one statement per table: the PDFs (a blob already stored
 * under its SHA-256 is kept), the documents, their input hashes, the home page's activities and
 * the notifications. One JSON parameter per table (db/bulk.ts) but for the blobs, whose bytes go
 * as binary parameters.
 */
async function insertNewDocuments(
  tx: Tx,
  rows: {
    blobs: Map<string, typeof blobs.$inferInsert>;
    documents: (typeof documents.$inferInsert)[];
    inputs: (typeof documentInputs.$inferInsert)[];
    activities: Parameters<typeof addActivities>[1];
    notifications: Parameters<typeof addNotifications>[1];
  },
): Promise<void> {
  if (rows.blobs.size > 0) await tx.insert(blobs).values([...rows.blobs.values()]).onConflictDoNothing();
  await insertRows(tx, documents, rows.documents);
  await insertRows(tx, documentInputs, rows.inputs);
  await addActivities(tx, rows.activities);
  await addNotifications(tx, rows.notifications);
}

/** Runs `fn` over `items`, at most `limit` at once. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

/**
 * Publishes the avis d'échéance of `period`; see the file comment. Streams through the tenants in
 * batches (keyset on the Numéro TG): the next batch is read while this one renders, and written in
 * one transaction while the next renders. Resumable: a run stopped half-way and started again finds
 * the notices already stored "unchanged" and goes on; two runs at once do not double a notice.
 */
export async function publishMonthNotices(deps: DocumentDeps, params: PublishNoticesParams): Promise<PublishNoticesResult> {
  const period = requirePeriod(params.period);
  const size = params.batchSize ?? PUBLISH_BATCH_SIZE;
  const keepNotices = params.keepNotices !== false;
  const { settings, letterhead } = await documentLandlord(deps);
  const result: PublishNoticesResult = { period, published: 0, unchanged: 0, superseded: 0, skipped: 0, refused: 0, mailed: 0, toPost: [], notices: [] };
  const [counted] = await deps.db
    .select({ n: sqlCount() })
    .from(dossiers)
    .innerJoin(tenants, eq(tenants.id, dossiers.tenantId))
    .where(and(eq(dossiers.deleted, false), params.tenantReference ? eq(tenants.reference, params.tenantReference) : undefined));
  const progress: PublishProgress = { period, done: 0, total: Number(counted?.n ?? 0), published: 0, unchanged: 0, superseded: 0, skipped: 0, refused: 0 };

  const read = (after: string | null) => {
    const batch = readNoticeBatch(deps.db, period, size, after, params.tenantReference);
    batch.catch(() => {}); // awaited below; not an unhandled rejection while the current batch renders
    return batch;
  };
  const record = (outcome: NoticeOutcome) => {
    if (keepNotices) result.notices.push(outcome);
    result[outcome.status]++;
    progress[outcome.status]++;
    progress.done++;
  };
  const deliver = async (outcomes: NoticeOutcome[], writes: NoticeWrite[]) => {
    const delivered = outcomes.filter((o) => o.status === 'published' || o.status === 'superseded');
    const byNumber = new Map(writes.map((write) => [write.row.dossier.number, write]));
    await eachLimited(
      delivered.filter((o) => o.delivery === 'mail'),
      MAIL_CONCURRENCY,
      async (outcome) => {
        const { row, mailTo } = byNumber.get(outcome.dossierNumber)!;
        try {
          await deps.mailer.send(avisAvailableMail(settings, mailTo!, row.tenant.firstName, period, outcome.status === 'superseded'));
          result.mailed++;
        } catch (error) {
          // The notice is published (it syncs); only the mail failed: post it rather than lose it.
          deps.log?.('documents: paperless mail failed, notice listed to post', { tenantReference: row.tenant.reference, error: String(error) });
          outcome.delivery = 'post';
        }
      },
    );
    for (const outcome of delivered) {
      if (outcome.delivery !== 'post') continue;
      const { tenant, dossier } = byNumber.get(outcome.dossierNumber)!.row;
      result.toPost.push({
        tenantReference: tenant.reference,
        name: [tenant.civility, tenant.lastName, tenant.firstName].join(' '),
        dossierNumber: dossier.number,
        address: `${dossier.addressLine}, ${dossier.postalCode} ${dossier.city}`,
        documentId: outcome.documentId!,
      });
    }
  };

  let pending = read(null);
  let writing: Promise<void> = Promise.resolve();
  let seen = false;
  for (;;) {
    const { last, tenants: tenantCount, rows } = await pending;
    // The batch after a last full one is empty: nothing to write, nothing to report.
    if (tenantCount === 0) break;
    seen = true;
    if (last !== null) pending = read(last);
    const now = deps.clock();
    // In file order; several at once when a render pool renders them (one at a time in this process: nothing to gain).
    const planned: (NoticeOutcome | NoticeWrite)[] = new Array(rows.length);
    await eachLimited([...rows.keys()], deps.rendering?.concurrency ?? 1, async (index) => {
      planned[index] = await planNotice(deps, rows[index]!, period, letterhead, isoDay(now), params.dueDay);
    });
    // At most one batch written while the next renders: the order of the outcomes stays the tenants'.
    await writing;
    const writes = planned.filter((p): p is NoticeWrite => 'row' in p);
    const written = writeNotices(deps.db, period, now, writes).then(async (outcomes) => {
      const byDossier = new Map(outcomes.map((o) => [o.dossierNumber, o]));
      for (const p of planned) record('row' in p ? byDossier.get(p.row.dossier.number)! : p);
      await deliver(outcomes, writes);
      params.onProgress?.({ ...progress });
    });
    written.catch(() => {});
    writing = written;
    if (last === null) break;
  }
  await writing;
  if (params.tenantReference && !seen) {
    result.notices.push({ tenantReference: params.tenantReference, dossierNumber: '', status: 'skipped', reason: 'Numéro TG inconnu' });
    result.skipped++;
  }
  return result;
}

/* ------------------------------------------------------------------------------------------------
 * Quittance / reçu
 * ---------------------------------------------------------------------------------------------- */

export interface SettlementOutcome {
  /**
   * issued: a new quittance or reçu; unchanged: the document of this state exists already (or the
   * period has its quittance: it stands, a later overpayment is an advance on the account); none:
   * nothing due or nothing received for the period.
   */
  status: 'issued' | 'unchanged' | 'none';
  kind?: 'quittance' | 'recu';
  documentId?: string;
}

/** One (dossier, period) a payment or an allowance may settle. */
export interface SettlementItem {
  dossierId: string;
  period: string;
}

export interface SettlementWrite {
  index: number;
  tenant: TenantRow;
  dossier: DossierRow;
  period: string;
  kind: 'quittance' | 'recu';
  bytes: Uint8Array;
  description: DocumentDescription;
  inputSha256: string;
}

/** The one call to the quittance / reçu renderer: through the render pool when there is one. */
const renderSettlement = (deps: Pick<DocumentDeps, 'rendering'>, input: PeriodSettlementInput) =>
  renderSettlementDocument(input, (kind, settled) => (deps.rendering?.render ?? renderHere)({ kind, input: settled }));

/**
 * After a payment (debit, transfer, card, cheque...) or an allowance is posted on `period`: the
 * quittance when the period is paid in full, else a reçu. Dated the day of the last payment of the
 * period, so the same payments always give the same document (and the same SHA-256): calling it
 * again without a new payment issues nothing.
 */
export async function issueSettlementDocuments(deps: Omit<DocumentDeps, 'mailer'>, params: SettlementItem): Promise<SettlementOutcome> {
  const [outcome] = await issueSettlementBatch(deps, [params]);
  return outcome!;
}

/**
 * issueSettlementDocuments for many (dossier, period) at once (a ledger import): one read per
 * table for the whole batch, then one transaction for every new document, where the tenants'
 * rows are locked (in id order) and the period's documents read again, so a document another
 * writer issued meanwhile is not issued twice. Outcomes in the order of `items`.
 */
export async function issueSettlementBatch(deps: Omit<DocumentDeps, 'mailer'>, items: SettlementItem[]): Promise<SettlementOutcome[]> {
  return writeSettlements(deps, await planSettlements(deps, items));
}

/** What a batch of settlements comes to before anything is written: outcomes known already, documents rendered. */
export interface SettlementPlan {
  outcomes: SettlementOutcome[];
  periods: string[];
  writes: SettlementWrite[];
}

/** The reads and the rendering of issueSettlementBatch (a caller may render the next batch while this one is written). */
export async function planSettlements(deps: Omit<DocumentDeps, 'mailer'>, items: SettlementItem[]): Promise<SettlementPlan> {
  const outcomes: SettlementOutcome[] = items.map(() => ({ status: 'none' }));
  if (items.length === 0) return { outcomes, periods: [], writes: [] };
  const periods = [...new Set(items.map((item) => requirePeriod(item.period)))];
  const dossierIds = [...new Set(items.map((item) => item.dossierId))];
  const found = await deps.db.select({ dossier: dossiers, tenant: tenants }).from(dossiers).innerJoin(tenants, eq(tenants.id, dossiers.tenantId)).where(anyOf(dossiers.id, dossierIds));
  const byDossier = new Map(found.map((row) => [row.dossier.id, row]));
  const [lines, existing] = await Promise.all([ledgerLinesByDossier(deps.db, dossierIds), liveDocumentsOf(deps.db, dossierIds, periods, ['quittance', 'recu'])]);
  const existingInputs = await inputHashesOf(deps.db, [...existing.values()].flat().map((doc) => doc.id));
  const { letterhead } = await documentLandlord(deps);
  const fallbackDay = isoDay(deps.clock());

  const byPeriod = new Map<string, Map<string, PeriodAmounts>>();
  const toRender: { index: number; row: (typeof found)[number]; period: string; docs: DocumentRow[]; input: PeriodSettlementInput; inputSha256: string }[] = [];
  for (const [index, { dossierId, period }] of items.entries()) {
    const row = byDossier.get(dossierId);
    if (!row) continue;
    let amountsOf = byPeriod.get(dossierId);
    if (!amountsOf) byPeriod.set(dossierId, (amountsOf = periodAmounts(lines.get(dossierId) ?? [])));
    const amounts = amountsOf.get(period);
    // Nothing owed for the period (a credit adjustment may cover it all): no document.
    if (!amounts || periodDue(amounts) <= 0) continue;
    // The allowance alone (often booked ahead, at the échéance) is no payment by the tenant: no reçu
    // for it; it still completes a period the tenant paid, or covers it in full (quittance).
    if (amounts.payments.length === 0 && periodSettlement(amounts).kind === 'recu') continue;
    const docs = (existing.get(dossierId) ?? []).filter((doc) => doc.period === period);
    const quittance = docs.find((doc) => doc.kind === 'quittance');
    if (quittance) {
      outcomes[index] = { status: 'unchanged', kind: 'quittance', documentId: quittance.id };
      continue;
    }
    const input = settlementInputFor(row.tenant, row.dossier, letterhead, amounts, fallbackDay);
    const inputSha256 = inputHash(input);
    // The same payments as a stored reçu's (an import run again): unchanged, not rendered again.
    const sameInput = docs.find((doc) => existingInputs.get(doc.id) === inputSha256);
    if (sameInput) {
      outcomes[index] = { status: 'unchanged', kind: sameInput.kind as 'quittance' | 'recu', documentId: sameInput.id };
      continue;
    }
    toRender.push({ index, row, period, docs, input, inputSha256 });
  }
  // Several at once when a render pool renders them; the writes stay in the order of `items`.
  const rendered = new Array<Awaited<ReturnType<typeof renderSettlement>>>(toRender.length);
  await eachLimited([...toRender.keys()], deps.rendering?.concurrency ?? 1, async (i) => {
    rendered[i] = await renderSettlement(deps, toRender[i]!.input);
  });
  const writes: SettlementWrite[] = [];
  for (const [i, { index, row, period, docs, inputSha256 }] of toRender.entries()) {
    const document = rendered[i];
    if (!document) continue;
    const same = docs.find((doc) => doc.sha256 === document.description.sha256);
    if (same) {
      outcomes[index] = { status: 'unchanged', kind: document.kind, documentId: same.id };
      continue;
    }
    writes.push({ index, tenant: row.tenant, dossier: row.dossier, period, ...document, inputSha256 });
  }
  return { outcomes, periods, writes };
}

/** The write of issueSettlementBatch: one transaction; what another writer issued meanwhile is "unchanged". */
export async function writeSettlements(deps: Pick<DocumentDeps, 'db' | 'clock'>, { outcomes, periods, writes }: SettlementPlan): Promise<SettlementOutcome[]> {
  if (writes.length === 0) return outcomes;
  const now = deps.clock();
  await withTenantsWrite(deps.db, writes.map((write) => write.tenant.id), async (tx, versions) => {
    const current = await liveDocumentsOf(tx, writes.map((write) => write.dossier.id), periods, ['quittance', 'recu']);
    const newBlobs = new Map<string, typeof blobs.$inferInsert>();
    const newDocuments: (typeof documents.$inferInsert)[] = [];
    const newInputs: (typeof documentInputs.$inferInsert)[] = [];
    const newActivities: Parameters<typeof addActivities>[1] = [];
    const newNotifications: Parameters<typeof addNotifications>[1] = [];
    for (const { index, tenant, dossier, period, kind, bytes, description, inputSha256 } of writes) {
      const docs = (current.get(dossier.id) ?? []).filter((doc) => doc.period === period);
      const issuedHere = newDocuments.filter((doc) => doc.dossierId === dossier.id && doc.period === period);
      const already = docs.find((doc) => doc.kind === 'quittance') ?? docs.find((doc) => doc.sha256 === description.sha256) ?? issuedHere.find((doc) => doc.sha256 === description.sha256);
      if (already) {
        outcomes[index] = { status: 'unchanged', kind: already.kind as 'quittance' | 'recu', documentId: already.id! };
        continue;
      }
      const version = versions.get(tenant.id)!;
      const documentId = randomUUID();
      newBlobs.set(description.sha256, { sha256: description.sha256, mediaType: 'application/pdf', size: description.size, content: Buffer.from(bytes), createdAt: now });
      newDocuments.push({ id: documentId, tenantId: tenant.id, dossierId: dossier.id, version, updatedAt: now, kind, period, title: description.title, sha256: description.sha256, size: description.size, issuedAt: now, amountCents: description.amountCents });
      newInputs.push({ documentId, inputSha256 });
      newActivities.push({ version, at: now, tenantId: tenant.id, kind: kind === 'quittance' ? 'document.quittanceAvailable' : 'document.recuAvailable', label: kind === 'quittance' ? 'Quittance de loyer disponible' : 'Reçu de paiement disponible', refId: documentId });
      newNotifications.push({ at: { tenantId: tenant.id, version, now }, kind: 'document.published', params: { documentKind: kind, period }, refId: documentId });
      outcomes[index] = { status: 'issued', kind, documentId };
    }
    await insertNewDocuments(tx, { blobs: newBlobs, documents: newDocuments, inputs: newInputs, activities: newActivities, notifications: newNotifications });
  });
  return outcomes;
}

/** Every period a batch of ledger postings may settle: payments and allowances with a period. */
export function periodsSettledBy(entries: { kind: LedgerLine['kind']; period?: string | null }[]): string[] {
  return [...new Set(entries.filter((entry) => (entry.kind === 'payment' || entry.kind === 'apl') && entry.period).map((entry) => entry.period!))].sort();
}
