/**
 * The Lyra "formulaire" signature (Scellius, PayZen, Systempay; HMAC-SHA-256 mode):
 * the values of every field whose name starts with "vads_", sorted by field name, joined with
 * "+", then "+" and the key; HMAC-SHA-256 of that string keyed with the same key, in base64.
 * The same computation signs the form we send and checks the notification (IPN) we receive.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LyraFields = Record<string, string>;

/** The string the HMAC is computed over (exported for the tests and for support diagnostics without the key). */
export function signedValues(fields: LyraFields): string[] {
  return Object.keys(fields)
    .filter((name) => name.startsWith('vads_'))
    .sort()
    .map((name) => fields[name]!);
}

export function lyraSignature(fields: LyraFields, key: string): string {
  const message = [...signedValues(fields), key].join('+');
  return createHmac('sha256', key).update(message, 'utf8').digest('base64');
}

/** Constant-time check of `fields.signature` against the one computed with `key`. */
export function hasValidLyraSignature(fields: LyraFields, key: string): boolean {
  const given = Buffer.from(fields.signature ?? '', 'utf8');
  const expected = Buffer.from(lyraSignature(fields, key), 'utf8');
  // Compare equal lengths only (timingSafeEqual throws otherwise); the length of a base64
  // HMAC-SHA-256 is public anyway (44 characters).
  return given.length === expected.length && timingSafeEqual(given, expected);
}
