/**
 * How the renderer words a problem the Portal API sent (issue 15, RGAA 8.7): by its key in the
 * tenant's language when this build has words for it; else by the server's own French sentence
 * (which the page then marks `lang="fr"` in English); else a generic sentence. Never a raw key,
 * never an empty message. Pure (no runes, no dictionary), so the rule is unit-tested on its own
 * (tests/unit/renderer/server-words.test.ts); i18n/index.svelte.ts plugs in the dictionaries.
 */

/** What to show, and whether it is the server's French text rather than the tenant's language. */
export interface Worded {
  text: string;
  french: boolean;
}

/** An i18n key ('fields.iban.checksum', 'errorDetails.quota.requestsPerDay'), not a sentence. */
export const isKeyShaped = (value: string): boolean => /^[\w.]+$/.test(value);

const nonEmpty = (value: string | undefined): value is string => value !== undefined && value.trim() !== '';

/**
 * `key`: what the server (or main) gave, a key or, from an older server, a sentence of its own;
 * `fallback`: the server's French sentence for the same problem; `words(key)`: the dictionary's
 * sentence for a key, undefined when it has none; `generic()`: the sentence when nothing else is there.
 */
export function wordFromServer(
  key: string | undefined,
  fallback: string | undefined,
  words: (key: string) => string | undefined,
  generic: () => string,
): Worded {
  if (nonEmpty(key)) {
    if (!isKeyShaped(key)) return { text: key, french: true };
    const known = words(key);
    if (nonEmpty(known)) return { text: known, french: false };
  }
  if (nonEmpty(fallback)) return { text: fallback, french: true };
  return { text: generic(), french: false };
}

/**
 * A sentence made from a template around `part` ("{label} : {message}"), cut where `part` goes,
 * so a page can mark that part alone (`<span lang="fr">`): [before, after].
 */
export function around(format: (placeholder: string) => string): [string, string] {
  const placeholder = '\u0000';
  const whole = format(placeholder);
  const at = whole.indexOf(placeholder);
  return at < 0 ? [whole, ''] : [whole.slice(0, at), whole.slice(at + placeholder.length)];
}
