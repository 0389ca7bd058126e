/**
 * The i18n layer: `t(key, params)` reads the current locale, which is a rune, so every template
 * that calls `t` re-renders when the locale changes. The locale is kept by main
 * (`settings.get` / `settings.update`) and mirrored on <html lang>.
 */
import type { Locale } from '../../src-shared/locale';
import type { ErrorDetailKey, PortalErrorShape } from '../../src-shared/errors';
import type { FieldMessageKey } from '../../src-shared/validation/schemas';
import { call } from '../lib/bridge';
import { fr, type Messages } from './fr';
import { isKeyShaped, wordFromServer, type Worded } from './server-words';

export type { Messages };

/** Every dotted path to a string in the dictionaries: 'menu.home', 'errors.OFFLINE', … */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;

export type Params = Record<string, string | number>;

/**
 * Compile-time check: every field message the shared schemas can emit has its sentence. When
 * this line fails, the error names the missing keys: add them to fr.ts and en.ts.
 */
type MissingFieldMessages = Exclude<FieldMessageKey, MessageKey>;
const everyFieldMessageTranslated: [MissingFieldMessages] extends [never] ? true : MissingFieldMessages = true;
void everyFieldMessageTranslated;
/** The same for the Portal API's precise error keys (a quota, a conflict). */
type MissingErrorDetails = Exclude<ErrorDetailKey, MessageKey>;
const everyErrorDetailTranslated: [MissingErrorDetails] extends [never] ? true : MissingErrorDetails = true;
void everyErrorDetailTranslated;

/**
 * French is in the start bundle (the default, and every key's fallback); another language is its
 * own chunk, fetched the first time it is chosen, so the start pays for one dictionary only.
 */
const dictionaries: Partial<Record<Locale, Messages>> = { fr };
const loaders: Record<Exclude<Locale, 'fr'>, () => Promise<Messages>> = {
  en: () => import('./en').then((module) => module.en),
};

/** The dictionary of `locale`, loaded once; French when it cannot be loaded. */
async function dictionaryFor(locale: Locale): Promise<Messages> {
  const loaded = dictionaries[locale];
  if (loaded) return loaded;
  if (locale === 'fr') return fr;
  try {
    return (dictionaries[locale] = await loaders[locale]());
  } catch {
    return fr;
  }
}

let current = $state<Locale>('fr');

export const i18n = {
  get locale(): Locale {
    return current;
  },
};

function lookup(dictionary: Messages, key: string): string | undefined {
  let node: unknown = dictionary;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Whether a key computed at run time (e.g. a server's field message) exists. */
export function hasKey(key: string): key is MessageKey {
  return lookup(fr, key) !== undefined;
}

/** The sentence for `key` in the current locale (French when English lacks it). */
export function t(key: MessageKey, params?: Params): string {
  const text = lookup(dictionaries[current] ?? fr, key) ?? lookup(fr, key) ?? key;
  return interpolate(text, params);
}

function applyLocale(locale: Locale) {
  current = locale;
  document.documentElement.lang = locale;
}

/** Restores the locale saved by main (its dictionary loaded first); French when the setting cannot be read. */
export async function restoreLocale(): Promise<void> {
  try {
    const settings = await call('settings.get');
    await dictionaryFor(settings.locale);
    applyLocale(settings.locale);
  } catch {
    applyLocale('fr');
  }
}

/**
 * Switches the UI language as soon as its dictionary is there (a local chunk: a few ms the first
 * time, then at once; the old wording stays until then, never keys), then persists it (a failed
 * save keeps the switch).
 */
export async function setLocale(locale: Locale): Promise<void> {
  await dictionaryFor(locale);
  applyLocale(locale);
  try {
    await call('settings.update', { locale });
  } catch {
    // Not worth an error message: the choice applies now and is asked again next start.
  }
}

/** A wait in seconds as words: "30 secondes", "2 minutes", "24 heures" (a daily quota's). */
export function formatWait(seconds: number): string {
  const [value, unit] =
    seconds < 90 ? [Math.max(1, Math.ceil(seconds)), 'second'] : seconds < 90 * 60 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  }).format(value);
}

/**
 * Texts shown as the Portal API wrote them, in French (a key this build has no words for): the
 * pages mark them `lang="fr"` while the interface is in English (RGAA 8.7), through langOf.
 */
// Not a SvelteSet: it is filled while templates are rendered (a rune may not change there), and a
// text is always added before the same render asks langOf about it.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const frenchTexts = new Set<string>();

function shown(worded: Worded): string {
  if (worded.french) frenchTexts.add(worded.text);
  return worded.text;
}

/** 'fr' for a text shown in the server's French while the interface is in another language. */
export function langOf(text: string | null | undefined): 'fr' | undefined {
  return current !== 'fr' && text && frenchTexts.has(text) ? 'fr' : undefined;
}

/**
 * The sentence for an error answered by main: the server's precise key (a quota with its limit
 * and the wait until it resets, what conflicted) when it sent one, else `errors.<code>` (with the
 * wait for THROTTLED); a precise key this build does not know shows the server's French sentence.
 */
export function errorMessage(error: PortalErrorShape): string {
  const wait = error.retryAfter !== undefined ? formatWait(error.retryAfter) : t('throttleWaitUnknown');
  const generic = () => (error.code === 'THROTTLED' ? t('errors.THROTTLED', { wait }) : t(`errors.${error.code}`));
  if (error.key === undefined || error.key === `errors.${error.code}`) return generic();
  const params = { ...formatNumbers(error.params ?? {}), wait };
  return shown(wordFromServer(error.key, error.message, (key) => (hasKey(key) ? t(key, params) : undefined), generic));
}

/**
 * A field problem: a full key ('fields.iban.checksum'), or a short one ('required') meaning
 * `fields.<it>`, with its numbers. A key this build has no words for shows `fallback`, the
 * server's French sentence (marked French by the page, see langOf), else "invalid"; a message that
 * is not key-shaped is a sentence the server wrote itself, shown as it is. Never a raw key.
 */
export function fieldMessage(message: string, params?: Params, fallback?: string): string {
  const key = isKeyShaped(message) && !message.startsWith('fields.') ? `fields.${message}` : message;
  const words = (found: string) => (hasKey(found) ? t(found, params && formatNumbers(params)) : undefined);
  return shown(wordFromServer(key, fallback, words, () => t('fields.invalid')));
}

/** Numbers as the locale writes them ("4 000" in French, "4,000" in English). */
export function formatNumbers(params: Params): Params {
  const format = new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB');
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? format.format(value) : value]));
}
