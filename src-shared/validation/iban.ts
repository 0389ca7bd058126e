/**
 * IBAN checks for the "Mettre à jour le RIB" form and for display of stored bank details.
 *
 * The product rule is "any valid SEPA IBAN", not "an FR IBAN": a tenant may keep an account in
 * Belgium, Portugal or Switzerland. We check, in order: characters, country (SEPA scope), that
 * country's exact length, that country's BBAN structure, the ISO 13616 / ISO 7064 mod 97-10
 * check digits, and the national check digits inside the BBAN wherever the country has a
 * country-wide rule (iban-national-checks.ts: ibantools', plus IT, SM, FI). A passing IBAN can still
 * be a closed account or a typo that happens to be valid; staff confirm the change against the
 * holder's proof (mandate amendment).
 */

import { hasValidNationalCheck } from './iban-national-checks';
import { maskTail } from './mask';

/**
 * BBAN structure per country, in the IBAN registry's notation without the "!":
 * `n` digits, `a` upper-case letters, `c` upper-case letters or digits.
 * Total length = 4 (country + check digits) + the BBAN length.
 *
 * Geographical scope of the SEPA schemes (EPC, 41 countries as of 2025): the EU 27, the EEA
 * (IS, LI, NO), CH, GB, MC, SM, AD, VA, and the enlargement countries AL, ME (Nov. 2024),
 * MD, MK (March 2025) and RS (May 2025). Gibraltar (GI) is a SEPA territory with its own IBAN.
 * Territories without their own IBAN prefix use their country's: the French overseas
 * departments and collectivities (GP, GF, MQ, RE, YT, BL, MF, PM) use FR; Åland uses FI; the
 * Azores, Madeira, Canaries, Ceuta and Melilla use PT/ES; Jersey, Guernsey and the Isle of Man
 * use GB. Those territory codes are not IBAN prefixes, so they are rejected here as 'country'.
 */
const SEPA_BBAN_STRUCTURE = {
  AD: '8n12c',
  AL: '8n16c',
  AT: '16n',
  BE: '12n',
  BG: '4a6n8c',
  CH: '5n12c',
  CY: '8n16c',
  CZ: '20n',
  DE: '18n',
  DK: '14n',
  EE: '16n',
  ES: '20n',
  FI: '14n',
  FR: '10n11c2n',
  GB: '4a14n',
  GI: '4a15c',
  GR: '7n16c',
  HR: '17n',
  HU: '24n',
  IE: '4a14n',
  IS: '22n',
  IT: '1a10n12c',
  LI: '5n12c',
  LT: '16n',
  LU: '3n13c',
  LV: '4a13c',
  MC: '10n11c2n',
  MD: '20c',
  ME: '18n',
  MK: '3n10c2n',
  MT: '4a5n18c',
  NL: '4a10n',
  NO: '11n',
  PL: '24n',
  PT: '21n',
  RO: '4a16c',
  RS: '18n',
  SE: '20n',
  SI: '15n',
  SK: '20n',
  SM: '1a10n12c',
  VA: '18n',
} as const;

export type SepaCountryCode = keyof typeof SEPA_BBAN_STRUCTURE;

export const SEPA_COUNTRY_CODES = Object.keys(SEPA_BBAN_STRUCTURE) as SepaCountryCode[];

export function isSepaCountryCode(code: string): code is SepaCountryCode {
  return Object.prototype.hasOwnProperty.call(SEPA_BBAN_STRUCTURE, code);
}

const CLASS_PATTERN = { n: '[0-9]', a: '[A-Z]', c: '[A-Z0-9]' } as const;

function compileStructure(structure: string): { length: number; bban: RegExp } {
  let length = 4;
  let pattern = '';
  for (const [, count, kind] of structure.matchAll(/(\d+)([nac])/g)) {
    length += Number(count);
    pattern += `${CLASS_PATTERN[kind as keyof typeof CLASS_PATTERN]}{${count}}`;
  }
  return { length, bban: new RegExp(`^${pattern}$`) };
}

const SEPA_SPECS = new Map(
  SEPA_COUNTRY_CODES.map((code) => [code, compileStructure(SEPA_BBAN_STRUCTURE[code])] as const),
);

/** Total IBAN length for a SEPA country (e.g. 27 for FR, 22 for DE). */
export function ibanLengthFor(country: SepaCountryCode): number {
  return SEPA_SPECS.get(country)!.length;
}

export type IbanFailure = 'format' | 'country' | 'length' | 'checksum';

export type IbanResult =
  | { ok: true; iban: string; country: SepaCountryCode }
  | { ok: false; reason: IbanFailure };

/**
 * Electronic format (ISO 13616): no spaces, upper case. Also drops a leading "IBAN" label, which
 * the paper format prints before the number and which people copy from their RIB; no country
 * code is "IB", so this cannot eat a real IBAN.
 */
export function normalizeIban(input: string): string {
  const compact = input.replace(/\s+/g, '').toUpperCase();
  return compact.startsWith('IBAN') ? compact.slice(4) : compact;
}

/**
 * ISO 7064 mod 97-10 over an IBAN already rearranged (BBAN + country + check digits), with
 * letters as 10..35. Folded one character at a time so the running value stays below
 * 97 * 100 + 99: no BigInt, no float precision loss, whatever the length.
 */
export function ibanMod97(rearranged: string): number {
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else {
      remainder = (remainder * 100 + (code - 55)) % 97; // 'A' (65) -> 10
    }
  }
  return remainder;
}

/** Check digits an IBAN must carry for this country and BBAN (ISO 13616: 98 - mod97). */
export function computeIbanCheckDigits(country: string, bban: string): string {
  const remainder = ibanMod97(`${bban}${country}00`);
  return String(98 - remainder).padStart(2, '0');
}

export function validateIban(input: string): IbanResult {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return { ok: false, reason: 'format' };

  const country = iban.slice(0, 2);
  if (!isSepaCountryCode(country)) return { ok: false, reason: 'country' };

  const spec = SEPA_SPECS.get(country)!;
  if (iban.length !== spec.length) return { ok: false, reason: 'length' };
  if (!spec.bban.test(iban.slice(4))) return { ok: false, reason: 'format' };

  // 00, 01 and 99 are congruent to valid values mod 97 but are never issued: ISO 13616 check
  // digits are 98 - remainder, so always 02..98.
  const checkDigits = Number(iban.slice(2, 4));
  if (checkDigits < 2 || checkDigits > 98) return { ok: false, reason: 'checksum' };
  if (ibanMod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return { ok: false, reason: 'checksum' };
  if (!hasValidNationalCheck(country, iban.slice(4))) return { ok: false, reason: 'checksum' };

  return { ok: true, iban, country };
}

export function isValidIban(input: string): boolean {
  return validateIban(input).ok;
}

/**
 * Paper format (ISO 13616): groups of four separated by one ordinary space, so that a copy and
 * paste gives back something our own normalisation accepts. Screens that must not wrap inside
 * an IBAN use CSS (white-space: nowrap) rather than no-break spaces.
 */
export function formatIban(input: string): string {
  return normalizeIban(input).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Masked display as on the seed's "Ma situation de solde" ("#####123"): a fixed run of five
 * "#" (so the mask does not reveal the length) and the last three characters.
 * Anything too short to have a meaningful tail is fully masked.
 */
export function maskIban(input: string): string {
  return maskTail(normalizeIban(input));
}

