/**
 * Blocks common to the quittance and the reçu, which describe the same thing (what a period cost
 * and what was received for it) with different legal weight.
 */
import { DocumentRefusedError } from './errors';
import { requireCents } from './kind';
import { MARGIN, RIGHT_EDGE, type PageWriter } from './page-writer';
import { drawAmountTable, type AmountRow } from './sections';
import { periodDueCents, periodPaidCents } from './amounts';
import { addressInline, CHANNEL_LABELS, date, euros, periodBounds, requireIsoDate, tenantName } from './text';
import type { PeriodSettlementInput, ReceivedPayment } from './types';

/** Payments in date order (then as given), so the order of the input does not change the document. */
export function sortedPayments(input: PeriodSettlementInput): ReceivedPayment[] {
  input.payments.forEach((payment, index) => {
    requireIsoDate(`payments[${index}].date`, payment.date);
    requireCents(`payments[${index}].amountCents`, payment.amountCents);
    if (payment.amountCents <= 0) {
      throw new DocumentRefusedError('invalid_input', `Un paiement reçu est un montant positif (payments[${index}] : ${payment.amountCents}).`, { index });
    }
  });
  return input.payments.map((payment, index) => ({ payment, index })).sort((a, b) => a.payment.date.localeCompare(b.payment.date) || a.index - b.index).map(({ payment }) => payment);
}

/** What the tenant paid for the period, their own payments only (the allowance is the CAF's). */
export function tenantPaidCents(input: PeriodSettlementInput): number {
  return periodPaidCents(input) - input.housingAllowanceCents;
}

/**
 * Who paid what, one line each: the tenant's payments ("Prélèvement du 03/12/2026"), then the
 * allowance the CAF paid to the landlord (tiers payant). The statement above the table gives the
 * tenant's own total (receivedFrom); a subtotal row here would push a usual quittance to a second page.
 */
export function receivedRows(input: PeriodSettlementInput): AmountRow[] {
  const allowance = input.housingAllowanceLabel ?? 'APL';
  const payments = sortedPayments(input);
  return [
    ...payments.map((payment) => ({ label: `${CHANNEL_LABELS[payment.channel]} du ${date(payment.date)}`, amountCents: payment.amountCents })),
    ...(input.housingAllowanceCents > 0 ? [{ label: `${allowance} versée par la CAF pour votre compte`, amountCents: input.housingAllowanceCents }] : []),
  ];
}

/**
 * "de Mme DUPONT Martine, locataire, la somme de 1 178,88 €, et de la CAF, pour son compte,
 * 210,00 € d'APL, soit 1 388,88 €": the tenant is said to have paid what they paid, not the
 * allowance the CAF paid for them.
 */
export function receivedFrom(input: PeriodSettlementInput): string {
  const allowance = `${euros(input.housingAllowanceCents)} d'${input.housingAllowanceLabel ?? 'APL'}`;
  const tenant = `${tenantName(input.tenant)}, locataire`;
  const byTenant = tenantPaidCents(input);
  if (input.housingAllowanceCents <= 0) return `de ${tenant}, la somme de ${euros(byTenant)}`;
  if (byTenant <= 0) return `de la CAF, pour le compte de ${tenant}, ${allowance}`;
  return `de ${tenant}, la somme de ${euros(byTenant)}, et de la CAF, pour son compte, ${allowance}, soit ${euros(periodPaidCents(input))}`;
}

/** Art. 21 names the parties and the dwelling: one labelled line each, read as a table of label (row header) and value. */
export function drawParties(w: PageWriter, input: PeriodSettlementInput): void {
  const lines: [string, string][] = [
    ['Bailleur', `${input.landlord.name}, ${addressInline(input.landlord.address)}`],
    ['Locataire', tenantName(input.tenant)],
    ['Logement loué', addressInline(input.dwelling)],
    [input.landlord.tenantReferenceLabel ?? 'Référence locataire', input.tenant.reference],
    ['Dossier n°', input.dossierNumber],
  ];
  w.moveDown(8);
  w.group('Table', () => {
    for (const [label, value] of lines) {
      w.group('TR', () => {
        w.tagged('TH', () => w.text(label, MARGIN, w.y, { size: 9, bold: true, color: w.theme.muted }), { scope: 'Row' });
        w.tagged('TD', () => {
          for (const line of w.wrap(value, RIGHT_EDGE - 140, { size: 10 })) {
            w.text(line, 140, w.y, { size: 10 });
            w.moveDown(13);
          }
        });
      });
      w.moveDown(2);
    }
  });
  w.moveDown(8);
}

export interface SettlementWording {
  /**
   * What the sum was received for, after who paid it: " au titre du loyer et des charges", ", dont
   * 1 388,88 € au titre du loyer et des charges" (an overpayment), " en paiement partiel du loyer
   * et des charges".
   */
  receivedFor: string;
  /** End of the statement: ", et lui en donne quittance, ..." or "."; then any sentence that follows (the advance). */
  closing: string;
  /** Rows of the "Paiements reçus" table after who paid what (totals). */
  totals: AmountRow[];
}

/**
 * Parties, the landlord's statement, then what was due (rent and charges separately, as art. 21
 * asks) and what was received, from whom, with dates.
 */
export function drawSettlementBody(w: PageWriter, input: PeriodSettlementInput, wording: SettlementWording): void {
  const { first, last } = periodBounds(input.period);
  drawParties(w, input);
  const statement =
    `${input.landlord.name}, bailleur, déclare avoir reçu ${receivedFrom(input)}${wording.receivedFor} du logement situé ` +
    `${addressInline(input.dwelling)}, pour la période du ${first} au ${last}${wording.closing}`;
  w.tagged('P', () => w.paragraph(statement, { size: 10 }));
  w.moveDown(10);
  drawAmountTable(w, 'Sommes dues pour la période', [
    { label: 'Loyer hors charges', amountCents: input.rentCents },
    { label: 'Charges', amountCents: input.chargesCents },
    ...(input.adjustments ?? []).map((line) => ({ label: line.label, amountCents: line.amountCents })),
    { label: 'Total dû', amountCents: periodDueCents(input), emphasis: 'subtotal' },
  ]);
  drawAmountTable(w, 'Paiements reçus', [...receivedRows(input), ...wording.totals]);
}

/** "Fait à Versailles, le 05/12/2026", "Pour le bailleur,", its name: right-aligned, as a signature block. */
export function drawPlaceAndDate(w: PageWriter, input: PeriodSettlementInput): void {
  const place = input.placeOfIssue ?? input.landlord.address.city;
  w.ensureSpace(42);
  w.tagged('P', () => {
    for (const [line, bold] of [[`Fait à ${place}, le ${date(input.issuedOn)}`, false], ['Pour le bailleur,', false], [input.landlord.name, true]] as const) {
      w.text(line, RIGHT_EDGE, w.y, { size: 10, bold, align: 'right' });
      w.moveDown(14);
    }
  });
}
