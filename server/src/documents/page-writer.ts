/**
 * Drawing primitives for A4 pages, top to bottom, on PDFKit: a cursor `y` (points from the bottom
 * of the page, as PDF counts) that blocks move down, a new page when a block would run into the
 * footer (a tenant with many small payments in a month), text that is always made drawable
 * (pdfSafe) and wrapped on ordinary spaces only, so "1 234,56 €" (no-break spaces) never splits.
 *
 * Tagging (PDF/UA, RGAA 13.3): every line of text belongs to a structure element (H1, P, TH, TD,
 * Lbl, LBody...) opened with `tagged`, inside the groups opened with `group` (Table, TR, L...);
 * text drawn outside any element, rules, boxes and the page furniture are artifacts, which a
 * screen reader skips. The structure tree is what it reads, in the order the elements were opened.
 */
import type { DocumentTheme, RGB } from './theme';

/** A4 in PostScript points (210 x 297 mm). */
export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;
export const CONTENT_WIDTH = A4[0] - 2 * MARGIN;
export const RIGHT_EDGE = A4[0] - MARGIN;
/** Nothing but the footer below this line. */
export const FOOTER_TOP = 70;

/** Names the fonts are registered under in the PDFKit document (pdf-document.ts). */
export const FONT_REGULAR = 'regular';
export const FONT_BOLD = 'bold';

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: RGB;
}

type StructElement = PDFKit.PDFStructureElement;

/** An image opened once by PDFKit (`openImage`, which @types/pdfkit leaves out): drawn by reference. */
export interface OpenedImage {
  width: number;
  height: number;
}

export function openImage(kit: PDFKit.PDFDocument, bytes: Buffer): OpenedImage {
  return (kit as unknown as { openImage(src: Buffer): OpenedImage }).openImage(bytes);
}
/** Structure options PDFKit writes: scope for TH ('Row' | 'Column'), alt for a Figure. */
export type StructOptions = { scope?: 'Row' | 'Column' | 'Both'; alt?: string; title?: string };

/** How the text of a font is made drawable: its code points (the fonts are fixed, so once each). */
export interface WriterFonts {
  supports(bold: boolean, codePoint: number): boolean;
}

export class PageWriter {
  /** Baseline of the next line, in points from the bottom of the page. */
  y = A4[1] - MARGIN;
  pageCount = 0;
  /** Heading of the following pages, so a loose sheet still says what and whose it is. */
  continuation: string | null = null;
  private readonly parents: StructElement[];
  private leaf: { element: StructElement; type: string } | null = null;
  private artifactType: 'Pagination' | 'Layout' = 'Layout';

  constructor(
    readonly kit: PDFKit.PDFDocument,
    readonly fonts: WriterFonts,
    readonly theme: DocumentTheme,
    root: StructElement,
  ) {
    this.parents = [root];
    this.addPage();
  }

  private addPage(): void {
    this.kit.addPage({ size: A4, margin: 0 });
    this.pageCount++;
  }

  /** Starts a new page when `height` points below the cursor would reach the footer. */
  ensureSpace(height: number): void {
    if (this.y - height >= FOOTER_TOP) return;
    this.addPage();
    this.y = A4[1] - MARGIN;
    if (this.continuation) {
      const continuation = this.continuation;
      this.artifact('Pagination', () => this.text(continuation, MARGIN, this.y, { size: 9, bold: true, color: this.theme.muted }));
      this.rule(this.y - 6);
      this.y -= 30;
    }
  }

  /** Goes back to page `index` (0-based) to draw its footer. */
  switchToPage(index: number): void {
    this.kit.switchToPage(index);
  }

  /** A grouping element (Table, THead, TBody, TR, L, LI, Sect) under the current one. */
  group<T>(type: string, draw: () => T, options: StructOptions = {}): T {
    const element = this.kit.struct(type, options);
    this.parents.at(-1)!.add(element);
    this.parents.push(element);
    try {
      return draw();
    } finally {
      this.parents.pop();
      element.end();
    }
  }

  /** An element holding text (H1, H2, P, TH, TD, Lbl, LBody): every line drawn in `draw` is its content. */
  tagged(type: string, draw: () => void, options: StructOptions = {}): void {
    const element = this.kit.struct(type, options);
    this.parents.at(-1)!.add(element);
    const outer = this.leaf;
    this.leaf = { element, type };
    try {
      draw();
    } finally {
      this.leaf = outer;
      element.end();
    }
  }

  /** Page furniture (header, footer, page number): drawn but left out of what is read. */
  artifact(type: 'Pagination' | 'Layout', draw: () => void): void {
    const [outerLeaf, outerType] = [this.leaf, this.artifactType];
    this.leaf = null;
    this.artifactType = type;
    try {
      draw();
    } finally {
      this.leaf = outerLeaf;
      this.artifactType = outerType;
    }
  }

