/**
 * The typeface embedded in every document: Arimo (SIL Open Font License 1.1, from the npm package
 * @expo-google-fonts/arimo), metric-compatible with Helvetica/Arial, so the layout drawn for the
 * standard Helvetica keeps its line breaks and column widths. It carries the euro sign, the
 * narrow no-break space (U+202F) French typography puts in "1 234,56 €", typographic apostrophes
 * and guillemets, every French accent and the Latin letters of tenants' names ("Ł", "Ş", "ễ").
 *
 * Read once from node_modules when the module loads: package data, like code, not state. The
 * renderers stay pure (tests/unit/documents/pure.test.ts allows this one file to read).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

const require = createRequire(import.meta.url);

function fontBytes(file: string): Buffer {
  return readFileSync(require.resolve(`@expo-google-fonts/arimo/${file}`));
}

const ARIMO_REGULAR = fontBytes('400Regular/Arimo_400Regular.ttf');
const ARIMO_BOLD = fontBytes('700Bold/Arimo_700Bold.ttf');

function openFont(bytes: Buffer): Font {
  const font = create(bytes);
  if (!('characterSet' in font)) throw new Error('Arimo: a font file was expected, not a collection');
  return font;
}

/**
 * Parsed once and handed to every document (PDFKit takes a fontkit font as well as bytes): parsing
 * 300 KB of TrueType per document, and laying its glyphs out again with cold caches, cost more
 * than drawing the whole page. Each document still makes its own subset of the glyphs it uses.
 */
export const REGULAR_FONT = openFont(ARIMO_REGULAR);
export const BOLD_FONT = openFont(ARIMO_BOLD);

const REGULAR_CODE_POINTS = new Set(REGULAR_FONT.characterSet);
const BOLD_CODE_POINTS = new Set(BOLD_FONT.characterSet);

/** Whether the embedded font draws this character (what pdfSafe keeps). */
export const fontSupports = (bold: boolean, codePoint: number): boolean => (bold ? BOLD_CODE_POINTS : REGULAR_CODE_POINTS).has(codePoint);

/** Words laid out (glyphs and advances) per font, kept across documents; cleared past this many. */
const LAYOUT_CACHE_LIMIT = 20_000;
const layoutCaches = new Map<string, { words: Record<string, unknown>; size: number }>();

/**
 * PDFKit lays each word out once per document (its EmbeddedFont keeps a word cache); the same
 * words ("Loyer", "charges", "€") come back in every document, so the documents share one cache
 * per font. Safe because a cached layout is read, never changed, and the glyph ids are mapped to
 * each document's own subset when drawn. Bounded: a long-running server renders many names.
 * Reaches into PDFKit's `_font.layoutCache`; without it (another PDFKit), documents still render.
 */
export function shareWordLayouts(kit: PDFKit.PDFDocument, fontName: string): void {
  kit.font(fontName);
  const font = (kit as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (!font?.layoutCache) return;
  let cache = layoutCaches.get(fontName);
  if (!cache || cache.size > LAYOUT_CACHE_LIMIT) {
    cache = { words: Object.create(null) as Record<string, unknown>, size: 0 };
    layoutCaches.set(fontName, cache);
  }
  const shared = cache;
  // Counts the words added through the cache, to know when to clear it.
  font.layoutCache = new Proxy(shared.words, {
    set(target, key, value) {
      if (!(key in target)) shared.size++;
      return Reflect.set(target, key, value);
    },
  });
}
