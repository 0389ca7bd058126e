/**
 * Avis d'échéance (rent notice): what is due for the period and how it will be paid. For tenants
 * paying by direct debit it is also the SEPA pre-notification (amount, debit date, mandate RUM,
 * creditor ICS), which must reach them at least 14 days before the debit (SEPA Core rulebook,
 * unless the mandate says otherwise). It is NOT a quittance and says so: a quittance can only
 * follow payment (loi n° 89-462 du 6 juillet 1989, art. 21).
 */
import { avisPeriodAmountCents, avisTotalCents } from './amounts';
import { DocumentRefusedError } from './errors';
import { openDocument, saveDocument } from './pdf-document';
import { MARGIN, RIGHT_EDGE, type PageWriter } from './page-writer';
import { drawAmountTable, drawFacts, drawNotice, drawSectionHeading, drawTitle, type AmountRow } from './sections';
import { date, euros, LAW_89_462_ART_21, numbered, periodBounds, periodLabel, requireIsoDate } from './text';
import type { AvisEcheanceInput, PaymentMethodInput } from './types';

/** SEPA Core rulebook default: the debtor is told at least 14 calendar days before the debit. */
export const SEPA_PRE_NOTIFICATION_DAYS = 14;

export async function renderAvisEcheance(input: AvisEcheanceInput): Promise<Uint8Array> {
  requireIsoDate('dueDate', input.dueDate);
  checkPreNotificationDelay(input);
  const periodCents = avisPeriodAmountCents(input);
  const totalCents = avisTotalCents(input);
  const period = periodLabel(input.period);
  const bounds = periodBounds(input.period);
  const allowance = input.housingAllowanceLabel ?? 'APL';

  const doc = await openDocument(
    'avis_echeance',
    input,
    `Avis d'échéance${input.rectificatif ? ' rectificatif' : ''} de ${period}, ${numbered('dossier', input.dossierNumber)} : ` +
      (totalCents > 0 ? `${euros(totalCents)} à payer au ${date(input.dueDate)}.` : 'rien à payer.'),
    { rectificatif: input.rectificatif === true },
  );
  const w = doc.writer;
  drawTitleAndFacts(w, input, period, bounds);

  const rows: AmountRow[] = [
    { label: 'Loyer hors charges', amountCents: input.rentCents },
    { label: 'Provisions pour charges', amountCents: input.chargesCents },
    ...input.adjustments.map((line) => ({ label: line.label, amountCents: line.amountCents })),
    ...(input.housingAllowanceCents !== 0
      ? [{ label: `${allowance} versée par la CAF à votre bailleur (en votre faveur)`, amountCents: -input.housingAllowanceCents }]
      : []),
    { label: `Montant de l'échéance de ${period}`, amountCents: periodCents, emphasis: 'subtotal' },
    {
      label: input.previousBalanceCents < 0 ? 'Solde précédent (en votre faveur)' : 'Solde précédent',
      amountCents: input.previousBalanceCents,
    },
    { label: 'TOTAL À PAYER', amountCents: Math.max(totalCents, 0), emphasis: 'total' },
  ];
  drawAmountTable(w, "Détail de l'échéance", rows);
  // Nothing to pay (a credit, or exactly nothing): said in words, and no deadline nor way to pay below.
  if (totalCents <= 0) {
    const nothing =
      totalCents < 0
        ? `Votre compte est créditeur de ${euros(-totalCents)} : vous n'avez rien à payer pour cette échéance. Ce crédit sera déduit de vos prochaines échéances.`
        : "Vous n'avez rien à payer pour cette échéance.";
    w.tagged('P', () => w.paragraph(nothing, { bold: true }));
    w.moveDown(6);
  }
  w.ensureSpace(30);
  w.tagged('P', () => w.text(`Date d'échéance : ${date(input.dueDate)}`, MARGIN, w.y, { size: 11, bold: true }));
  w.moveDown(24);

  drawPaymentMethods(w, input, Math.max(totalCents, 0));
  drawNotice(w, [
    "Cet avis n'est pas une quittance.",
    `Une quittance vous sera délivrée gratuitement une fois la période payée en totalité (${LAW_89_462_ART_21}).`,
  ]);
  return saveDocument(doc);
}

