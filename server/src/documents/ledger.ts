/**
 * From a dossier's ledger (integer cents) to what the documents say about a period: what was due
 * (rent, charges, adjustments, housing allowance) and what was received, with the channel of each
 * payment. Shared by the avis d'échéance publisher, the settlement documents (quittance / reçu)
 * and the card-payment flow, so they all read the ledger the same way.
 */
import { and, asc, eq } from 'drizzle-orm';
import { anyOf } from '../db/bulk';
import type { Db, Tx } from '../db/client';
import { ledgerEntries } from '../db/schema';
import type { AmountLine, PaymentChannel, ReceivedPayment } from './types';

export interface LedgerLine {
  date: string;
  kind: 'rent' | 'charges' | 'apl' | 'payment' | 'adjustment';
  label: string;
  amountCents: number;
  period: string | null;
}

export interface PeriodAmounts {
  period: string;
  rentCents: number;
  /** Charges of the period, with its adjustments in the tenant's disfavour (positive ones). */
  chargesCents: number;
  /**
   * Lines printed on their own after the charges: the adjustments in the tenant's favour
   * (negative), an allowance clawed back (positive) when the period's APL lines net to a debt,
   * and a reversed payment that no payment of the period absorbs (withoutReversed).
   * Nothing is floored: rent + charges + these - housingAllowance is the period's total due, the
   * amount the avis d'échéance asks for (before the balance carried over).
   */
  adjustments: AmountLine[];
  /** Housing allowance received for the period (the net of its APL lines when in the tenant's favour). */
  housingAllowanceCents: number;
  /** The tenant's payments of the period, reversed ones (rejected debits) taken out. */
  payments: ReceivedPayment[];
}

/** Label of the line owed when a period's APL lines net to a debt (allowance recovered by the CAF). */
export const HOUSING_ALLOWANCE_RECOVERED_LABEL = 'APL à rembourser';

/** Label of the ledger credit of a card payment ("Paiement par carte bancaire n° 000123"). */
export const CARD_PAYMENT_LABEL = 'Paiement par carte bancaire';

/** The channel of a payment line, from its label (the ledger has no channel column). */
export function channelOf(label: string): PaymentChannel {
  if (label.startsWith(CARD_PAYMENT_LABEL)) return 'carte';
  if (/pr[ée]l[èe]vement/i.test(label)) return 'prelevement';
  if (/ch[èe]que/i.test(label)) return 'cheque';
  if (/esp[èe]ces/i.test(label)) return 'especes';
  return 'virement';
}

export function periodAmounts(lines: LedgerLine[]): Map<string, PeriodAmounts> {
  const byPeriod = new Map<string, PeriodAmounts & { aplCents: number }>();
  const reversals = new Map<string, LedgerLine[]>();
  for (const line of lines) {
    if (!line.period) continue;
    const entry = byPeriod.get(line.period) ?? { period: line.period, rentCents: 0, chargesCents: 0, adjustments: [], aplCents: 0, housingAllowanceCents: 0, payments: [] };
    if (line.kind === 'rent') entry.rentCents += line.amountCents;
    else if (line.kind === 'charges' || (line.kind === 'adjustment' && line.amountCents >= 0)) entry.chargesCents += line.amountCents;
    else if (line.kind === 'adjustment') entry.adjustments.push({ label: line.label, amountCents: line.amountCents });
    else if (line.kind === 'apl') entry.aplCents -= line.amountCents;
    else if (line.kind === 'payment' && line.amountCents < 0) entry.payments.push({ date: line.date, amountCents: -line.amountCents, channel: channelOf(line.label) });
    else if (line.kind === 'payment' && line.amountCents > 0) (reversals.get(line.period) ?? reversals.set(line.period, []).get(line.period)!).push(line);
    byPeriod.set(line.period, entry);
  }
  return new Map(
    [...byPeriod].map(([period, { aplCents, ...entry }]) => {
      const { payments, unmatched } = withoutReversed(entry.payments, reversals.get(period) ?? []);
      return [
        period,
        {
          ...entry,
          payments,
          adjustments: [
            ...entry.adjustments,
            ...(aplCents < 0 ? [{ label: HOUSING_ALLOWANCE_RECOVERED_LABEL, amountCents: -aplCents }] : []),
            ...unmatched.map((line) => ({ label: line.label, amountCents: line.amountCents })),
          ],
          housingAllowanceCents: Math.max(0, aplCents),
        },
      ];
    }),
  );
}

