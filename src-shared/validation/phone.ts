/**
 * French phone numbers for "Mon dossier" (domicile, mobile, travail) and for the landlord's
 * contacts.
 *
 * The French numbering plan (ARCEP) has 10-digit national numbers "0Z AB PQ MC DU". Metropolitan
 * France is +33; the overseas departments share the same 10-digit national plan but each has
 * its own country code, chosen by the number's first digits (0262 -> +262 262..., 0690 -> +590
 * 690...). People type them every way: "06 01 02 03 04", "06.01.02.03.04", "+33 6 01 02 03 04",
 * "+33 (0)6...", "0033 6...". We store E.164 ("+33601020304") and display the seed's dotted
 * national form ("06.01.02.03.04").
 */

export type PhoneFailure = 'format' | 'length' | 'prefix';

export type PhoneResult =
  | { ok: true; e164: string; national: string; region: 'metropole' | 'outremer' }
  | { ok: false; reason: PhoneFailure };

/**
 * Overseas prefixes of the national plan (first four digits of the national number) and the
 * country code they are reached with from abroad. Source: ARCEP numbering plan.
 * Réunion and Mayotte share +262; Guadeloupe, Saint-Barthélemy and Saint-Martin share +590.
 */
const OVERSEAS_COUNTRY_CODE_BY_PREFIX: Readonly<Record<string, string>> = {
  '0262': '262', // Réunion, fixed
  '0263': '262', // Réunion, fixed (newer range)
  '0269': '262', // Mayotte, fixed
  '0692': '262', // Réunion, mobile
  '0693': '262', // Réunion, mobile
  '0639': '262', // Mayotte, mobile
  '0590': '590', // Guadeloupe, Saint-Barthélemy, Saint-Martin, fixed
  '0690': '590', // Guadeloupe..., mobile
  '0691': '590', // Guadeloupe..., mobile
  '0594': '594', // Guyane, fixed
  '0694': '594', // Guyane, mobile
  '0596': '596', // Martinique, fixed
  '0696': '596', // Martinique, mobile
  '0697': '596', // Martinique, mobile
};

const OVERSEAS_COUNTRY_CODES = new Set(Object.values(OVERSEAS_COUNTRY_CODE_BY_PREFIX));

/**
 * Turns what a person typed into the 10-digit national number ("0601020304"), or a failure.
 * Separators allowed: spaces (any kind), dots, dashes, slashes and the "(0)" some write after
 * the country code.
 */
function toNationalNumber(input: string): { ok: true; national: string } | { ok: false; reason: PhoneFailure } {
  const compact = input.replace(/[\s.\-/]+/g, '').replace(/^(\+|00)(\d{2,3})\(0\)/, '$1$2');
  if (!/^(?:\+|00)?\d+$/.test(compact)) return { ok: false, reason: 'format' };

  let national: string;
  const international = /^(?:\+|00)(\d+)$/.exec(compact);
  if (international) {
    const digits = international[1]!;
    const countryCode = ['33', ...OVERSEAS_COUNTRY_CODES].find((code) => digits.startsWith(code));
    if (!countryCode) return { ok: false, reason: 'prefix' };
    let significant = digits.slice(countryCode.length);
    // "+33 06 01..." is a common mistake: the trunk 0 is not dialled after a country code.
    if (significant.length === 10 && significant.startsWith('0')) significant = significant.slice(1);
    if (significant.length !== 9) return { ok: false, reason: 'length' };
    national = `0${significant}`;
    const overseasCode = OVERSEAS_COUNTRY_CODE_BY_PREFIX[national.slice(0, 4)];
    // +262 must be followed by a Réunion/Mayotte number, and so on.
    if (countryCode !== '33' && overseasCode !== countryCode) return { ok: false, reason: 'prefix' };
  } else {
    if (compact.length !== 10) return { ok: false, reason: 'length' };
    national = compact;
  }

  // 00 is the international prefix, so a national number starts with 0 then 1-9.
  if (!/^0[1-9]\d{8}$/.test(national)) return { ok: false, reason: 'prefix' };
  return { ok: true, national };
}

export function validateFrenchPhone(input: string): PhoneResult {
  const parsed = toNationalNumber(input);
  if (!parsed.ok) return parsed;
  const { national } = parsed;
  const overseasCode = OVERSEAS_COUNTRY_CODE_BY_PREFIX[national.slice(0, 4)];
  // The national significant number (without the trunk 0) is the same whichever country code
  // reaches it, so a DOM number typed with +33 is stored under its proper code.
  const e164 = `+${overseasCode ?? '33'}${national.slice(1)}`;
  return { ok: true, e164, national, region: overseasCode ? 'outremer' : 'metropole' };
}

export function isValidFrenchPhone(input: string): boolean {
  return validateFrenchPhone(input).ok;
}

/** "+33601020304" (or anything valid) -> "+33601020304"; null when not a French number. */
export function toE164(input: string): string | null {
  const result = validateFrenchPhone(input);
  return result.ok ? result.e164 : null;
}

/**
 * Display form of the seed: "06.01.02.03.04". A stored value that is not a valid French number
 * is shown as it is rather than hidden, so staff data errors stay visible.
 */
export function formatFrenchPhone(input: string): string {
  const result = validateFrenchPhone(input);
  if (!result.ok) return input;
  return result.national.replace(/(\d{2})(?=\d)/g, '$1.');
}
