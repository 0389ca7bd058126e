/**
 * Which document a period's payments call for (loi n° 89-462 du 6 juillet 1989, art. 21: the
 * landlord must give a quittance once rent and charges of the period are paid in full; a partial
 * payment gets a reçu, which is not a quittance).
 */
import { DocumentRefusedError } from './errors';

export interface PeriodPayment {
  /** Rent + charges due for the period, cents. */
  dueCents: number;
  /** Everything received for the period (tenant payments + housing allowance paid to the landlord), cents. */
  paidCents: number;
}

/**
 * - paid >= due (an overpayment included): 'quittance';
 * - 0 < paid < due: 'recu';
 * - nothing paid: null, no document at all.
 */
export function documentKindForPeriod({ dueCents, paidCents }: PeriodPayment): 'quittance' | 'recu' | null {
  requireCents('dueCents', dueCents);
  requireCents('paidCents', paidCents);
  if (dueCents < 0) throw new DocumentRefusedError('invalid_input', `Montant dû négatif : ${dueCents} centimes.`, { dueCents });
  if (paidCents < 0) throw new DocumentRefusedError('invalid_input', `Montant payé négatif : ${paidCents} centimes.`, { paidCents });
  if (paidCents === 0) return null;
  return paidCents >= dueCents ? 'quittance' : 'recu';
}

export function requireCents(field: string, value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new DocumentRefusedError('invalid_input', `${field} doit être un nombre entier de centimes (reçu : ${value}).`, { field });
  }
}
