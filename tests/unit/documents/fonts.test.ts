/**
 * The shared fonts of fonts.ts (issue 17): the glyph data a subset copies, read once per glyph,
 * and PDFKit's word layout without its copies, with remembered widths. Both must give exactly what
 * fontkit and PDFKit give on their own: compared here with a font parsed afresh and a PDFKit
 * document that shares nothing, on generated glyph sets and strings.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { create, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { BOLD_FONT, REGULAR_FONT, shareWordLayouts } from '../../../server/src/documents/fonts';

const require = createRequire(import.meta.url);
const fileOf = (bold: boolean) => require.resolve(`@expo-google-fonts/arimo/${bold ? '700Bold/Arimo_700Bold.ttf' : '400Regular/Arimo_400Regular.ttf'}`);
/** Arimo as fontkit parses it, with nothing of fonts.ts. */
const plainFont = (bold: boolean) => create(readFileSync(fileOf(bold))) as Font;
const PLAIN = { regular: plainFont(false), bold: plainFont(true) };
const SHARED = { regular: REGULAR_FONT, bold: BOLD_FONT };

// The characters of French documents and tenants' names, spaces and tabs, digits, and letters
// Arimo draws as compound glyphs (a base letter plus an accent glyph).
const ALPHABET = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t,.;:!?«»’\'-–()/€°', '\u00A0', '\u202F', ...'éèêëàâäçîïôöùûüÿœæÉÈÊÀÇÔŒŁłŞşễỄĐđØøÅåÑñ'];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((chars) => chars.join(''));

type Subset = { includeGlyph(gid: number): number; encode(): Uint8Array };
function subsetBytes(font: Font, codePoints: number[]): Uint8Array {
  const subset = (font as unknown as { createSubset(): Subset }).createSubset();
  for (const codePoint of codePoints) subset.includeGlyph(font.glyphForCodePoint(codePoint).id);
  return new Uint8Array(subset.encode());
}

describe('subsets of the shared fonts', () => {
  it('are byte for byte fontkit’s, compound glyphs included, whatever glyphs a document uses and in whatever order', () => {
    const compound = [...'éÉçŁễ'].map((c) => c.codePointAt(0)!);
    // The accented letters are compound in Arimo: the case where component ids are mapped per subset.
    const hasCompound = compound.some((cp) => (PLAIN.regular.glyphForCodePoint(cp) as unknown as { _decode(): { numberOfContours: number } | null })._decode()!.numberOfContours < 0);
    expect(hasCompound).toBe(true);
    fc.assert(
      fc.property(fc.boolean(), text, (bold, sample) => {
        const codePoints = [...sample].map((c) => c.codePointAt(0)!);
        const key = bold ? 'bold' : 'regular';
        expect(subsetBytes(SHARED[key], codePoints)).toEqual(subsetBytes(PLAIN[key], codePoints));
      }),
      { numRuns: 150 },
    );
  });
});

type LaidOut = { glyphs: { id: number }[] | null; positions: Record<string, number>[] | null; advanceWidth: number };
type EmbeddedFont = { layout(text: string, features?: unknown, onlyWidth?: boolean): LaidOut };
function documentFont(shared: boolean, bold: boolean): { kit: PDFKit.PDFDocument; font: EmbeddedFont } {
  const kit = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  kit.registerFont('regular', (shared ? SHARED : PLAIN).regular as unknown as Buffer);
  kit.registerFont('bold', (shared ? SHARED : PLAIN).bold as unknown as Buffer);
  if (shared) {
    shareWordLayouts(kit, 'regular');
    shareWordLayouts(kit, 'bold');
  }
  kit.font(bold ? 'bold' : 'regular');
  return { kit, font: (kit as unknown as { _font: EmbeddedFont })._font };
}

const glyphIds = (run: LaidOut) => run.glyphs?.map((glyph) => glyph.id) ?? null;

describe('word layout of the shared fonts', () => {
  it('lays out and measures strings as PDFKit does alone, the first time and from its caches', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(text, { minLength: 1, maxLength: 4 }), (bold, lines) => {
        // A fresh pair of documents per sample, as per avis: the shared caches outlive them.
        const plain = documentFont(false, bold);
        const shared = documentFont(true, bold);
        for (const line of [...lines, ...lines]) {
          const expected = plain.font.layout(line);
          const actual = shared.font.layout(line);
          expect(glyphIds(actual)).toEqual(glyphIds(expected));
          expect(actual.positions).toEqual(expected.positions);
          expect(actual.advanceWidth).toBe(expected.advanceWidth);
          expect(shared.font.layout(line, undefined, true).advanceWidth).toBe(plain.font.layout(line, undefined, true).advanceWidth);
          expect(shared.kit.fontSize(9).widthOfString(line)).toBe(plain.kit.fontSize(9).widthOfString(line));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('measures a string first through a wider one without mixing their widths up', () => {
    const shared = documentFont(true, false);
    const plain = documentFont(false, false);
    for (const line of ['Loyer', 'Loyer ', 'Loyer  ', ' Loyer', 'Loyer\tet charges', 'Loyer et charges', '']) {
      expect(shared.font.layout(line, undefined, true).advanceWidth).toBe(plain.font.layout(line, undefined, true).advanceWidth);
    }
    expect(shared.font.layout('Loyer ', undefined, true).advanceWidth).toBeGreaterThan(shared.font.layout('Loyer', undefined, true).advanceWidth);
  });
});
