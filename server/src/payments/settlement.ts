/**
 * Which rent period a card payment settles, and the document input of that period, from the
 * dossier's ledger (integer cents). The payment goes to the oldest period not paid in full; when
 * everything is paid, to the latest period with rent (an advance shown as "trop-perçu").
 */
import type { PaymentChannel, ReceivedPayment } from '../documents';

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
  /** Charges and adjustments of the period (never below 0 on a document). */
  chargesCents: number;
  housingAllowanceCents: number;
  payments: ReceivedPayment[];
}

export const CARD_PAYMENT_LABEL = 'Paiement par carte bancaire';

function channelOf(label: string): PaymentChannel {
  if (label.startsWith(CARD_PAYMENT_LABEL)) return 'carte';
  if (/pr[ée]l[èe]vement/i.test(label)) return 'prelevement';
  if (/ch[èe]que/i.test(label)) return 'cheque';
  if (/esp[èe]ces/i.test(label)) return 'especes';
  return 'virement';
}

export function periodAmounts(lines: LedgerLine[]): Map<string, PeriodAmounts> {
  const byPeriod = new Map<string, PeriodAmounts & { otherCharges: number }>();
  for (const line of lines) {
    if (!line.period) continue;
    const entry = byPeriod.get(line.period) ?? { period: line.period, rentCents: 0, chargesCents: 0, otherCharges: 0, housingAllowanceCents: 0, payments: [] };
    if (line.kind === 'rent') entry.rentCents += line.amountCents;
    else if (line.kind === 'charges' || line.kind === 'adjustment') entry.otherCharges += line.amountCents;
    else if (line.kind === 'apl') entry.housingAllowanceCents -= line.amountCents;
    // A positive "payment" line is a reversal (rejected debit): it is not money received.
    else if (line.kind === 'payment' && line.amountCents < 0) entry.payments.push({ date: line.date, amountCents: -line.amountCents, channel: channelOf(line.label) });
    byPeriod.set(line.period, entry);
  }
  return new Map(
    [...byPeriod].map(([period, { otherCharges, ...entry }]) => [period, { ...entry, chargesCents: Math.max(0, otherCharges), housingAllowanceCents: Math.max(0, entry.housingAllowanceCents) }]),
  );
}

const dueOf = (p: PeriodAmounts) => p.rentCents + p.chargesCents;
const paidOf = (p: PeriodAmounts) => p.housingAllowanceCents + p.payments.reduce((sum, payment) => sum + payment.amountCents, 0);

/** The period a new payment is allocated to; `today` (yyyy-mm-dd) gives the period when the ledger has none. */
export function allocationPeriod(lines: LedgerLine[], today: string): string {
  const periods = [...periodAmounts(lines).values()].filter((p) => p.rentCents > 0).sort((a, b) => a.period.localeCompare(b.period));
  const unpaid = periods.find((p) => paidOf(p) < dueOf(p));
  return unpaid?.period ?? periods[periods.length - 1]?.period ?? today.slice(0, 7);
}
