/**
 * Document generation for the Portal API server: pure functions from plain data to PDF bytes.
 * No database, no clock, no I/O: the caller stores the bytes as a blob named by sha256Hex and
 * publishes a documentDataSchema row (src-shared/api/sync.ts) built with describeDocument.
 */
import { periodDueCents, periodPaidCents } from './amounts';
import { sha256Hex } from './hash';
import { documentKindForPeriod } from './kind';
import { renderQuittance } from './quittance';
import { renderRecu } from './recu';
import { documentTitle } from './text';
import type { DocumentKind, PeriodSettlementInput } from './types';

export { renderAvisEcheance, SEPA_PRE_NOTIFICATION_DAYS } from './avis-echeance';
export { renderQuittance, QUITTANCE_FREE_OF_CHARGE } from './quittance';
export { renderRecu, RECU_NOT_A_QUITTANCE } from './recu';
export { documentKindForPeriod, type PeriodPayment } from './kind';
export { avisPeriodAmountCents, avisTotalCents, periodDueCents, periodPaidCents } from './amounts';
export { DocumentRefusedError, isDocumentRefusedError, type DocumentRefusal } from './errors';
export { sha256Hex } from './hash';
export { documentLandlordFromSettings, type LandlordIdentity } from './landlord';
export { documentTitle, periodLabel } from './text';
export type * from './types';

/** The fields of documentDataSchema that come from the document itself (the caller adds dossierId and issuedAt). */
export interface DocumentDescription {
  kind: DocumentKind;
  period: string;
  title: string;
  sha256: string;
  size: number;
  /** The sum the document states (sum received, total to pay), so two of one month can be told apart (RGAA 6.1). */
  amountCents: number | null;
}

export function describeDocument(kind: DocumentKind, period: string, bytes: Uint8Array, options: { rectificatif?: boolean; amountCents?: number } = {}): DocumentDescription {
  return { kind, period, title: documentTitle(kind, period, options), sha256: sha256Hex(bytes), size: bytes.byteLength, amountCents: options.amountCents ?? null };
}

/**
 * For the payment flow: after a payment is allocated to a period, the document the tenant is owed.
 * Paid in full -> quittance; partly -> reçu; nothing -> null (art. 21, loi n° 89-462).
 */
export async function renderSettlementDocument(
  input: PeriodSettlementInput,
  // Where the chosen document is drawn: here by default, or in a render pool (documents/render-pool.ts).
  render: (kind: 'quittance' | 'recu', input: PeriodSettlementInput) => Promise<Uint8Array> = (kind, i) => (kind === 'quittance' ? renderQuittance(i) : renderRecu(i)),
): Promise<{ kind: 'quittance' | 'recu'; bytes: Uint8Array; description: DocumentDescription } | null> {
  const kind = documentKindForPeriod({ dueCents: periodDueCents(input), paidCents: periodPaidCents(input) });
  if (kind === null) return null;
  const bytes = await render(kind, input);
  return { kind, bytes, description: describeDocument(kind, input.period, bytes, { amountCents: periodPaidCents(input) }) };
}
