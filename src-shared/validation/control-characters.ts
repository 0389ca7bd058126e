/**
 * Invisible control characters in typed text (a NUL pasted from a PDF, an ESC from a terminal):
 * PostgreSQL refuses a NUL in text (the request failed with a 500), and none of them means
 * anything in a name, a message or an address. Tab, line feed and carriage return stay allowed:
 * multi-line fields (a request's description, a message) need them.
 *
 * A lone UTF-16 surrogate (half of an emoji, cut by a copy or a buggy client) is not text either:
 * PostgreSQL's jsonb refuses its escape (a change request or the landlord's settings answered 500).
 *
 * One check for every text field of every input, run by the server on each request body and by
 * the desktop's bridge on each input, so such an item never even reaches the outbox.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** How deep nested inputs are searched (ours are a few levels; anything deeper is refused). */
const MAX_DEPTH = 16;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/**
 * The dotted path ("occupants.1.lastName") of the first string in `value` that holds a control
 * character, or of an object nested beyond MAX_DEPTH; null when there is none. Keys are checked too.
 */
export function controlCharacterPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return hasControlCharacter(value) ? path.join('.') : null;
  // Bytes (an upload's body) are not text.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null;
  if (path.length >= MAX_DEPTH) return path.join('.');
  for (const [key, item] of Object.entries(value)) {
    if (hasControlCharacter(key)) return [...path, key].join('.');
    const found = controlCharacterPath(item, [...path, key]);
    if (found !== null) return found;
  }
  return null;
}
