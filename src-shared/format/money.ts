/**
 * Money is integer euro cents everywhere (balances, ledgers, payments): 0.1 + 0.2 must never
 * reach a rent receipt. Formatting and parsing are written out here rather than left to
 * Intl.NumberFormat so the output is the same in Node, Chromium and every ICU version; a test
 * checks that it matches Intl fr-FR / en-GB on the platforms we ship.
 *
 * Characters emitted for fr ("1 234,56 €"):
 * - group separator U+202F NARROW NO-BREAK SPACE (what CLDR/Intl use for French since 2018);
 * - U+00A0 NO-BREAK SPACE between the amount and "€", so "€" never wraps to the next line;
 * - U+002D HYPHEN-MINUS for negatives ("-12,00 €"), as Intl does; encodable everywhere.
 * pdf-lib's standard fonts (WinAnsi) cannot encode U+202F: use `formatEurosForPdf` for PDFs.
 */

import type { Locale } from '../locale';

export const NARROW_NO_BREAK_SPACE = '\u202F';
export const NO_BREAK_SPACE = '\u00A0';

export interface FormatEurosOptions {
  locale?: Locale;
  /** Show "+" on positive amounts, for ledger movements ("+12,00 €" / "-12,00 €"). */
  signed?: boolean;
}

function requireCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) {
    throw new RangeError(`Money must be an integer number of cents, got ${cents}`);
  }
}

function groupThousands(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * fr: "1 234,56 €", "-12,00 €", "0,00 €"; en (British usage, as Intl en-GB): "€1,234.56",
 * "-€12.00". Zero is never signed (no "-0,00 €").
 */
export function formatEuros(cents: number, options: FormatEurosOptions = {}): string {
  requireCents(cents);
  const locale = options.locale ?? 'fr';
  const absolute = Math.abs(cents);
  const euros = String(Math.floor(absolute / 100));
  const fraction = String(absolute % 100).padStart(2, '0');
  const sign = cents < 0 ? '-' : cents > 0 && options.signed ? '+' : '';

  if (locale === 'fr') {
    return `${sign}${groupThousands(euros, NARROW_NO_BREAK_SPACE)},${fraction}${NO_BREAK_SPACE}€`;
  }
  return `${sign}€${groupThousands(euros, ',')}.${fraction}`;
}

/** Ledger movements: always signed unless zero ("+12,00 €", "-12,00 €", "0,00 €"). */
export function formatSignedEuros(cents: number, locale: Locale = 'fr'): string {
  return formatEuros(cents, { locale, signed: true });
}

/**
 * Makes text encodable by pdf-lib's standard 14 fonts (WinAnsiEncoding): U+202F becomes U+00A0
 * (WinAnsi 0xA0), which keeps the "no line break inside an amount" meaning. Applies to any text
 * that went through Intl (dates, numbers), not only amounts.
 */
export function toPdfSafeSpaces(text: string): string {
  return text.replace(/\u202F/g, NO_BREAK_SPACE);
}

/** formatEuros for receipts and notices drawn with pdf-lib standard fonts. */
export function formatEurosForPdf(cents: number, options: FormatEurosOptions = {}): string {
  return toPdfSafeSpaces(formatEuros(cents, options));
}

export type EurosInputFailure = 'empty' | 'format' | 'negative' | 'decimals' | 'grouping' | 'tooLarge';

export type EurosInputResult = { ok: true; cents: number } | { ok: false; reason: EurosInputFailure };

/** More euro digits than this cannot be a rent payment and would approach unsafe integers. */
const MAX_EURO_DIGITS = 12;

/**
 * What a person types in an amount field ("Montant que vous souhaitez payer"):
 * "1234,5", "1 234,50", "1234.50" (the seed's own field shows "0.00"), "1.234,50", "12 €",
 * "12,". Comma or dot is the decimal mark; at most two decimals; a space groups thousands only
 * between groups of three digits ("12 34" is refused as 'grouping'). A lone separator followed by
 * three digits ("1.234", "1,234") is refused as 'decimals' rather than guessed: reading it as
 * 1 234 € or 1,23 € would both be plausible, and a wrong guess is a wrong payment.
 * Zero is accepted here; "must be more than 0" is the payment form's rule.
 */
export function parseEurosInput(input: string): EurosInputResult {
  // Any space (U+00A0 and U+202F pasted from our own display too) counts as one; the currency
  // may stand before or after the number.
  const spaced = input
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^€\s?|\s?€$|\s?EUR$/gi, '')
    .trim();
  const text = spaced.replace(/ /g, '');
  if (text === '') return { ok: false, reason: 'empty' };
  if (/^[-\u2212]/.test(text)) return { ok: false, reason: 'negative' };
  if (!/^[0-9.,]+$/.test(text) || !/[0-9]/.test(text)) return { ok: false, reason: 'format' };

  const split = splitDecimal(text);
  if (!split) return { ok: false, reason: 'format' };
  const { integer, fraction } = split;
  if (fraction.length > 2) return { ok: false, reason: 'decimals' };

  const euros = integer.replace(/^0+(?=\d)/, '') || '0';
  if (euros.length > MAX_EURO_DIGITS) return { ok: false, reason: 'tooLarge' };
  // A space separates thousands only between groups of exactly three digits ("1 234,50"):
  // "12 34", "12 5" or "1 2 3" would be guesses, and a wrong guess is a wrong payment.
  if (spaced.includes(' ') && !/^\d{1,3}( \d{3})+([.,]\d*)?$/.test(spaced)) return { ok: false, reason: 'grouping' };
  return { ok: true, cents: Number(euros) * 100 + Number(fraction.padEnd(2, '0')) };
}

/**
 * Finds the decimal mark. With both "." and ",", the last one is the decimal mark and the
 * other groups thousands. With one of them only: once, it is the decimal mark; more than once,
 * it groups thousands. Grouped digits must really be groups of three ("1.23.4" is refused).
 */
function splitDecimal(text: string): { integer: string; fraction: string } | null {
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  const count = (mark: string) => text.split(mark).length - 1;

  let decimalAt = -1;
  let groupMark: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalAt = Math.max(lastDot, lastComma);
    groupMark = lastDot > lastComma ? ',' : '.';
    if (count(text[decimalAt]!) !== 1) return null;
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    if (count(mark) === 1) decimalAt = text.indexOf(mark);
    else groupMark = mark;
  }

  const integerPart = decimalAt >= 0 ? text.slice(0, decimalAt) : text;
  const fraction = decimalAt >= 0 ? text.slice(decimalAt + 1) : '';
  if (!/^\d*$/.test(fraction)) return null;
  if (groupMark === null) {
    return /^\d*$/.test(integerPart) ? { integer: integerPart, fraction } : null;
  }
  const groups = integerPart.split(groupMark);
  const wellGrouped = /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((group) => /^\d{3}$/.test(group));
  return wellGrouped ? { integer: groups.join(''), fraction } : null;
}
