/**
 * Which rent period a card payment settles. The ledger reading itself (period amounts, payment
 * channels) lives in src/documents/ledger.ts, shared with the avis and quittance publisher. The
 * payment goes to the oldest period not paid in full; when everything is paid, to the latest period
 * with rent (an advance shown as "trop-perçu").
 */
import { periodAmounts, periodDue, periodPaid, type LedgerLine } from '../documents/ledger';

export { CARD_PAYMENT_LABEL, periodAmounts, type LedgerLine, type PeriodAmounts } from '../documents/ledger';

/** The period a new payment is allocated to; `today` (yyyy-mm-dd) gives the period when the ledger has none. */
export function allocationPeriod(lines: LedgerLine[], today: string): string {
  const periods = [...periodAmounts(lines).values()].filter((p) => p.rentCents > 0).sort((a, b) => a.period.localeCompare(b.period));
  const unpaid = periods.find((p) => periodPaid(p) < periodDue(p));
  return unpaid?.period ?? periods[periods.length - 1]?.period ?? today.slice(0, 7);
}
