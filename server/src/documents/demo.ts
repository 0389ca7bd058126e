/**
 * The demo tenant's documents (`npm run -w server demo`): for each month of the demo ledger its
 * avis d'échéance (issued 16 days before the debit on the 3rd) and its quittance, and one month
 * paid in two transfers, so "Mes documents" also shows a reçu. Rendered in parallel and stored in
 * one tenant write, so loading stays quick (about 50 small PDFs).
 */
import { eq } from 'drizzle-orm';
import type { DataCipher } from '../crypto/data-key';
import type { Db } from '../db/client';
import { dossiers, tenants } from '../db/schema';
import type { LedgerPosting } from '../balance/ledger';
import { addActivity } from '../home/activity';
import { withTenantWrite } from '../sync/versions';
import { parisDate } from '../../../src-shared/clock';
import { addDays, addMonths } from '../../../src-shared/validation/dates';
import { renderAvisEcheance } from './avis-echeance';
import { documentLandlord, NO_MAIL, SANDBOX_LANDLORD_IDENTITY } from './deps';
import { readLandlordSettings } from '../landlord/settings';
import { avisTotalCents, describeDocument, renderSettlementDocument, type DocumentDescription } from './index';
import { ledgerLines, periodAmounts } from './ledger';
import { AVIS_AVAILABLE_ACTIVITY, avisInputFor, currentBank, ibanForPrint, settlementInputFor, storeDocument } from './publish';

/** Which month of the demo is paid in two transfers (months before the current one). */
export const DEMO_PART_PAID_MONTHS_AGO = 3;

/**
 * The demo ledger with one month paid by two transfers instead of the direct debit: 200,00 € on
 * the 3rd (a reçu), the rest on the 12th (the quittance). The balance is unchanged.
 */
export function withPartPaidMonth(postings: LedgerPosting[], now: Date, monthsAgo = DEMO_PART_PAID_MONTHS_AGO): LedgerPosting[] {
  const period = addMonths(parisDate(now).slice(0, 7), -monthsAgo);
  return postings.flatMap((posting) => {
    if (posting.period !== period || posting.kind !== 'payment' || posting.amountCents >= -20_000) return [posting];
    return [
      { date: `${period}-03`, kind: 'payment' as const, label: 'Virement reçu', amountCents: -20_000, period },
      { date: `${period}-12`, kind: 'payment' as const, label: 'Virement reçu', amountCents: posting.amountCents + 20_000, period },
    ];
  });
}

const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
/** Never after `now`: a quittance issued "today" at 18:00 UTC would otherwise date from the future. */
const notAfter = (instant: Date, now: Date) => (instant > now ? now : instant);

interface Rendered {
  description: DocumentDescription;
  bytes: Uint8Array;
  issuedAt: Date;
}

/** Issues the demo tenant's documents from its ledger; returns how many. */
export async function issueDemoDocuments(deps: { db: Db; cipher: DataCipher; now: Date }, tenantId: string, options: { partPaidMonthsAgo?: number } = {}): Promise<number> {
  const docDeps = {
    db: deps.db,
    cipher: deps.cipher,
    clock: () => deps.now,
    mailer: NO_MAIL,
    landlord: { settings: () => readLandlordSettings(deps.db), identity: SANDBOX_LANDLORD_IDENTITY },
  };
  const { letterhead } = await documentLandlord(docDeps);
  const [tenant] = await deps.db.select().from(tenants).where(eq(tenants.id, tenantId));
  const [dossier] = await deps.db.select().from(dossiers).where(eq(dossiers.tenantId, tenantId));
  if (!tenant || !dossier) return 0;
  const bank = await currentBank(deps.db, dossier.id);
  const lines = await ledgerLines(deps.db, dossier.id);
  const today = parisDate(deps.now);
  const partPaid = addMonths(today.slice(0, 7), -(options.partPaidMonthsAgo ?? DEMO_PART_PAID_MONTHS_AGO));
  const jobs: Promise<Rendered | null>[] = [];

  for (const amounts of periodAmounts(lines).values()) {
    const period = amounts.period;
    const debitDay = `${period}-${String(dossier.directDebitDay ?? 3).padStart(2, '0')}`;
    const issuedOn = addDays(debitDay, -16);
    const avis = avisInputFor({ tenant, dossier, bank, lines }, letterhead, period, issuedOn, { ibanForPrint: () => ibanForPrint(docDeps, bank) });
    if (avis) jobs.push(renderAvisEcheance(avis).then((bytes) => ({ description: describeDocument('avis_echeance', period, bytes, { amountCents: avisTotalCents(avis) }), bytes, issuedAt: at(issuedOn, 8) })));
    const settle = (input: ReturnType<typeof settlementInputFor>) =>
      renderSettlementDocument(input).then((doc) => (doc ? { description: doc.description, bytes: doc.bytes, issuedAt: notAfter(at(input.issuedOn, 18), deps.now) } : null));
    // The part-paid month: the reçu of the first transfer, as it was issued that day.
    if (period === partPaid && amounts.payments.length > 1) {
      const first = [...amounts.payments].sort((a, b) => a.date.localeCompare(b.date))[0]!;
      jobs.push(settle(settlementInputFor(tenant, dossier, letterhead, { ...amounts, housingAllowanceCents: 0, payments: [first] }, today)));
    }
    jobs.push(settle(settlementInputFor(tenant, dossier, letterhead, amounts, today)));
  }
  const rendered = (await Promise.all(jobs)).filter((doc): doc is Rendered => doc !== null).sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
  await withTenantWrite(deps.db, tenantId, async (tx, version) => {
    let lastAvis: { id: string; issuedAt: Date } | null = null;
    for (const doc of rendered) {
      const id = await storeDocument(tx, version, deps.now, tenantId, dossier.id, doc.description, doc.bytes, doc.issuedAt);
      if (doc.description.kind === 'avis_echeance') lastAvis = { id, issuedAt: doc.issuedAt };
    }
    if (lastAvis) await addActivity(tx, version, lastAvis.issuedAt, tenantId, 'document.avisAvailable', AVIS_AVAILABLE_ACTIVITY, lastAvis.id);
  });
  return rendered.length;
}
