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
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Landlord } from '../../../src-shared/api/landlord';
import type { Db, Tx } from '../db/client';
import { accounts, bankAccounts, blobs, documents, dossiers, tenants } from '../db/schema';
import { addActivity } from '../home/activity';
import { compose } from '../mail/templates';
import { withTenantWrite } from '../sync/versions';
import { daysInMonth } from '../../../src-shared/validation/dates';
import { parisDate } from '../../../src-shared/clock';
import { renderAvisEcheance } from './avis-echeance';
import { documentLandlord, type DocumentDeps } from './deps';
import { isDocumentRefusedError } from './errors';
import { describeDocument, renderSettlementDocument, type DocumentDescription } from './index';
import { HOUSING_ALLOWANCE_RECOVERED_LABEL, ledgerLines, periodAmounts, periodDue, periodSettlement, type LedgerLine, type PeriodAmounts } from './ledger';
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

async function liveDocuments(db: Db | Tx, dossierId: string, period: string, kinds: DocumentKind[]) {
  return db
    .select()
    .from(documents)
    .where(and(eq(documents.dossierId, dossierId), eq(documents.period, period), inArray(documents.kind, kinds), eq(documents.deleted, false)))
    .orderBy(asc(documents.issuedAt));
}

/**
 * The same notice as `existing`? Re-rendered with the existing notice's issue date (and its
 * rectificatif wording), the same content gives the same bytes, so the same SHA-256: any change of
 * amount, due date, payment method, address or letterhead is seen, nothing else is.
 */
async function sameNotice(input: AvisEcheanceInput, existing: typeof documents.$inferSelect): Promise<boolean> {
  try {
    const bytes = await renderAvisEcheance({ ...input, issuedOn: isoDay(existing.issuedAt), rectificatif: existing.title.includes('rectificatif') });
    return describeDocument('avis_echeance', input.period, bytes).sha256 === existing.sha256;
  } catch (error) {
    if (isDocumentRefusedError(error)) return false;
    throw error;
  }
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
  });
  return id;
}

/** "MARTINE" -> "Martine", "JEAN-PIERRE" -> "Jean-Pierre": the only personal datum of the paperless mail. */
export function displayFirstName(firstName: string): string {
  return firstName.toLocaleLowerCase('fr-FR').replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toLocaleUpperCase('fr-FR'));
}

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
async function mailAddressOf(db: Db, tenant: TenantRow): Promise<string | null> {
  const [account] = await db.select({ email: accounts.email }).from(accounts).where(eq(accounts.tenantId, tenant.id));
  return account?.email ?? tenant.contactEmail ?? null;
}

export interface PublishNoticesParams {
  /** "yyyy-mm". */
  period: string;
  /** One tenant only (Numéro TG); default every tenant. */
  tenantReference?: string;
  /** Due day of tenants who pay on the portal; default DEFAULT_DUE_DAY. */
  dueDay?: number;
}

