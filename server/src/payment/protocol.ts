/**
 * The Lyra "formulaire" payment request (V2) and what a notification's vads_trans_status means
 * for us. Pure functions: the caller supplies the ids, the clock and the key.
 */
import type { PaymentStatus } from '../../../src-shared/payment/api';
import { lyraSignature, type LyraFields } from './signature';
import type { CtxMode, PaymentUrls } from './config';

export const EURO_CURRENCY = '978';

/** vads_trans_date: UTC yyyyMMddHHmmss. */
export function lyraTransDate(at: Date): string {
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The UTC day a vads_trans_id must be unique in: yyyyMMdd. */
export function lyraTransDay(at: Date): string {
  return lyraTransDate(at).slice(0, 8);
}

/** Lyra: 6 characters, unique per shop and day; digits 000000-899999 (900000+ are the bank's). */
export const MAX_TRANS_NUMBER = 899_999;
export function lyraTransId(counter: number): string {
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_TRANS_NUMBER) throw new RangeError(`vads_trans_id hors plage : ${counter}`);
  return String(counter).padStart(6, '0');
}

export interface PaymentRequest {
  siteId: string;
  ctxMode: CtxMode;
  transId: string;
  transDate: string;
  amountCents: number;
  orderId: string;
  urls: PaymentUrls;
  /** The tenant's email, so the bank can send its own ticket. */
  customerEmail?: string;
  customerId?: string;
}

/** The signed fields of the payment form, in the order a person reads them. */
export function buildPaymentFields(request: PaymentRequest, key: string): LyraFields {
  const fields: LyraFields = {
    vads_action_mode: 'INTERACTIVE',
    vads_amount: String(request.amountCents),
    vads_ctx_mode: request.ctxMode,
    vads_currency: EURO_CURRENCY,
    ...(request.customerEmail ? { vads_cust_email: request.customerEmail } : {}),
    ...(request.customerId ? { vads_cust_id: request.customerId } : {}),
    vads_language: 'fr',
    vads_order_id: request.orderId,
    vads_page_action: 'PAYMENT',
    vads_payment_config: 'SINGLE',
    vads_return_mode: 'NONE',
    vads_site_id: request.siteId,
    vads_trans_date: request.transDate,
    vads_trans_id: request.transId,
    vads_url_check: request.urls.ipnUrl,
    vads_url_return: request.urls.returnUrl,
    vads_version: 'V2',
  };
  return { ...fields, signature: lyraSignature(fields, key) };
}

/** vads_trans_status -> our status; null for a status we do not know (the IPN is refused, the bank retries). */
export function paymentStatusOf(transStatus: string): Exclude<PaymentStatus, 'created'> | null {
  switch (transStatus) {
    case 'AUTHORISED':
    case 'CAPTURED':
      return 'accepted';
    case 'REFUSED':
    case 'CAPTURE_FAILED':
      return 'refused';
    case 'ABANDONED':
    case 'CANCELLED':
    case 'EXPIRED':
      return 'cancelled';
    case 'INITIAL':
    case 'AUTHORISED_TO_VALIDATE':
    case 'WAITING_AUTHORISATION':
    case 'WAITING_AUTHORISATION_TO_VALIDATE':
    case 'UNDER_VERIFICATION':
    case 'PRE_AUTHORISED':
    case 'WAITING_FOR_PAYMENT':
      return 'pending';
    default:
      return null;
  }
}

/** Whether a payment in `from` may take the notified status `to` (accepted is final). */
export function canMove(from: PaymentStatus, to: Exclude<PaymentStatus, 'created'>): boolean {
  if (from === 'accepted') return false;
  if (to === 'pending') return from === 'created' || from === 'pending';
  return true;
}
