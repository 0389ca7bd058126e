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

/** What a TrueType subset copies of one glyph: its glyf bytes, the components of a compound glyph, its metrics. */
interface GlyphData {
  bytes: Uint8Array;
  components: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

/** The parts of fontkit's TrueType subset (TTFSubset) that `_addGlyph` fills; not in fontkit's types. */
interface TrueTypeSubset {
  glyphEncoder?: unknown;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(glyph: number): number;
  _addGlyph(gid: number): number;
}

interface FontInternals {
  _variationProcessor?: unknown;
  loca: { offsets: number[] };
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(gid: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
}

/**
 * Each document embeds the subset of the glyphs it uses, and fontkit's subset decodes every glyph
 * it adds (all its points, only to learn whether it is compound) and reads its metrics again: a
 * sixth of an avis's rendering (issue 17). The font is shared, so what a glyph contributes is the
 * same in every document: read once per glyph here. The subset's bytes are unchanged (same glyf
 * bytes, same order, compound glyphs' component ids mapped per document as fontkit does):
 * tests/unit/documents/fonts.test.ts compares them with fontkit's own subsets.
 * Only for a static TrueType font (Arimo is one); any other keeps fontkit's own `_addGlyph`.
 */
function shareGlyphData(font: Font): Font {
  const internals = font as unknown as FontInternals & { createSubset(): TrueTypeSubset };
  const glyphs = new Map<number, GlyphData>();
  const glyphData = (gid: number): GlyphData => {
    let data = glyphs.get(gid);
    if (data) return data;
    const glyph = internals.getGlyph(gid);
    const glyf = glyph._decode();
    const offsets = internals.loca.offsets;
    const stream = internals._getTableStream('glyf');
    stream.pos += offsets[gid]!;
    data = {
      bytes: stream.readBuffer(offsets[gid + 1]! - offsets[gid]!),
      components: glyf && glyf.numberOfContours < 0 ? glyf.components!.map(({ glyphID, pos }) => ({ glyphID, pos })) : null,
      advance: glyph.advanceWidth,
      bearing: glyph._getMetrics().leftBearing,
    };
    glyphs.set(gid, data);
    return data;
  };
  const createSubset = internals.createSubset.bind(font);
  internals.createSubset = () => {
    const subset = createSubset();
    if (!('glyphEncoder' in subset) || internals._variationProcessor) return subset;
    subset._addGlyph = function addGlyph(this: TrueTypeSubset, gid: number): number {
      const { bytes, components, advance, bearing } = glyphData(gid);
      let buffer = bytes;
      if (components) {
        // A compound glyph names its parts by glyph id: this document's ids, in the copy it embeds.
        buffer = new Uint8Array(bytes);
        const view = new DataView(buffer.buffer);
        for (const component of components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
      }
      this.glyf.push(buffer);
      this.loca.offsets.push(this.offset);
      this.hmtx.metrics.push({ advance, bearing });
      this.offset += buffer.length;
      return this.glyf.length - 1;
    };
    return subset;
  };
  return font;
}

/**
 * Parsed once and handed to every document (PDFKit takes a fontkit font as well as bytes): parsing
 * 300 KB of TrueType per document, and laying its glyphs out again with cold caches, cost more
 * than drawing the whole page. Each document still makes its own subset of the glyphs it uses.
 */
export const REGULAR_FONT = shareGlyphData(openFont(ARIMO_REGULAR));
export const BOLD_FONT = shareGlyphData(openFont(ARIMO_BOLD));

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
  layOutFaster(font as unknown as EmbeddedFontInternals, widthCacheOf(fontName));
}

/** A laid-out run as PDFKit's EmbeddedFont keeps it (glyphs, positions scaled to 1000 units). */
interface LaidOut {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}

interface EmbeddedFontInternals {
  layout(text: string, features?: unknown, onlyWidth?: boolean): LaidOut | { glyphs: null; positions: null; advanceWidth: number };
  layoutCached(text: string): LaidOut;
}

/** Whole strings' widths per font (1000 units), kept across documents: the labels and the lines `wrap` tries come back in every document. */
const widthCaches = new Map<string, Map<string, number>>();
function widthCacheOf(fontName: string): Map<string, number> {
  let cache = widthCaches.get(fontName);
  if (!cache || cache.size > LAYOUT_CACHE_LIMIT) {
    cache = new Map();
    widthCaches.set(fontName, cache);
  }
  return cache;
}

/**
 * PDFKit's EmbeddedFont.layout, the same runs in the same order (a run ends after each space or
 * tab, each laid out through the word cache), without its per-character array and its array
 * copies per word; and a measured string's width is remembered. PDFKit measures every line at
 * least twice (our alignment, then its own drawing), and `wrap` measures each candidate line:
 * about a fifth of an avis's rendering (issue 17). Same glyphs, positions and sums as PDFKit's
 * (tests/unit/documents/fonts.test.ts compares them on generated strings).
 */
function layOutFaster(font: EmbeddedFontInternals, widths: Map<string, number>): void {
  const pdfkitLayout = font.layout.bind(font);
  font.layout = (text, features, onlyWidth) => {
    if (features) return pdfkitLayout(text, features, onlyWidth);
    if (onlyWidth) {
      const known = widths.get(text);
      if (known !== undefined) return { glyphs: null, positions: null, advanceWidth: known };
    }
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    let last = 0;
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code !== 32 && code !== 9) continue;
      advanceWidth += addRun(font.layoutCached(text.slice(last, index + 1)), onlyWidth, glyphs, positions);
      last = index + 1;
    }
    if (last < text.length) advanceWidth += addRun(font.layoutCached(text.slice(last)), onlyWidth, glyphs, positions);
    if (onlyWidth) {
      widths.set(text, advanceWidth);
      return { glyphs: null, positions: null, advanceWidth };
    }
    return { glyphs, positions, advanceWidth };
  };
}

function addRun(run: LaidOut, onlyWidth: boolean | undefined, glyphs: unknown[], positions: unknown[]): number {
  if (!onlyWidth) {
    for (const glyph of run.glyphs) glyphs.push(glyph);
    for (const position of run.positions) positions.push(position);
  }
  return run.advanceWidth;
}
