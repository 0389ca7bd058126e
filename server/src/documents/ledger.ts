/**
 * From a dossier's ledger (integer cents) to what the documents say about a period: what was due
 * (rent, charges, adjustments, housing allowance) and what was received, with the channel of each
 * payment. Shared by the avis d'échéance publisher, the settlement documents (quittance / reçu)
 * and the card-payment flow, so they all read the ledger the same way.
 */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { ledgerEntries } from '../db/schema';
import type { PaymentChannel, ReceivedPayment } from './types';

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

export const periodDue = (p: PeriodAmounts): number => p.rentCents + p.chargesCents;
export const periodPaid = (p: PeriodAmounts): number => p.housingAllowanceCents + p.payments.reduce((sum, payment) => sum + payment.amountCents, 0);

/** The dossier's live ledger lines (tombstoned entries left out). */
export async function ledgerLines(db: Db | Tx, dossierId: string): Promise<LedgerLine[]> {
  return db
    .select({ date: ledgerEntries.date, kind: ledgerEntries.kind, label: ledgerEntries.label, amountCents: ledgerEntries.amountCents, period: ledgerEntries.period })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.dossierId, dossierId), eq(ledgerEntries.deleted, false)));
}