  /** Content of the current element, or an artifact when there is none (decoration, furniture). */
  private mark(draw: () => void): void {
    if (!this.leaf) {
      this.kit.markContent('Artifact', { type: this.artifactType });
      draw();
      this.kit.endMarkedContent();
      return;
    }
    const content = this.kit.markStructureContent(this.leaf.type);
    draw();
    this.kit.endMarkedContent();
    this.leaf.element.add(content);
  }

  private select(style: TextStyle): void {
    this.kit.font(style.bold ? FONT_BOLD : FONT_REGULAR).fontSize(style.size ?? 10);
  }

  width(text: string, style: TextStyle = {}): number {
    this.select(style);
    return this.kit.widthOfString(pdfSafe(text, (c) => this.fonts.supports(style.bold === true, c)));
  }

  /** One line with its baseline at (x, y); `align: 'right'` puts its end at x (amount columns). */
  text(text: string, x: number, y: number, style: TextStyle & { align?: 'left' | 'right' | 'center' } = {}): void {
    const safe = pdfSafe(text, (c) => this.fonts.supports(style.bold === true, c));
    if (safe === '') return;
    this.select(style);
    const width = this.kit.widthOfString(safe);
    const left = style.align === 'right' ? x - width : style.align === 'center' ? x - width / 2 : x;
    this.mark(() => {
      this.kit.fillColor(style.color ?? this.theme.text).text(safe, left, A4[1] - y, { lineBreak: false, baseline: 'alphabetic' });
    });
  }

  /** Wrapped paragraph starting at the cursor; moves the cursor below it. */
  paragraph(text: string, style: TextStyle & { x?: number; width?: number; lineHeight?: number } = {}): void {
    const size = style.size ?? 10;
    const lineHeight = style.lineHeight ?? size * 1.35;
    for (const line of this.wrap(text, style.width ?? CONTENT_WIDTH, style)) {
      this.ensureSpace(lineHeight);
      this.text(line, style.x ?? MARGIN, this.y, style);
      this.y -= lineHeight;
    }
  }

  /** Splits on ASCII spaces only: U+00A0 and U+202F inside amounts and "n° 89-462" keep them whole. */
  wrap(text: string, maxWidth: number, style: TextStyle = {}): string[] {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(/ +/)) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (current !== '' && this.width(candidate, style) > maxWidth) {
        lines.push(current);
        current = word;
      } else {
        current = candidate;
      }
    }
    if (current !== '') lines.push(current);
    return lines;
  }

  rule(y: number, options: { thickness?: number; color?: RGB; from?: number; to?: number } = {}): void {
    this.decoration(() => {
      this.kit
        .moveTo(options.from ?? MARGIN, A4[1] - y)
        .lineTo(options.to ?? RIGHT_EDGE, A4[1] - y)
        .lineWidth(options.thickness ?? 0.5)
        .strokeColor(options.color ?? this.theme.hairline)
        .stroke();
    });
  }

  /** A rectangle whose lower left corner is (x, y). */
  box(x: number, y: number, width: number, height: number, options: { fill?: RGB; border?: RGB; borderWidth?: number } = {}): void {
    this.decoration(() => {
      this.kit.rect(x, A4[1] - y - height, width, height);
      if (options.fill && options.border) this.kit.lineWidth(options.borderWidth ?? 0.75).fillAndStroke(options.fill, options.border);
      else if (options.fill) this.kit.fill(options.fill);
      else if (options.border) this.kit.lineWidth(options.borderWidth ?? 0.75).stroke(options.border);
    });
  }

  /** An image whose lower left corner is (x, y), read as a Figure with its text alternative. */
  image(image: OpenedImage, x: number, y: number, width: number, height: number, alt: string): void {
    this.tagged('Figure', () => this.mark(() => this.kit.image(image as unknown as Buffer, x, A4[1] - y - height, { width, height })), { alt });
  }

  /** Rules and fills are never read, whatever element is open. */
  private decoration(draw: () => void): void {
    const outer = this.leaf;
    this.leaf = null;
    try {
      this.mark(draw);
    } finally {
      this.leaf = outer;
    }
  }

  moveDown(points: number): void {
    this.y -= points;
  }
}

/**
 * Text the embedded font can draw, on one line. Arimo covers French and the Latin letters of
 * tenants' names; a letter it lacks loses its accent (NFD), and what is still missing becomes "?"
 * rather than an empty box or a failed document. Line breaks and tabs become spaces.
 */
export function pdfSafe(text: string, supports: (codePoint: number) => boolean): string {
  let out = '';
  for (const char of text.replace(/[\t\r\n]+/g, ' ')) {
    if (supports(char.codePointAt(0)!)) {
      out += char;
      continue;
    }
    const base = (ATOMIC_LETTERS[char] ?? char).normalize('NFD').replace(/\p{Diacritic}/gu, '');
    out += base !== '' && [...base].every((c) => supports(c.codePointAt(0)!)) ? base : '?';
  }
  return out;
}

/** Letters with a stroke have no decomposition: NFD cannot take their accent off. */
const ATOMIC_LETTERS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't' };