/** Publishes the avis d'échéance of `period`; see the file comment. Dossiers are processed one by one (one tenant write each). */
export async function publishMonthNotices(deps: DocumentDeps, params: PublishNoticesParams): Promise<PublishNoticesResult> {
  const period = requirePeriod(params.period);
  const { settings, letterhead } = await documentLandlord(deps);
  const tenantRows = await deps.db
    .select()
    .from(tenants)
    .where(params.tenantReference ? eq(tenants.reference, params.tenantReference) : undefined)
    .orderBy(asc(tenants.reference));
  const result: PublishNoticesResult = { period, published: 0, unchanged: 0, superseded: 0, skipped: 0, refused: 0, mailed: 0, toPost: [], notices: [] };
  if (params.tenantReference && tenantRows.length === 0) {
    result.notices.push({ tenantReference: params.tenantReference, dossierNumber: '', status: 'skipped', reason: 'Numéro TG inconnu' });
    result.skipped++;
    return result;
  }
  for (const tenant of tenantRows) {
    const dossierRows = await deps.db
      .select()
      .from(dossiers)
      .where(and(eq(dossiers.tenantId, tenant.id), eq(dossiers.deleted, false)))
      .orderBy(asc(dossiers.number));
    for (const dossier of dossierRows) {
      const outcome = await publishDossierNotice(deps, { tenant, dossier, period, letterhead, dueDay: params.dueDay });
      result.notices.push(outcome);
      result[outcome.status]++;
      if (outcome.status !== 'published' && outcome.status !== 'superseded') continue;
      if (outcome.delivery === 'mail') {
        const to = await mailAddressOf(deps.db, tenant);
        try {
          await deps.mailer.send(avisAvailableMail(settings, to!, tenant.firstName, period, outcome.status === 'superseded'));
          result.mailed++;
        } catch (error) {
          // The notice is published (it syncs); only the mail failed: post it rather than lose it.
          deps.log?.('documents: paperless mail failed, notice listed to post', { tenantReference: tenant.reference, error: String(error) });
          outcome.delivery = 'post';
        }
      }
      if (outcome.delivery === 'post') {
        result.toPost.push({
          tenantReference: tenant.reference,
          name: [tenant.civility, tenant.lastName, tenant.firstName].join(' '),
          dossierNumber: dossier.number,
          address: `${dossier.addressLine}, ${dossier.postalCode} ${dossier.city}`,
          documentId: outcome.documentId!,
        });
      }
    }
  }
  return result;
}