/**
 * A positive "payment" line is a reversal: a direct debit rejected by the tenant's bank, a
 * cheque returned unpaid. The money was never received, so the payment it reverses leaves the
 * period: the latest payment of the same amount made on or before it, else the latest of the same
 * amount; a reversal that matches no payment takes its amount off the latest payments (its
 * label names it). What no payment of the period can absorb (a payment of another period
 * reversed here) is owed: it is printed as its own line of the total due.
 */
function withoutReversed(received: ReceivedPayment[], reversals: LedgerLine[]): { payments: ReceivedPayment[]; unmatched: LedgerLine[] } {
  const payments = [...received].sort((a, b) => a.date.localeCompare(b.date));
  const unmatched: LedgerLine[] = [];
  for (const reversal of [...reversals].sort((a, b) => a.date.localeCompare(b.date))) {
    const sameAmount = (p: ReceivedPayment) => p.amountCents === reversal.amountCents;
    const match = lastIndex(payments, (p) => sameAmount(p) && p.date <= reversal.date);
    const index = match >= 0 ? match : lastIndex(payments, sameAmount);
    if (index >= 0) {
      payments.splice(index, 1);
      continue;
    }
    let left = reversal.amountCents;
    for (let i = payments.length - 1; i >= 0 && left > 0; i--) {
      const taken = Math.min(left, payments[i]!.amountCents);
      left -= taken;
      payments[i] = { ...payments[i]!, amountCents: payments[i]!.amountCents - taken };
    }
    if (left > 0) unmatched.push({ ...reversal, amountCents: left });
  }
  return { payments: payments.filter((p) => p.amountCents > 0), unmatched };
}

function lastIndex<T>(items: T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

const sumCents = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** Rent + charges + adjustments of either sign (the allowance is counted as received, in periodPaid). */
export const periodDue = (p: PeriodAmounts): number => p.rentCents + p.chargesCents + sumCents(p.adjustments.map((line) => line.amountCents));
export const periodPaid = (p: PeriodAmounts): number => p.housingAllowanceCents + sumCents(p.payments.map((payment) => payment.amountCents));

export interface PeriodSettlement {
  /** The period's total due: rent + charges + adjustments - housing allowance, what the avis asks for. */
  totalDueCents: number;
  /** What the tenant paid for the period. */
  paidCents: number;
  /** totalDue - paid: what remains due (negative: overpaid). */
  remainingCents: number;
  /** 'quittance' when the payments (with the allowance) cover the period's total due, else 'recu'. */
  kind: 'quittance' | 'recu';
}

/** The settlement decision of a period, in integer cents, on its total due (nothing floored). */
export function periodSettlement(p: PeriodAmounts): PeriodSettlement {
  const totalDueCents = periodDue(p) - p.housingAllowanceCents;
  const paidCents = periodPaid(p) - p.housingAllowanceCents;
  const remainingCents = totalDueCents - paidCents;
  return { totalDueCents, paidCents, remainingCents, kind: remainingCents <= 0 ? 'quittance' : 'recu' };
}

const lineColumns = { date: ledgerEntries.date, kind: ledgerEntries.kind, label: ledgerEntries.label, amountCents: ledgerEntries.amountCents, period: ledgerEntries.period };

/** The dossier's live ledger lines (tombstoned entries left out), in posting order. */
export async function ledgerLines(db: Db | Tx, dossierId: string): Promise<LedgerLine[]> {
  return db
    .select(lineColumns)
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.dossierId, dossierId), eq(ledgerEntries.deleted, false)))
    .orderBy(asc(ledgerEntries.postingSeq));
}

/** The live ledger lines of many dossiers in one query (batch publishing), in posting order, by dossier id. */
export async function ledgerLinesByDossier(db: Db | Tx, dossierIds: string[]): Promise<Map<string, LedgerLine[]>> {
  const byDossier = new Map<string, LedgerLine[]>(dossierIds.map((id) => [id, []]));
  if (dossierIds.length === 0) return byDossier;
  const rows = await db
    .select({ dossierId: ledgerEntries.dossierId, ...lineColumns })
    .from(ledgerEntries)
    .where(and(anyOf(ledgerEntries.dossierId, dossierIds), eq(ledgerEntries.deleted, false)))
    .orderBy(asc(ledgerEntries.postingSeq));
  for (const { dossierId, ...line } of rows) byDossier.get(dossierId)?.push(line);
  return byDossier;
}
