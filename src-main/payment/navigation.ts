/**
 * Where the payment window may go (pure, tested under Node; src-main/app/payment-window.ts applies
 * it). The window starts on our local page that posts the signed form; from there it may reach
 * only the bank's origin; reaching the return URL means the bank is done: the window closes.
 * Everything else (another site, a file, a custom scheme, app://portal) is refused.
 */
export interface PaymentNavigationRules {
  /** Origin of the bank's form URL, e.g. "https://scelliuspaiement.labanquepostale.fr". */
  pspOrigin: string;
  /** vads_url_return. */
  returnUrl: string;
}

export type PaymentNavigation = 'allow' | 'return' | 'deny';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Same document, ignoring the query and the fragment (the bank may add either). */
function isReturn(target: URL, returnUrl: URL): boolean {
  return target.origin === returnUrl.origin && target.pathname === returnUrl.pathname;
}

export function paymentNavigation(url: string, rules: PaymentNavigationRules): PaymentNavigation {
  const target = parse(url);
  const back = parse(rules.returnUrl);
  if (!target) return 'deny';
  if (back && isReturn(target, back)) return 'return';
  const psp = parse(rules.pspOrigin);
  // Only web origins; the bank must be https outside a local sandbox (http on loopback).
  if (!psp || target.origin !== psp.origin || target.origin === 'null') return 'deny';
  if (target.protocol === 'https:') return 'allow';
  return target.protocol === 'http:' && isLoopback(target.hostname) ? 'allow' : 'deny';
}

export function isLoopback(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/** The title of the payment window: the tenant sees which site they are giving their card to. */
export function paymentWindowTitle(pspOrigin: string): string {
  return `Paiement sécurisé — ${pspOrigin}`;
}
