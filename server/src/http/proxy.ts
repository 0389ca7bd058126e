/**
 * TRUST_PROXY: which hops in front of the server may say who the client is (X-Forwarded-For).
 *
 * - unset, empty or `0`: nobody; the client is the peer of the TCP connection (default);
 * - a hop count `N` (1-9): the N proxies nearest the server are trusted, the client is the
 *   address they saw (the N-th entry from the right of X-Forwarded-For). Only where nothing can
 *   reach the server except through those proxies;
 * - a comma-separated list of proxy addresses or CIDR ranges (`10.0.0.0/8, 192.0.2.7`, also
 *   `loopback`, `linklocal`, `uniquelocal`): only those peers are trusted, and the client is the
 *   rightmost address that is not one of them.
 *
 * Trusting every hop (`true`, the old `TRUST_PROXY=1`) let anyone write their own
 * X-Forwarded-For and pass as a new client at each request, so the per-IP limits never held.
 */
import { isIP } from 'node:net';

export type TrustProxy = false | number | string[];

const HOP_COUNT = /^[1-9]$/;
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/** Fastify's `trustProxy` from TRUST_PROXY; throws a sentence naming the bad value. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return false;
  if (HOP_COUNT.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (entries.length === 0 || bad.length > 0) {
    throw new Error(
      `TRUST_PROXY="${text}": expected a hop count (1-9) or a comma-separated list of proxy addresses or CIDR ranges (e.g. "10.0.0.0/8,192.0.2.7"); not understood: ${bad.join(', ') || text}`,
    );
  }
  return entries;
}

/**
 * As Fastify's `trustProxy` option takes it. A hop count is given as the function Fastify itself
 * builds from a number (trust the `hops` nearest hops), because its types only admit the function.
 */
export function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  return (_address, hop) => hop < trust;
}