async function publishDossierNotice(
  deps: DocumentDeps,
  { tenant, dossier, period, letterhead, dueDay }: { tenant: TenantRow; dossier: DossierRow; period: string; letterhead: DocumentLandlord; dueDay?: number },
): Promise<NoticeOutcome> {
  const base = { tenantReference: tenant.reference, dossierNumber: dossier.number };
  const now = deps.clock();
  const bank = await currentBank(deps.db, dossier.id);
  const source: AvisSource = { tenant, dossier, bank, lines: await ledgerLines(deps.db, dossier.id) };
  const input = avisInputFor(source, letterhead, period, isoDay(now), { dueDay, ibanForPrint: () => ibanForPrint(deps, bank) });
  if (!input) return { ...base, status: 'skipped', reason: `Aucune échéance au compte pour ${period}` };

  const existing = await liveDocuments(deps.db, dossier.id, period, ['avis_echeance']);
  const latest = existing[existing.length - 1];
  if (latest && (await sameNotice(input, latest))) return { ...base, status: 'unchanged', documentId: latest.id, sha256: latest.sha256 };

  const rectificatif = existing.length > 0;
  let bytes: Uint8Array;
  try {
    bytes = await renderAvisEcheance({ ...input, rectificatif });
  } catch (error) {
    if (isDocumentRefusedError(error)) return { ...base, status: 'refused', reason: error.message };
    throw error;
  }
  const description = describeDocument('avis_echeance', period, bytes, { rectificatif });
  const mailTo = tenant.paperless ? await mailAddressOf(deps.db, tenant) : null;
  const totalCents = Math.max(0, input.rentCents + input.chargesCents + input.adjustments.reduce((t, l) => t + l.amountCents, 0) - input.housingAllowanceCents + input.previousBalanceCents);

  return withTenantWrite(deps.db, tenant.id, async (tx, version): Promise<NoticeOutcome> => {
    // Under the tenant's lock: a concurrent publisher may have stored this very notice meanwhile.
    const current = await liveDocuments(tx, dossier.id, period, ['avis_echeance']);
    const same = current.find((doc) => doc.sha256 === description.sha256);
    if (same) return { ...base, status: 'unchanged', documentId: same.id, sha256: same.sha256 };
    if (current.length > 0) {
      await tx.update(documents).set({ deleted: true, version, updatedAt: now }).where(inArray(documents.id, current.map((doc) => doc.id)));
    }
    const documentId = await storeDocument(tx, version, now, tenant.id, dossier.id, description, bytes);
    await addActivity(tx, version, now, tenant.id, current.length > 0 ? 'document.avisCorrected' : 'document.avisAvailable', current.length > 0 ? AVIS_CORRECTED_ACTIVITY : AVIS_AVAILABLE_ACTIVITY, documentId);
    return {
      ...base,
      status: current.length > 0 ? 'superseded' : 'published',
      documentId,
      sha256: description.sha256,
      totalCents,
      ...(current.length > 0 ? { supersededId: current[current.length - 1]!.id } : {}),
      delivery: tenant.paperless && mailTo ? 'mail' : 'post',
    };
  });
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

/**
 * After a payment (debit, transfer, card, cheque...) or an allowance is posted on `period`: the
 * quittance when the period is paid in full, else a reçu. Dated the day of the last payment of the
 * period, so the same payments always give the same document (and the same SHA-256): calling it
 * again without a new payment issues nothing.
 */
export async function issueSettlementDocuments(deps: Omit<DocumentDeps, 'mailer'>, params: { dossierId: string; period: string }): Promise<SettlementOutcome> {
  const period = requirePeriod(params.period);
  const [dossier] = await deps.db.select().from(dossiers).where(eq(dossiers.id, params.dossierId));
  if (!dossier) return { status: 'none' };
  const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, dossier.tenantId));
  if (!tenant) return { status: 'none' };
  const amounts = periodAmounts(await ledgerLines(deps.db, dossier.id)).get(period);
  // Nothing owed for the period (a credit adjustment may cover it all): no document.
  if (!amounts || periodDue(amounts) <= 0) return { status: 'none' };
  // The allowance alone (often booked ahead, at the échéance) is no payment by the tenant: no reçu
  // for it; it still completes a period the tenant paid, or covers it in full (quittance).
  if (amounts.payments.length === 0 && periodSettlement(amounts).kind === 'recu') return { status: 'none' };

  const existing = await liveDocuments(deps.db, dossier.id, period, ['quittance', 'recu']);
  const quittance = existing.find((doc) => doc.kind === 'quittance');
  if (quittance) return { status: 'unchanged', kind: 'quittance', documentId: quittance.id };

  const { letterhead } = await documentLandlord(deps);
  const rendered = await renderSettlementDocument(settlementInputFor(tenant, dossier, letterhead, amounts, isoDay(deps.clock())));
  if (!rendered) return { status: 'none' };
  const { kind, bytes, description } = rendered;
  const same = existing.find((doc) => doc.sha256 === description.sha256);
  if (same) return { status: 'unchanged', kind, documentId: same.id };

  const now = deps.clock();
  return withTenantWrite(deps.db, tenant.id, async (tx, version): Promise<SettlementOutcome> => {
    const current = await liveDocuments(tx, dossier.id, period, ['quittance', 'recu']);
    const already = current.find((doc) => doc.kind === 'quittance') ?? current.find((doc) => doc.sha256 === description.sha256);
    if (already) return { status: 'unchanged', kind: already.kind as 'quittance' | 'recu', documentId: already.id };
    const documentId = await storeDocument(tx, version, now, tenant.id, dossier.id, description, bytes);
    await addActivity(tx, version, now, tenant.id, kind === 'quittance' ? 'document.quittanceAvailable' : 'document.recuAvailable', kind === 'quittance' ? 'Quittance de loyer disponible' : 'Reçu de paiement disponible', documentId);
    return { status: 'issued', kind, documentId };
  });
}

/** Every period a batch of ledger postings may settle: payments and allowances with a period. */
export function periodsSettledBy(entries: { kind: LedgerLine['kind']; period?: string | null }[]): string[] {
  return [...new Set(entries.filter((entry) => (entry.kind === 'payment' || entry.kind === 'apl') && entry.period).map((entry) => entry.period!))].sort();
}
