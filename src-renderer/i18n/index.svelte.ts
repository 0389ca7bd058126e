/**
 * The i18n layer: `t(key, params)` reads the current locale, which is a rune, so every template
 * that calls `t` re-renders when the locale changes. The locale is kept by main
 * (`settings.get` / `settings.update`) and mirrored on <html lang>. The start dictionary (fr.ts)
 * holds the shell's words; each page's `pages.*` blocks load with it (`loadPageWords`,
 * page-words.ts).
 */
import { untrack } from 'svelte';
import type { Locale } from '../../src-shared/locale';
import type { ErrorDetailKey, PortalErrorShape } from '../../src-shared/errors';
import { interpolate, lookup, type Leaves, type Params } from '../../src-shared/i18n/messages';
import type { FieldMessageKey } from '../../src-shared/validation/schemas';
import { call } from '../lib/bridge';
import { fr, type StartMessages } from './fr';
import { pageWords, type PageWords, type WordsArea } from './page-words';
import { isKeyShaped, wordFromServer, type Worded } from './server-words';

export type { Params, WordsArea };

/** Every key's shape: the start dictionary (fr.ts) and every area's page blocks (page-words.ts). */
export type Messages = StartMessages & { pages: PageWords };
/** Every dotted path to a string in the dictionaries: 'menu.home', 'errors.OFFLINE', 'pages.home.title', … */
export type MessageKey = Leaves<Messages>;

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
const dictionaries: Partial<Record<Locale, StartMessages>> = { fr };
const loaders: Record<Exclude<Locale, 'fr'>, () => Promise<StartMessages>> = {
  en: () => import('./en').then((module) => module.en),
};

/** The dictionary of `locale`, loaded once; French when it cannot be loaded. */
async function dictionaryFor(locale: Locale): Promise<StartMessages> {
  const loaded = dictionaries[locale];
  if (loaded) return loaded;
  if (locale === 'fr') return fr;
  try {
    return (dictionaries[locale] = await loaders[locale]());
  } catch {
    return fr;
  }
}

// Plain objects, not runes: a page renders only once its blocks are in (App waits for them) and a
// language applies only once its blocks are, so no template has to watch these.
/** Each language's page blocks loaded so far, by block name (`home`, `signUp`, …). */
const pageBlocks: Record<Locale, Record<string, object>> = { fr: {}, en: {} };
/** Each area's blocks being loaded or loaded, per language ('en:home'), each asked for once. */
const areaLoads: Partial<Record<`${Locale}:${WordsArea}`, Promise<void>>> = {};
/** The areas some page asked for: a language chosen later loads them before it applies. */
const wantedAreas: Partial<Record<WordsArea, true>> = {};

function loadArea(locale: Locale, area: WordsArea): Promise<void> {
  const id = `${locale}:${area}` as const;
  const loading = areaLoads[id];
  if (loading) return loading;
  const started = pageWords[area][locale]().then((module) => void Object.assign(pageBlocks[locale], module.pages));
  // A failed load (a chunk the network lost, in the browser preview) is asked again next time.
  started.catch(() => delete areaLoads[id]);
  return (areaLoads[id] = started);
}

/** The areas' blocks in `locale`; in French when that language's cannot be loaded (t falls back to French). */
async function loadAreas(locale: Locale, wanted: readonly WordsArea[]): Promise<void> {
  try {
    await Promise.all(wanted.map((area) => loadArea(locale, area)));
  } catch (problem) {
    if (locale === 'fr') throw problem;
    await Promise.all(wanted.map((area) => loadArea('fr', area)));
  }
}

/**
 * Loads the page blocks of `areas` in the current language; a page renders once this resolves
 * (App), so its words are there before its first frame. Rejects only when even the French blocks
 * cannot be loaded (App then shows the page as failed, never keys).
 */
export function loadPageWords(areas: readonly WordsArea[]): Promise<void> {
  for (const area of areas) wantedAreas[area] = true;
  // Read untracked: App calls this inside an effect, which must not re-run (and reopen the page)
  // when the language changes; setLocale loads the wanted areas in the new language itself.
  return loadAreas(untrack(() => current), areas);
}

let current = $state<Locale>('fr');

export const i18n = {
  get locale(): Locale {
    return current;
  },
};

/** The sentence at `key` in `locale`, if that language has it loaded. */
function sentence(locale: Locale, key: string): string | undefined {
  if (key.startsWith('pages.')) return lookup(pageBlocks[locale], key.slice('pages.'.length));
  return lookup(dictionaries[locale], key);
}

/** Whether a key computed at run time (e.g. a server's field message) exists. */
export function hasKey(key: string): key is MessageKey {
  return sentence(current, key) !== undefined || sentence('fr', key) !== undefined;
}

/** The sentence for `key` in the current locale (French when English lacks it). */
export function t(key: MessageKey, params?: Params): string {
  return interpolate(sentence(current, key) ?? sentence('fr', key) ?? key, params);
}

function applyLocale(locale: Locale) {
  current = locale;
  document.documentElement.lang = locale;
}

/**
 * Everything `locale` needs before it applies: its dictionary, and the blocks of every area a page
 * asked for so far (the page shown, and those seen before, so coming back needs no load).
 */
async function wordsFor(locale: Locale): Promise<void> {
  await Promise.all([dictionaryFor(locale), loadAreas(locale, Object.keys(wantedAreas) as WordsArea[]).catch(() => undefined)]);
}

/** Restores the locale saved by main (its dictionary loaded first); French when the setting cannot be read. */
export async function restoreLocale(): Promise<void> {
  try {
    const settings = await call('settings.get');
    await wordsFor(settings.locale);
    applyLocale(settings.locale);
  } catch {
    applyLocale('fr');
  }
}

/**
 * Switches the UI language as soon as its dictionary and the page blocks in use are there (local
 * chunks: a few ms the first time, then at once; the old wording stays until then, never keys),
 * then persists it (a failed
 * save keeps the switch).
 */
/** setLocale calls so far (the last one's locale is shown), and the saves in the order chosen. */
let choices = 0;
let saving: Promise<unknown> = Promise.resolve();

export async function setLocale(locale: Locale): Promise<void> {
  const choice = ++choices;
  // Saved at once, in the order chosen, not after the words load: a window closed right after the
  // click keeps the choice (found by e2e: the words of every loaded area load first now). A failed
  // save is not worth an error message: the choice applies now and is asked again next start.
  const saved = (saving = saving.then(() => call('settings.update', { locale })).catch(() => undefined));
  await wordsFor(locale);
  // Two clicks in a row: the later choice is the one shown, whichever words came first.
  if (choice === choices) applyLocale(locale);
  await saved;
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
