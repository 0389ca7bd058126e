/**
 * The pure part of an i18n layer, shared by the tenant app (src-renderer/i18n) and the staff
 * console (server/console/src/lib/i18n.svelte.ts): each keeps its own dictionaries and locale.
 */

/** Every dotted path to a string in a dictionary: 'menu.home', 'errors.OFFLINE', … */
export type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type Params = Record<string, string | number>;

/** The sentence at a dotted key ('fields.iban.checksum'), or undefined when there is none. */
export function lookup(dictionary: unknown, key: string): string | undefined {
  let node = dictionary;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** `{name}` replaced by `params.name`; a name without its param stays as written. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
