/**
 * Why a document was not produced. The caller (payment flow, admin CLI) switches on `code`; the
 * message is a French sentence for logs and staff screens.
 */
export type DocumentRefusal =
  /** Loi n° 89-462, art. 21: a quittance only for a period paid in full; issue a reçu instead. */
  | 'quittance_not_fully_paid'
  /** A reçu acknowledges a partial payment: nothing received means no document. */
  | 'recu_nothing_paid'
  /** Paid in full: the tenant is owed a quittance, not a reçu. */
  | 'recu_fully_paid'
  /** SEPA rulebook: the pre-notification reaches the debtor at least 14 days before the debit. */
  | 'pre_notification_too_late'
  /** Malformed input (amount not in integer cents, bad date or period, unknown logo format...). */
  | 'invalid_input';

export class DocumentRefusedError extends Error {
  override readonly name = 'DocumentRefusedError';

  constructor(
    readonly code: DocumentRefusal,
    message: string,
    /** Amounts or fields that explain the refusal, for logs. */
    readonly details: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export function isDocumentRefusedError(error: unknown): error is DocumentRefusedError {
  return error instanceof DocumentRefusedError;
}
