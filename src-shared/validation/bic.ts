/**
 * BIC (ISO 9362, "code SWIFT") for the RIB form: 4 letters for the institution, 2 letters for
 * the country (ISO 3166-1 alpha-2), 2 letters or digits for the location, and optionally
 * 3 letters or digits for the branch ("XXX" = head office). 8 or 11 characters.
 *
 * The country must be an assigned ISO 3166-1 code (or XK, Kosovo, which SWIFT uses): "LUMPPZIV"
 * is refused, "PZ" names no country. The list is ibantools' (its isValidBIC), the same library
 * that checks the IBANs' national keys. Whether the bank exists is for staff (or a directory)
 * to say.
 */

import { isValidBIC as hasAssignedCountry } from 'ibantools';
import { maskTail } from './mask';

export type BicFailure = 'length' | 'format';

export type BicResult = { ok: true; bic: string; country: string } | { ok: false; reason: BicFailure };

/** Upper case, no spaces: "bnpa fr pp xxx" -> "BNPAFRPPXXX". */
export function normalizeBic(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function validateBic(input: string): BicResult {
  const bic = normalizeBic(input);
  if (bic.length !== 8 && bic.length !== 11) return { ok: false, reason: 'length' };
  if (!/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(bic)) return { ok: false, reason: 'format' };
  // Same words as a malformed BIC ("recopiez-le depuis votre RIB"): an unassigned country is a typo.
  if (!hasAssignedCountry(bic)) return { ok: false, reason: 'format' };
  return { ok: true, bic, country: bic.slice(4, 6) };
}

export function isValidBic(input: string): boolean {
  return validateBic(input).ok;
}

/**
 * Territories whose banks carry their own ISO country code in the BIC while their IBANs use
 * the parent country's prefix (e.g. a bank in La Réunion: BIC "....RE..", IBAN "FR76...").
 */
const BIC_COUNTRIES_BY_IBAN_COUNTRY: Readonly<Record<string, readonly string[]>> = {
  FR: ['FR', 'GF', 'GP', 'MQ', 'RE', 'YT', 'BL', 'MF', 'PM', 'NC', 'PF', 'WF', 'TF'],
  GB: ['GB', 'GG', 'JE', 'IM'],
  FI: ['FI', 'AX'],
};

/**
 * Whether a BIC's country can belong to an account with this IBAN country. Meant for a soft
 * warning next to the BIC field ("ce BIC ne correspond pas au pays de l'IBAN"), not a refusal:
 * a few cross-border setups exist and staff check the proof anyway.
 */
export function bicCountryMatchesIbanCountry(bic: string, ibanCountry: string): boolean {
  const bicCountry = normalizeBic(bic).slice(4, 6);
  const allowed = BIC_COUNTRIES_BY_IBAN_COUNTRY[ibanCountry] ?? [ibanCountry];
  return allowed.includes(bicCountry);
}

/** Masked display as on the seed ("#####ABC"): last three characters only. */
export function maskBic(input: string): string {
  return maskTail(normalizeBic(input));
}
