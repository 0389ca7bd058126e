/**
 * Payment configuration, from the environment (or buildServer's `payments` option in tests):
 * shop id, TEST/PRODUCTION keys, the amount ceiling, the bank's form URL and our URLs. Keys stay in
 * this process: nothing here is ever sent to a client but the ceiling, the mode and the bank's
 * origin. In sandbox mode, with nothing configured, the server's own sandbox PSP is the bank.
 */
import { randomBytes } from 'node:crypto';
import { API_PREFIX, apiPath } from '../../../src-shared/api/routes';
import { V1_HIDDEN_PAGES } from '../http/routes';
import type { LandlordIdentity } from '../documents';
import { landlordIdentityFromEnv as identityFromEnv, SANDBOX_LANDLORD_IDENTITY as SANDBOX_IDENTITY } from '../documents/deps';

export type CtxMode = 'TEST' | 'PRODUCTION';

export interface PaymentConfig {
  enabled: boolean;
  sandbox: boolean;
  siteId: string;
  ctxMode: CtxMode;
  keys: Partial<Record<CtxMode, string>>;
  ceilingCents: number;
  /** The bank's form URL; null = our sandbox PSP (sandbox mode). */
  formAction: string | null;
  /** The bank's name as tenants know it, shown while they pay ("La Banque Postale"). */
  pspName: string;
  /** Our base URL as the bank and the tenant reach it; null = the address the server listens on (sandbox only). */
  publicUrl: string | null;
  /** vads_url_check (IPN) and vads_url_return; default under publicUrl. */
  ipnUrl: string | null;
  returnUrl: string | null;
  /** The landlord's postal identity for the quittance / reçu letterhead. */
  landlordIdentity: LandlordIdentity;
}

export const DEFAULT_CEILING_CENTS = 300_000;
export const SANDBOX_SITE_ID = '12345678';
export const SANDBOX_PSP_PATH = '/sandbox-psp/vads-payment/';
/** The sandbox bank's name, shown to the tenant on step 2 of the payment. */
export const SANDBOX_PSP_NAME = 'Banque de démonstration';

export class PaymentConfigError extends Error {}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) <= 0 || !Number.isSafeInteger(Number(value))) throw new PaymentConfigError(`${name} doit être un nombre entier de centimes > 0`);
  return Number(value);
}

export function resolvePaymentConfig(options: {
  env: NodeJS.ProcessEnv;
  sandbox: boolean;
  publicUrl?: string;
  overrides?: Partial<PaymentConfig>;
}): PaymentConfig {
  const { env, sandbox } = options;
  const configured = Boolean(env.PAYMENT_SITE_ID);
  const ctxMode: CtxMode = env.PAYMENT_CTX_MODE === 'PRODUCTION' ? 'PRODUCTION' : 'TEST';
  const base: PaymentConfig = configured
    ? {
        enabled: true,
        sandbox,
        siteId: env.PAYMENT_SITE_ID!,
        ctxMode,
        keys: { ...(env.PAYMENT_KEY_TEST ? { TEST: env.PAYMENT_KEY_TEST } : {}), ...(env.PAYMENT_KEY_PRODUCTION ? { PRODUCTION: env.PAYMENT_KEY_PRODUCTION } : {}) },
        ceilingCents: positiveInteger('PAYMENT_CEILING_CENTS', env.PAYMENT_CEILING_CENTS, DEFAULT_CEILING_CENTS),
        formAction: env.PAYMENT_FORM_ACTION ?? null,
        pspName: env.PAYMENT_PSP_NAME?.trim() || (env.PAYMENT_FORM_ACTION ? new URL(env.PAYMENT_FORM_ACTION).hostname : SANDBOX_PSP_NAME),
        publicUrl: env.PAYMENT_PUBLIC_URL ?? options.publicUrl ?? null,
        ipnUrl: env.PAYMENT_IPN_URL ?? null,
        returnUrl: env.PAYMENT_RETURN_URL ?? null,
        landlordIdentity: identityFromEnv(env) ?? SANDBOX_IDENTITY,
      }
    : {
        // Nothing configured: the sandbox PSP in sandbox mode, no online payment otherwise.
        enabled: sandbox,
        sandbox,
        siteId: SANDBOX_SITE_ID,
        ctxMode: 'TEST',
        keys: { TEST: randomBytes(24).toString('base64url') },
        ceilingCents: positiveInteger('PAYMENT_CEILING_CENTS', env.PAYMENT_CEILING_CENTS, DEFAULT_CEILING_CENTS),
        formAction: null,
        pspName: SANDBOX_PSP_NAME,
        publicUrl: options.publicUrl ?? null,
        ipnUrl: null,
        returnUrl: null,
        landlordIdentity: identityFromEnv(env) ?? SANDBOX_IDENTITY,
      };
  const config = { ...base, ...options.overrides };
  if (config.enabled) {
    if (!/^\d{8}$/.test(config.siteId)) throw new PaymentConfigError('PAYMENT_SITE_ID : identifiant de boutique à 8 chiffres attendu');
    if (!config.keys[config.ctxMode]) throw new PaymentConfigError(`PAYMENT_KEY_${config.ctxMode} manquante pour le mode ${config.ctxMode}`);
    if (!config.formAction && !config.sandbox) throw new PaymentConfigError('PAYMENT_FORM_ACTION manquante (URL du formulaire de paiement de la banque)');
    if (!config.publicUrl && !config.sandbox && (!config.ipnUrl || !config.returnUrl)) throw new PaymentConfigError('PAYMENT_PUBLIC_URL (ou PAYMENT_IPN_URL et PAYMENT_RETURN_URL) manquante');
    if (!config.sandbox && config.landlordIdentity === SANDBOX_IDENTITY) throw new PaymentConfigError('LANDLORD_ADDRESS_LINE, LANDLORD_POSTAL_CODE et LANDLORD_CITY sont requis pour les quittances');
  }
  return config;
}

export interface PaymentUrls {
  formAction: string;
  ipnUrl: string;
  returnUrl: string;
}

/** The URLs of a payment; `listening` is the server's own address, used only when nothing else is configured (sandbox). */
export function paymentUrls(config: PaymentConfig, listening: () => string): PaymentUrls {
  const base = (config.publicUrl ?? listening()).replace(/\/+$/, '');
  return {
    formAction: config.formAction ?? `${base}${SANDBOX_PSP_PATH}`,
    ipnUrl: config.ipnUrl ?? `${base}${apiPath('paymentIpn')}`,
    returnUrl: config.returnUrl ?? `${base}${API_PREFIX}${V1_HIDDEN_PAGES.paymentReturn}`,
  };
}
