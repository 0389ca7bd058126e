/**
 * French phone numbers for "Mon dossier" (domicile, mobile, travail) and for the landlord's
 * contacts, checked and formatted by libphonenumber-js with its "max" metadata (the allocated
 * ranges of each plan, not only lengths): "07 00 00 00 00" or "04 00 12 34 56" are refused as
 * unallocated, the overseas numbers of the French plan are accepted (+508, +262 9..., ...).
 *
 * The metadata is the max one cut to the French plan (phone-metadata.json, written by
 * scripts/phone-metadata.ts; phone-plan.ts says which regions), so the renderer does not carry
 * the whole world's. People type numbers every way: "06 01 02 03 04", "06.01.02.03.04",
 * "+33 6 01 02 03 04", "+33 (0)6...", "0033 6...", "0692 12 34 56" (Réunion). We store E.164
 * ("+33601020304") and display the seed's dotted national form ("06.01.02.03.04").
 */
import { parsePhoneNumberFromString, validatePhoneNumberLength, type MetadataJson, type PhoneNumber } from 'libphonenumber-js/core';
import metadataJson from './phone-metadata.json' with { type: 'json' };
import { FRENCH_PLAN_REGIONS, type FrenchPlanRegion } from './phone-plan';

const metadata = metadataJson as unknown as MetadataJson;

export type PhoneFailure = 'format' | 'length' | 'prefix';

export type PhoneResult =
  | { ok: true; e164: string; national: string; region: 'metropole' | 'outremer' }
  | { ok: false; reason: PhoneFailure };

/**
 * What may be typed: digits, an optional leading "+" or "00", spaces (any kind), dots, dashes,
 * slashes, and the "(0)" some write after the country code. Letters are refused, although the
 * library would read "O6" as "06" (vanity numbers), and so are extensions ("poste 12").
 */
function compact(input: string): string | null {
  // "+33 (0)6...": the "(0)" stays a digit; the library drops a trunk 0 after a country code.
  const text = input.replace(/[\s.\-/]+/g, '').replace(/^(\+|00)(\d{1,3})\(0\)/, '$1$20');
  if (!/^(?:\+|00)?\d+$/.test(text)) return null;
  return text.startsWith('00') ? `+${text.slice(2)}` : text;
}

const OVERSEAS_REGIONS = FRENCH_PLAN_REGIONS.filter((region) => region !== 'FR');

/**
 * The regions a national form is tried in, in order. The metropolitan plan's metadata also
 * covers some overseas ranges (0269 Mayotte, 0596 Martinique...): a geographic or mobile number
 * is first read as the overseas department's that owns it. Non-geographic numbers (08 freephone
 * and premium, 09 VoIP) are dialled the same everywhere: read as metropolitan first.
 */
function nationalRegions(text: string): readonly FrenchPlanRegion[] {
  const significant = text.startsWith('0') ? text.slice(1) : text;
  return /^[89]/.test(significant) ? FRENCH_PLAN_REGIONS : [...OVERSEAS_REGIONS, 'FR'];
}

/** The typed number, valid in the French plan, or null. */
function parseFrench(text: string): PhoneNumber | null {
  if (text.startsWith('+')) {
    const number = parsePhoneNumberFromString(text, metadata);
    return number?.isValid() ? number : null;
  }
  for (const region of nationalRegions(text)) {
    const number = parsePhoneNumberFromString(text, region, metadata);
    if (number?.isValid()) return number;
  }
  return null;
}

/**
 * Why a number of the right characters is not valid: its length, or where it starts (a country
 * code outside the French plan, an unallocated range such as "07 00..." or "04 00..."). A
 * national form is judged by the ten digits of the French plan ("10 chiffres en France"), the
 * trunk "0" included: the library would keep a trunk "0" that leaves too few digits as a digit.
 */
function failureOf(text: string): PhoneFailure {
  if (!text.startsWith('+')) return (text.startsWith('0') ? text.length - 1 : text.length) === 9 ? 'prefix' : 'length';
  const length = validatePhoneNumberLength(text, metadata);
  return length === 'TOO_SHORT' || length === 'TOO_LONG' || length === 'INVALID_LENGTH' ? 'length' : 'prefix';
}

/** The national number with its trunk "0", digits only: "0601020304", "0692123456", "0411234" (+508). */
function nationalDigits(number: PhoneNumber): string {
  return number.formatNational().replace(/\D/g, '');
}

export function validateFrenchPhone(input: string): PhoneResult {
  const text = compact(input);
  if (text === null) return { ok: false, reason: 'format' };
  const number = parseFrench(text);
  if (!number) return { ok: false, reason: failureOf(text) };
  return { ok: true, e164: number.number, national: nationalDigits(number), region: number.country === 'FR' ? 'metropole' : 'outremer' };
}

export function isValidFrenchPhone(input: string): boolean {
  return validateFrenchPhone(input).ok;
}

/** "06 01 02 03 04" (or anything valid) -> "+33601020304"; null when not a French number. */
export function toE164(input: string): string | null {
  const result = validateFrenchPhone(input);
  return result.ok ? result.e164 : null;
}

/**
 * Display form of the seed: "06.01.02.03.04", pairs for every ten-digit national number
 * (metropolitan and overseas departments alike: "06.92.12.34.56"); the library's grouping for
 * the shorter numbers of Saint-Pierre-et-Miquelon ("041.12.34"). A stored value that is not a
 * valid French number is shown as it is rather than hidden, so staff data errors stay visible.
 */
export function formatFrenchPhone(input: string): string {
  const text = compact(input);
  const number = text === null ? null : parseFrench(text);
  if (!number) return input;
  const national = nationalDigits(number);
  if (national.length === 10) return national.replace(/(\d{2})(?=\d)/g, '$1.');
  return number.formatNational().replace(/\s+/g, '.');
}
