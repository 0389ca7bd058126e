/**
 * National check characters inside some BBANs, verified on top of the ISO 13616 check digits.
 *
 * Why: where a BBAN mixes letters and digits, mod 97 reads a letter as two digits, so a single
 * digit-to-letter typo ("5" -> "Q") passes the IBAN check about once in 97 tries. The French
 * and Italian national keys catch those for the countries our tenants bank in most.
 * Other countries' national checks (ES, BE, NL, ...) guard digit-only BBANs that mod 97
 * already protects against single typos, so they are left out.
 */

/**
 * "Clé RIB" (France, Monaco): the 23-character RIB, with the account number's letters replaced
 * by digits (A/J=1, B/K/S=2, C/L/T=3, ... I/R/Z=9), is divisible by 97.
 */
function hasValidRibKey(bban: string): boolean {
  let remainder = 0;
  for (const char of bban) {
    const code = char.charCodeAt(0);
    // 'S' (83) skips a value: the table runs A-I, J-R, then S-Z starting at 2.
    const digit = code <= 57 ? code - 48 : ((code - 65 + (code >= 83 ? 1 : 0)) % 9) + 1;
    remainder = (remainder * 10 + digit) % 97;
  }
  return remainder === 0;
}

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

/** BBAN checks by IBAN country; the BBAN has already passed the country's structure. */
export const NATIONAL_BBAN_CHECKS: Readonly<Record<string, (bban: string) => boolean>> = {
  FR: hasValidRibKey,
  MC: hasValidRibKey,
  IT: hasValidCin,
  SM: hasValidCin,
};
