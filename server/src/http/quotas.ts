/**
 * Per-tenant daily quotas on writes, so that one account (or a script holding its token) cannot
 * flood the landlord's staff, fill the database or use up what every tenant shares: the shop's
 * daily transaction numbers (6 digits per shop and UTC day, payment/protocol.ts). Counted in the
 * database (auth/throttle.ts), inside the write's own transaction: a refused or failed write gives
 * its use back, an idempotent replay does not count, and every instance shares the count.
 * Generous for a person: a tenant who needs more calls the landlord.
 */
import type { ErrorDetailKey } from '../../../src-shared/errors';

export interface TenantQuotas {
  /** Payment forms started (POST /v1/payments), each one takes a transaction number. */
  paymentsPerDay: number;
  /** New requests (Mes demandes). */
  requestsPerDay: number;
  /** Messages on requests. */
  messagesPerDay: number;
  /** Change requests of the dossier, the contract (occupants) and the bank details, together. */
  changeRequestsPerDay: number;
  /** Files deposited (PUT /v1/uploads), and their total size in bytes. */
  uploadsPerDay: number;
  uploadBytesPerDay: number;
}

export const DEFAULT_TENANT_QUOTAS: TenantQuotas = {
  paymentsPerDay: 20,
  requestsPerDay: 20,
  messagesPerDay: 100,
  changeRequestsPerDay: 10,
  uploadsPerDay: 50,
  uploadBytesPerDay: 200 * 1024 * 1024,
};

/** The quotas a write route names (uploads are counted on their own table, see uploads/service.ts). */
export type WriteQuota = 'paymentsPerDay' | 'requestsPerDay' | 'messagesPerDay' | 'changeRequestsPerDay';

/** A rolling day would need every use's time; a fixed 24-hour window from the first use is enough. */
export const QUOTA_WINDOW_SECONDS = 24 * 60 * 60;

/** The refusal's key (the desktop words it with the limit and the wait until the window ends). */
export const QUOTA_KEYS = {
  paymentsPerDay: 'errorDetails.quota.paymentsPerDay',
  requestsPerDay: 'errorDetails.quota.requestsPerDay',
  messagesPerDay: 'errorDetails.quota.messagesPerDay',
  changeRequestsPerDay: 'errorDetails.quota.changeRequestsPerDay',
} as const satisfies Record<WriteQuota, ErrorDetailKey>;

/** The same refusal in French (older clients, and the desktop's fallback for a key it does not know). */
export const QUOTA_MESSAGES: Record<WriteQuota, (limit: number) => string> = {
  paymentsPerDay: (n) => `Vous avez commencé ${n} paiements en ligne aujourd'hui, le maximum par jour. Réessayez plus tard ou contactez votre bailleur.`,
  requestsPerDay: (n) => `Vous avez envoyé ${n} demandes aujourd'hui, le maximum par jour. Réessayez plus tard ou contactez votre bailleur.`,
  messagesPerDay: (n) => `Vous avez envoyé ${n} messages aujourd'hui, le maximum par jour. Réessayez plus tard ou contactez votre bailleur.`,
  changeRequestsPerDay: (n) => `Vous avez envoyé ${n} demandes de modification aujourd'hui, le maximum par jour. Réessayez plus tard ou contactez votre bailleur.`,
};
