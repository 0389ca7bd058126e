/**
 * Reçu: acknowledges a partial payment of a period. It is not a quittance (loi n° 89-462 du
 * 6 juillet 1989, art. 21 reserves that to full payment) and says so, with what remains due.
 */
import { periodDueCents, periodPaidCents } from './amounts';
import { DocumentRefusedError } from './errors';
import { documentKindForPeriod } from './kind';
import { openDocument, saveDocument } from './pdf-document';
import { drawNotice, drawTitle } from './sections';
import { drawPlaceAndDate, drawSettlementBody } from './settlement';
import { euros, LAW_89_462_ART_21, numbered, periodBounds, periodLabel } from './text';
import type { RecuInput } from './types';

export const RECU_NOT_A_QUITTANCE = 'Ce reçu ne vaut pas quittance.';

export async function renderRecu(input: RecuInput): Promise<Uint8Array> {
  const dueCents = periodDueCents(input);
  const paidCents = periodPaidCents(input);
  const kind = documentKindForPeriod({ dueCents, paidCents });
  if (kind === null) {
    throw new DocumentRefusedError('recu_nothing_paid', `Période ${input.period} : aucun paiement reçu, pas de reçu.`, { period: input.period, dueCents, paidCents });
  }
  if (kind === 'quittance') {
    throw new DocumentRefusedError('recu_fully_paid', `Période ${input.period} payée en totalité : délivrer une quittance, pas un reçu.`, {
      period: input.period,
      dueCents,
      paidCents,
    });
  }
  const remainingCents = dueCents - paidCents;
  const period = periodLabel(input.period);
  const bounds = periodBounds(input.period);
  const doc = await openDocument(
    'recu',
    input,
    `Reçu de paiement partiel de ${period}, ${numbered('dossier', input.dossierNumber)} : ${euros(paidCents)} reçus, ${euros(remainingCents)} restant dus. Ne vaut pas quittance.`,
  );
  const w = doc.writer;

  drawTitle(w, 'Reçu', `Paiement partiel – Période : ${period} (du ${bounds.first} au ${bounds.last})`);
  drawSettlementBody(w, input, {
    receivedFor: ' en paiement partiel du loyer et des charges',
    closing: '.',
    totals: [
      { label: 'Total reçu', amountCents: paidCents, emphasis: 'subtotal' },
      { label: 'RESTE DÛ POUR LA PÉRIODE', amountCents: remainingCents, emphasis: 'total' },
    ],
  });

  drawNotice(w, [
    RECU_NOT_A_QUITTANCE,
    `Une quittance vous sera délivrée gratuitement dès que la période sera payée en totalité (${LAW_89_462_ART_21}).`,
  ]);
  drawPlaceAndDate(w, input);
  return saveDocument(doc);
}
