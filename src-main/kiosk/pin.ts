/**
 * The caretaker's PIN, hashed with scrypt (node:crypto, no dependency): a random salt per hash,
 * memory-hard parameters, and a constant-time comparison. A PIN is short (6+ digits), so the
 * hash alone would not resist a patient attacker with the file: the lockout (./lockout.ts) and
 * the file's place (machine-level, writable by the kiosk account only) do the rest.
 *
 * Stored as `scrypt$N$r$p$<salt base64>$<hash base64>`, so stronger parameters can come later
 * without breaking the PINs already set.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PinHashParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** 2^17 x 8: 128 MiB and a few hundred ms per check (OWASP's scrypt recommendation). */
export const PIN_HASH_PARAMS: PinHashParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
export const PIN_PATTERN = /^\d{6,12}$/;

function derive(pin: string, salt: Buffer, params: PinHashParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r * params.p };
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPin(pin: string, params: PinHashParams = PIN_HASH_PARAMS): Promise<string> {
  if (!PIN_PATTERN.test(pin)) throw new Error('a PIN is 6 to 12 digits');
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(pin, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong PIN and for a stored value that is not one of our hashes. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((value) => Number.isSafeInteger(value) && value > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < SALT_LENGTH || expected.length !== KEY_LENGTH) return false;
  // Hash even a malformed PIN, so a wrong answer takes as long as a right one.
  const actual = await derive(typeof pin === 'string' ? pin.slice(0, 64) : '', salt, { N, r, p });
  return timingSafeEqual(actual, expected) && PIN_PATTERN.test(pin);
}
