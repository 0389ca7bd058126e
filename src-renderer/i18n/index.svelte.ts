/**
 * The i18n layer: `t(key, params)` reads the current locale, which is a rune, so every template
 * that calls `t` re-renders when the locale changes. The locale is kept by main
 * (`settings.get` / `settings.update`) and mirrored on <html lang>.
 */
import type { Locale } from '../../src-shared/locale';
import type { PortalErrorShape } from '../../src-shared/errors';
import type { FieldMessageKey } from '../../src-shared/validation/schemas';
import { call } from '../lib/bridge';
import { fr, type Messages } from './fr';

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

/** A wait in seconds as words: "30 secondes", "2 minutes". */
export function formatWait(seconds: number): string {
  const [value, unit] = seconds < 90 ? [Math.max(1, Math.ceil(seconds)), 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'unit',
    unit,
    unitDisplay: 'long',
  }).format(value);
}

/** The sentence for an error answered by main (`errors.<code>`, with the wait for THROTTLED). */
export function errorMessage(error: PortalErrorShape): string {
  if (error.code === 'THROTTLED') {
    const wait = error.retryAfter !== undefined ? formatWait(error.retryAfter) : t('throttleWaitUnknown');
    return t('errors.THROTTLED', { wait });
  }
  return t(`errors.${error.code}`);
}

/**
 * A field problem from a VALIDATION answer: a full key ('fields.iban.checksum'), or a short one
 * ('required') meaning `fields.<it>`; an unknown key reads "invalid". A message that is not
 * key-shaped is a sentence the Portal API server wrote itself (today, e.g., "Adresse mail déjà
 * utilisée"): shown as it is, since it says more than "invalid" would.
 * TODO(lead): have the server send keys for those too, so English users get English.
 */
export function fieldMessage(message: string, params?: Params): string {
  if (!/^[\w.]+$/.test(message)) return message;
  const key = message.startsWith('fields.') ? message : `fields.${message}`;
  return hasKey(key) ? t(key, params && formatNumbers(params)) : t('fields.invalid');
}

/** Numbers as the locale writes them ("4 000" in French, "4,000" in English). */
export function formatNumbers(params: Params): Params {
  const format = new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB');
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? format.format(value) : value]));
}
