/**
 * Calendar dates as the product shows them ("jj/mm/aaaa", "mardi 18 avril 2023", "mars 2023")
 * and stores them (ISO 8601 "yyyy-mm-dd").
 *
 * A calendar date has no time zone, so none of this goes through `Date`: a birth date parsed at
 * midnight in Paris and formatted in UTC would move to the day before. Names of days and months
 * come from our own tables rather than Intl, because ICU versions disagree on details (a comma
 * after the weekday in en-GB, the "1er" of French) and the home page must read the same
 * everywhere; tests pin the exact strings.
 */

import type { Locale } from '../locale';
import { parisDate } from '../clock';

const MONTHS: Record<Locale, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** Index 0 is Monday (ISO 8601 weekday 1). */
const WEEKDAYS: Record<Locale, readonly string[]> = {
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

export interface CalendarDate {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isRealDate({ year, month, day }: CalendarDate): boolean {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function toIsoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Strict "yyyy-mm-dd" (no time part) that names a real Gregorian date; null otherwise. */
export function parseIsoDate(iso: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(date) ? date : null;
}

export function isValidIsoDate(iso: string): boolean {
  return parseIsoDate(iso) !== null;
}

function requireIsoDate(iso: string): CalendarDate {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`Not an ISO calendar date: "${iso}"`);
  return date;
}

export type FrenchDateFailure = 'empty' | 'format' | 'invalid';

export type FrenchDateResult = { ok: true; iso: string } | { ok: false; reason: FrenchDateFailure };

/**
 * What a person typed in a "jj/mm/aaaa" field. Day and month may have one digit ("1/4/1950");
 * the year must have four, since "50" could be 1950 or 2050 for a birth date. Dots and dashes
 * are accepted as separators ("18.04.2023", "18-04-2023"). 31/02/2020 is 'invalid', not
 * silently moved to March as `new Date` would.
 */
export function parseFrenchDate(input: string): FrenchDateResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  const match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const date = { day: Number(match[1]), month: Number(match[3]), year: Number(match[4]) };
  if (!isRealDate(date)) return { ok: false, reason: 'invalid' };
  return { ok: true, iso: toIsoDate(date) };
}

/** "2023-04-18" -> "18/04/2023". Throws RangeError on a value that is not an ISO date. */
export function formatFrenchDate(iso: string): string {
  const { year, month, day } = requireIsoDate(iso);
  return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}

/**
 * The calendar date of an instant, as ISO, by the one rule for "today" (src-shared/clock.ts):
 * the date in Europe/Paris, whatever time zone the PC or the server runs in. The instant is
 * required: "today" comes from a Clock the caller was given, or it is the day of a timestamp
 * (`todayIso(new Date(item.createdAt))`), never a hidden read of the wall clock.
 */
export function todayIso(instant: Date): string {
  return parisDate(instant);
}

/** "yyyy-mm" (a rent period) `months` later (negative: earlier): addMonths('2026-01', -1) is '2025-12'. */
export function addMonths(period: string, months: number): string {
  const { year, month } = requireIsoDate(`${period}-01`);
  const index = year * 12 + (month - 1) + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/** An ISO date `days` later (negative: earlier), in calendar days (no time zone, no DST). */
export function addDays(iso: string, days: number): string {
  const { year, month, day } = requireIsoDate(iso);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return toIsoDate({ year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() });
}

/** Completed years between two ISO dates (someone born on 29 February is a year older on 1 March). */
export function ageOn(birthIso: string, onIso: string): number {
  const birth = requireIsoDate(birthIso);
  const on = requireIsoDate(onIso);
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

export const EARLIEST_BIRTH_DATE = '1900-01-01';

export type BirthDateFailure = 'future' | 'tooOld';

/**
 * Sanity check of a birth date before it is compared with the tenant record: not in the future,
 * not before 1900 (a typo such as 1853 for 1953). ISO strings compare like the dates they name.
 */
export function checkBirthDate(iso: string, today: string): { ok: true } | { ok: false; reason: BirthDateFailure } {
  requireIsoDate(iso);
  if (iso > today) return { ok: false, reason: 'future' };
  if (iso < EARLIEST_BIRTH_DATE) return { ok: false, reason: 'tooOld' };
  return { ok: true };
}

/** ISO weekday index, 0 = Monday, by days since 1970-01-01 (a Thursday). */
function weekdayIndex({ year, month, day }: CalendarDate): number {
  // Days from civil (H. Hinnant), valid for the whole proleptic Gregorian calendar.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  const daysSinceEpoch = era * 146097 + dayOfEra - 719468;
  return (((daysSinceEpoch + 3) % 7) + 7) % 7;
}

/**
 * Home page date: fr "mardi 18 avril 2023" ("mardi 1er avril 2025" on the first, as French
 * typography writes it), en "Tuesday 18 April 2023". Lower case in French; the seed's capitals
 * ("MARDI 18 AVRIL 2023") are a CSS text-transform, which screen readers do not spell out.
 */
export function formatLongDate(iso: string, locale: Locale): string {
  const date = requireIsoDate(iso);
  const weekday = WEEKDAYS[locale][weekdayIndex(date)]!;
  const month = MONTHS[locale][date.month - 1]!;
  const day = locale === 'fr' && date.day === 1 ? '1er' : String(date.day);
  return `${weekday} ${day} ${month} ${date.year}`;
}

/**
 * Receipts list heading: fr "mars 2023", en "March 2023". Takes "yyyy-mm" (a rent period) or a
 * full ISO date.
 */
export function formatMonthYear(isoMonthOrDate: string, locale: Locale): string {
  const iso = /^\d{4}-\d{2}$/.test(isoMonthOrDate) ? `${isoMonthOrDate}-01` : isoMonthOrDate;
  const { year, month } = requireIsoDate(iso);
  return `${MONTHS[locale][month - 1]!} ${year}`;
}

/**
 * A rent period after "of", as each language says it: fr "de mars 2026", "d'octobre 2026" (the
 * "de" elides before avril, août, octobre: "Quittance de octobre" is wrong, and a screen reader
 * reads it as written); en "March 2026" (the template says "for"). Takes "yyyy-mm" or an ISO date.
 */
export function formatOfMonthYear(isoMonthOrDate: string, locale: Locale): string {
  const monthYear = formatMonthYear(isoMonthOrDate, locale);
  if (locale !== 'fr') return monthYear;
  return /^[aeiouyàâéèêëîïôûüh]/i.test(monthYear) ? `d'${monthYear}` : `de ${monthYear}`;
}
