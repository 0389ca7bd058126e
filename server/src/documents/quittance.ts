/**
 * Quittance de loyer (loi n° 89-462 du 6 juillet 1989, art. 21): given free of charge once the
 * period is paid in full; it names landlord, tenant and dwelling, and details the sums paid,
 * "en distinguant le loyer et les charges", with the period and the date. A partly paid period
 * gets a reçu instead: renderQuittance refuses it.
 */
import { periodDueCents, periodPaidCents } from './amounts';
import { DocumentRefusedError } from './errors';
import { documentKindForPeriod } from './kind';
import { openDocument, saveDocument } from './pdf-document';
import { drawNotice, drawTitle } from './sections';
import { drawPlaceAndDate, drawSettlementBody } from './settlement';
import { euros, LAW_89_462_ART_21, numbered, periodBounds, periodLabel } from './text';
import type { QuittanceInput } from './types';

export const QUITTANCE_FREE_OF_CHARGE = `Quittance délivrée gratuitement (${LAW_89_462_ART_21}).`;

export async function renderQuittance(input: QuittanceInput): Promise<Uint8Array> {
  const dueCents = periodDueCents(input);
  const paidCents = periodPaidCents(input);
  if (documentKindForPeriod({ dueCents, paidCents }) !== 'quittance') {
    throw new DocumentRefusedError(
      'quittance_not_fully_paid',
      `Période ${input.period} payée ${euros(paidCents)} sur ${euros(dueCents)} : une quittance n'est due qu'après paiement intégral ; délivrer un reçu.`,
      { period: input.period, dueCents, paidCents },
    );
  }
  const period = periodLabel(input.period);
  const bounds = periodBounds(input.period);
  const doc = await openDocument(
    'quittance',
    input,
    `Quittance de loyer de ${period}, ${numbered('dossier', input.dossierNumber)} : ${euros(paidCents)} reçus (${LAW_89_462_ART_21}).`,
  );
  const w = doc.writer;

  drawTitle(w, 'Quittance de loyer', `Période : ${period} (du ${bounds.first} au ${bounds.last})`);
  // An overpayment settles the period and the rest is kept as an advance: the quittance says so
  // rather than that the whole sum was paid for the rent and charges.
  const advanceCents = paidCents - dueCents;
  drawSettlementBody(w, input, {
    receivedFor: advanceCents > 0 ? `, dont ${euros(dueCents)} au titre du loyer et des charges` : ' au titre du loyer et des charges',
    closing:
      ', et lui en donne quittance, sous réserve de tous ses droits.' +
      (advanceCents > 0 ? ` Le surplus de ${euros(advanceCents)} est gardé en avance, au crédit de son compte.` : ''),
    totals: [
      { label: 'TOTAL REÇU', amountCents: paidCents, emphasis: 'total' },
      ...(advanceCents > 0 ? [{ label: 'dont avance portée au crédit de votre compte', amountCents: advanceCents }] : []),
    ],
  });

  drawNotice(w, [
    QUITTANCE_FREE_OF_CHARGE,
    // Wording of the public model of quittance: a full quittance supersedes partial receipts.
    'Cette quittance annule tous les reçus délivrés pour des paiements partiels de la même période.',
  ]);
  drawPlaceAndDate(w, input);
  return saveDocument(doc);
}
