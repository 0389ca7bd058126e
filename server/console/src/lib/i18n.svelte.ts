/**
 * The console's i18n: `t(key, params)` reads the current locale (a rune, so templates re-render
 * when it changes). French is the reference (i18n/fr.ts), English has the same shape (i18n/en.ts).
 * Field problems from the server are worded from their key (the tenant app's `fields` sentences),
 * falling back to the French message the server sent.
 */
import type { Locale } from '../../../../src-shared/locale';
import { formatEuros } from '../../../../src-shared/format/money';
import { interpolate, lookup, type Leaves, type Params } from '../../../../src-shared/i18n/messages';
import { fr, type Messages } from '../i18n/fr';
import { en } from '../i18n/en';
import type { FieldProblem } from './api';

export type MessageKey = Leaves<Messages>;
export type { Params };

const LOCALE_KEY = 'staff-console-locale';
const dictionaries: Record<Locale, Messages> = { fr, en };

function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

let current = $state<Locale>(storedLocale());

export const i18n = {
  get locale(): Locale {
    return current;
  },
  set(locale: Locale) {
    current = locale;
    document.documentElement.lang = locale;
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
  },
};

/** Whether `key` (built at run time, e.g. a status from the server) has a sentence. */
export function hasKey(key: string): boolean {
  return lookup(fr, key) !== undefined;
}

export function t(key: MessageKey, params?: Params): string {
  return interpolate(lookup(dictionaries[current], key) ?? lookup(fr, key) ?? key, params);
}

/** A key computed at run time ("status.open"): its sentence, else `fallback`. */
export function tr(key: string, fallback: string, params?: Params): string {
  const text = lookup(dictionaries[current], key) ?? lookup(fr, key);
  return text === undefined ? fallback : interpolate(text, params);
}

/** A server field problem in the current language. */
export function fieldMessage(problem: FieldProblem): string {
  if (problem.key && problem.key !== 'fields.invalid') return tr(problem.key, problem.message, problem.params);
  return current === 'fr' || !problem.key ? problem.message : tr(problem.key, problem.message, problem.params);
}

export function money(cents: number): string {
  return formatEuros(cents, { locale: current });
}

export { date, dateTime } from './dates';