function drawTitleAndFacts(w: PageWriter, input: AvisEcheanceInput, period: string, bounds: { first: string; last: string }): void {
  drawTitle(w, input.rectificatif ? "Avis d'échéance rectificatif" : "Avis d'échéance", `Période : ${period} (du ${bounds.first} au ${bounds.last})`);
  if (input.rectificatif) {
    w.tagged('P', () => w.paragraph(`Cet avis rectificatif annule et remplace l'avis d'échéance de ${period} émis précédemment.`, { size: 10, bold: true }));
    w.moveDown(6);
  }
  drawFacts(w, [
    { label: input.landlord.tenantReferenceLabel ?? 'Référence locataire', value: input.tenant.reference },
    { label: 'Dossier n°', value: input.dossierNumber },
    { label: "Date d'émission", value: date(input.issuedOn) },
    { label: 'Total à payer', value: euros(Math.max(avisTotalCents(input), 0)) },
    { label: "Date d'échéance", value: date(input.dueDate) },
    { label: 'Mode de paiement', value: input.payment.method === 'prelevement' ? 'Prélèvement automatique' : 'Carte ou virement' },
  ]);
}

function drawPaymentMethods(w: PageWriter, input: AvisEcheanceInput, amountCents: number): void {
  const payment: PaymentMethodInput = input.payment;
  if (payment.method === 'prelevement') {
    drawSectionHeading(w, 'Prélèvement automatique SEPA : pré-notification');
    const account = payment.ibanMasked ? ` sur votre compte ${payment.ibanMasked}` : ' sur votre compte';
    const text =
      amountCents > 0
        ? `La somme de ${euros(amountCents)} sera prélevée le ${date(payment.debitDate)}${account}. Vous n'avez rien à faire.`
        : `Aucun prélèvement ne sera effectué le ${date(payment.debitDate)} pour cette échéance.`;
    w.tagged('P', () => w.paragraph(text, { size: 9.5 }));
    w.tagged('P', () => w.paragraph(
      `Votre loyer est prélevé le ${dayOfMonth(payment.debitDate)} de chaque échéance. Référence unique du mandat (RUM) : ${payment.mandateReference}. ` +
        `Créancier : ${input.landlord.name}, identifiant créancier SEPA (ICS) : ${payment.creditorId}.`,
      { size: 9.5 },
    ));
  } else if (amountCents > 0) {
    drawSectionHeading(w, 'Comment payer');
    w.tagged('P', () => w.paragraph(`À régler au plus tard le ${date(input.dueDate)} :`, { size: 9.5 }));
    w.group('L', () => {
      bullet(w, 'par carte bancaire, avec « Payer en ligne » dans votre Espace Locataire ;');
      if (payment.transfer) {
        bullet(
          w,
          `par virement sur le compte ${payment.transfer.iban} (BIC ${payment.transfer.bic}, titulaire ${payment.transfer.holder}), ` +
            `en indiquant votre ${input.landlord.tenantReferenceLabel ?? 'référence locataire'} ${input.tenant.reference} dans le libellé.`,
        );
      }
    });
  }
  w.moveDown(14);
}

/** A list item (LI: Lbl, LBody) with a hanging indent: wrapped lines align with the text, not the bullet. */
function bullet(w: PageWriter, text: string): void {
  w.group('LI', () => {
    w.tagged('Lbl', () => w.text('•', MARGIN + 8, w.y, { size: 9.5 }));
    w.tagged('LBody', () => w.paragraph(text, { size: 9.5, x: MARGIN + 18, width: RIGHT_EDGE - MARGIN - 18 }));
  });
}

/** "3" for the 3rd, "1er" for the first, as French writes it. */
function dayOfMonth(iso: string): string {
  const day = Number(iso.slice(8, 10));
  return day === 1 ? '1er' : String(day);
}

function checkPreNotificationDelay(input: AvisEcheanceInput): void {
  if (input.payment.method !== 'prelevement') return;
  const debitDate = requireIsoDate('payment.debitDate', input.payment.debitDate);
  const days = (Date.parse(`${debitDate}T00:00:00Z`) - Date.parse(`${input.issuedOn}T00:00:00Z`)) / 86_400_000;
  if (days < SEPA_PRE_NOTIFICATION_DAYS) {
    throw new DocumentRefusedError(
      'pre_notification_too_late',
      `Avis émis le ${date(input.issuedOn)} pour un prélèvement le ${date(debitDate)} : la pré-notification SEPA doit parvenir au moins ${SEPA_PRE_NOTIFICATION_DAYS} jours avant.`,
      { issuedOn: input.issuedOn, debitDate, days },
    );
  }
}
