/**
 * Drawing primitives for A4 pages, top to bottom: a cursor `y` that blocks move down, a new page
 * when a block would run into the footer (a tenant with many small payments in a month), text that
 * is always made encodable (pdfSafe) and wrapped on ordinary spaces only, so "1 234,56 €" (no-break
 * spaces) never splits across lines.
 */
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';
import { pdfSafe } from './text';
import type { DocumentTheme } from './theme';

/** A4 in PostScript points (210 x 297 mm). */
export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 50;
export const CONTENT_WIDTH = A4[0] - 2 * MARGIN;
export const RIGHT_EDGE = A4[0] - MARGIN;
/** Nothing but the footer below this line. */
export const FOOTER_TOP = 70;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  color?: RGB;
}

export class PageWriter {
  /** Baseline of the next line, in points from the bottom of the page. */
  y = A4[1] - MARGIN;
  /** The page being drawn on; every page, for the footer. */
  page: PDFPage;
  readonly pages: PDFPage[] = [];
  /** Heading of the following pages, so a loose sheet still says what and whose it is. */
  continuation: string | null = null;

  constructor(
    readonly pdf: PDFDocument,
    readonly fonts: Fonts,
    readonly theme: DocumentTheme,
  ) {
    this.page = this.addPage();
  }

  private addPage(): PDFPage {
    const page = this.pdf.addPage(A4);
    this.pages.push(page);
    return page;
  }

  /** Starts a new page when `height` points below the cursor would reach the footer. */
  ensureSpace(height: number): void {
    if (this.y - height >= FOOTER_TOP) return;
    this.page = this.addPage();
    this.y = A4[1] - MARGIN;
    if (this.continuation) {
      this.text(this.continuation, MARGIN, this.y, { size: 9, bold: true, color: this.theme.muted });
      this.rule(this.y - 6);
      this.y -= 30;
    }
  }

  font(bold = false): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  width(text: string, style: TextStyle = {}): number {
    return this.font(style.bold).widthOfTextAtSize(pdfSafe(text, this.font(style.bold)), style.size ?? 10);
  }

  /** One line at (x, y); `align: 'right'` puts its end at x (amount columns). */
  text(text: string, x: number, y: number, style: TextStyle & { align?: 'left' | 'right' | 'center' } = {}): void {
    const font = this.font(style.bold);
    const size = style.size ?? 10;
    const safe = pdfSafe(text, font);
    const width = font.widthOfTextAtSize(safe, size);
    const left = style.align === 'right' ? x - width : style.align === 'center' ? x - width / 2 : x;
    this.page.drawText(safe, { x: left, y, size, font, color: style.color ?? this.theme.text });
  }

  /** Wrapped paragraph starting at the cursor; returns nothing, moves the cursor below it. */
  paragraph(text: string, style: TextStyle & { x?: number; width?: number; lineHeight?: number } = {}): void {
    const size = style.size ?? 10;
    const lineHeight = style.lineHeight ?? size * 1.35;
    for (const line of this.wrap(text, style.width ?? CONTENT_WIDTH, style)) {
      this.ensureSpace(lineHeight);
      this.text(line, style.x ?? MARGIN, this.y, style);
      this.y -= lineHeight;
    }
  }

  /** Splits on ASCII spaces only: U+00A0 inside amounts and "n° 89-462" keeps them whole. */
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
    this.page.drawLine({
      start: { x: options.from ?? MARGIN, y },
      end: { x: options.to ?? RIGHT_EDGE, y },
      thickness: options.thickness ?? 0.5,
      color: options.color ?? this.theme.hairline,
    });
  }

  box(x: number, y: number, width: number, height: number, options: { fill?: RGB; border?: RGB; borderWidth?: number } = {}): void {
    this.page.drawRectangle({
      x,
      y,
      width,
      height,
      ...(options.fill ? { color: options.fill } : {}),
      ...(options.border ? { borderColor: options.border, borderWidth: options.borderWidth ?? 0.75 } : {}),
    });
  }

  moveDown(points: number): void {
    this.y -= points;
  }
}
