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
