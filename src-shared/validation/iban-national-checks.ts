/**
 * National check digits inside the BBAN, verified on top of the ISO 13616 check digits.
 *
 * Why: mod 97 catches every single-digit typo in a digits-only BBAN, but where a BBAN mixes
 * letters and digits it reads a letter as two digits, so a digit-to-letter typo ("5" -> "Q")
 * passes about once in 97 tries; and a national key is what banks themselves check first.
 *
 * ibantools (isValidBBAN) verifies the national keys of BE, CZ, EE, ES, FR, HR, HU, MC, ME,
 * MK, NO, PL, PT, RS, SI, SK. It has none for three SEPA countries that do have one, added
 * here: the Italian and San Marino CIN, and the Finnish Luhn digit. SEPA countries left without
 * a national check, on purpose: DE, SE, GB, DK, AT (per-bank methods, no country-wide rule),
 * NL (the "elfproef" never applied to every account: former Postbank numbers, kept by ING, fail it),
 * IS (its BBAN carries a kennitala, an identity number, not a bank key), AL and the rest (no
 * published country-wide key).
 */
import { isValidBBAN } from 'ibantools';

/** Values of a character in odd (1st, 3rd, ...) positions for the Italian CIN; digits as A-J. */
const CIN_ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/**
 * CIN (Italy, San Marino): the BBAN's first letter is computed from the 22 characters after it
 * (ABI, CAB, account number).
 */
function hasValidCin(bban: string): boolean {
  let sum = 0;
  for (let index = 1; index < bban.length; index++) {
    const code = bban.charCodeAt(index);
    const value = code <= 57 ? code - 48 : code - 65;
    sum += index % 2 === 1 ? CIN_ODD_VALUES[value]! : value;
  }
  return bban.charCodeAt(0) - 65 === sum % 26;
}

/** Finland: the 14-digit machine form of the account number ends with a Luhn check digit. */
function hasValidFinnishLuhn(bban: string): boolean {
  let sum = 0;
  for (let index = 0; index < bban.length; index++) {
    let digit = bban.charCodeAt(bban.length - 1 - index) - 48;
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** National checks ibantools does not have, by IBAN country. */
export const NATIONAL_CHECKS_BEYOND_IBANTOOLS: Readonly<Record<string, (bban: string) => boolean>> = {
  IT: hasValidCin,
  SM: hasValidCin,
  FI: hasValidFinnishLuhn,
};

/** Whether the BBAN's national check digits (where its country has them) are right. */
export function hasValidNationalCheck(country: string, bban: string): boolean {
  const extra = NATIONAL_CHECKS_BEYOND_IBANTOOLS[country];
  return isValidBBAN(bban, country) && (extra ? extra(bban) : true);
}
