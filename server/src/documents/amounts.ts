/**
 * Sums printed on the documents, in integer cents only: a tenant who pays 3 x 333,33 € has paid
 * 999,99 €, not 999.9899999 €. Exported so the admin CLI and the payment flow compute the same
 * totals the documents show.
 */
import { requireCents } from './kind';
import type { AvisEcheanceInput, PeriodSettlementInput } from './types';

const sum = (values: number[]): number => values.reduce((total, value) => total + value, 0);

/** Amount of the period itself: rent + charges + adjustments - housing allowance. */
export function avisPeriodAmountCents(input: AvisEcheanceInput): number {
  requireCents('rentCents', input.rentCents);
  requireCents('chargesCents', input.chargesCents);
  requireCents('housingAllowanceCents', input.housingAllowanceCents);
  input.adjustments.forEach((line, index) => requireCents(`adjustments[${index}].amountCents`, line.amountCents));
  return input.rentCents + input.chargesCents + sum(input.adjustments.map((line) => line.amountCents)) - input.housingAllowanceCents;
}

/** TOTAL À PAYER of the notice: the period's amount plus the balance carried over (negative = credit). */
export function avisTotalCents(input: AvisEcheanceInput): number {
  requireCents('previousBalanceCents', input.previousBalanceCents);
  return avisPeriodAmountCents(input) + input.previousBalanceCents;
}

/** What the period costs: rent + charges (art. 21 distinguishes them; both are due) + adjustments of either sign. */
export function periodDueCents(input: PeriodSettlementInput): number {
  requireCents('rentCents', input.rentCents);
  requireCents('chargesCents', input.chargesCents);
  const adjustments = input.adjustments ?? [];
  adjustments.forEach((line, index) => requireCents(`adjustments[${index}].amountCents`, line.amountCents));
  return input.rentCents + input.chargesCents + sum(adjustments.map((line) => line.amountCents));
}

/** What the tenant has paid for the period: their payments plus the allowance paid to the landlord for them. */
export function periodPaidCents(input: PeriodSettlementInput): number {
  requireCents('housingAllowanceCents', input.housingAllowanceCents);
  input.payments.forEach((payment, index) => requireCents(`payments[${index}].amountCents`, payment.amountCents));
  return input.housingAllowanceCents + sum(input.payments.map((payment) => payment.amountCents));
}
