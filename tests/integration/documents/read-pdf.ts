/**
 * Reads a generated PDF back as a reader would: pdf.js (the engine of the desktop viewer) extracts
 * the text and the document information, so a test sees what a screen reader or a search sees.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface ReadBack {
  pageCount: number;
  /** Text of all pages in order, items joined by spaces, every run of whitespace (U+00A0, U+202F too) made one space. */
  text: string;
  /** Page 1 size in points. */
  pageSize: [number, number];
  info: { Title?: string; Author?: string; Subject?: string; Language?: string; Creator?: string; Producer?: string; CreationDate?: string };
}

/** One space for any whitespace run: "1 234,56 €" matches whatever spaces the PDF carries. */
export const normalize = (text: string): string => text.replace(/\s+/gu, ' ').trim();

export async function readPdf(bytes: Uint8Array): Promise<ReadBack> {
  // pdf.js may detach the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const texts: string[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const content = await (await doc.getPage(number)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    const text = texts.join(' ');
    const [, , width, height] = (await doc.getPage(1)).view as [number, number, number, number];
    const { info } = await doc.getMetadata();
    return { pageCount: doc.numPages, text: normalize(text), pageSize: [width, height], info: info as ReadBack['info'] };
  } finally {
    await doc.destroy();
  }
}
