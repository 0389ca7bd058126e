/**
 * Blocks shared by the three documents, in the order a French landlord's letter reads: letterhead
 * (bailleur), recipient in the window-envelope position, title, facts, table of amounts, notices,
 * footer with the landlord's legal identity. Each block is tagged as what it is (Figure, P, H1,
 * Table with header cells), the footer as page furniture (an artifact).
 */
import { A4, CONTENT_WIDTH, MARGIN, RIGHT_EDGE, type OpenedImage, type PageWriter } from './page-writer';
import { addressInline, addressLines, euros, tenantName } from './text';
import type { DocumentLandlord, DocumentTenant, PostalAddress } from './types';

const LOGO_MAX: [number, number] = [150, 56];
/** Left edge of the recipient block: the window of a French DL envelope (right window, 20 mm from the edge). */
const RECIPIENT_X = 320;
/** Top of that window, about 50 mm from the top of the sheet. */
const RECIPIENT_TOP = A4[1] - 150;

export function drawLetterhead(w: PageWriter, landlord: DocumentLandlord, logo: OpenedImage | null, tenant: DocumentTenant, dwelling: PostalAddress): void {
  const top = A4[1] - 40;
  let y = top;
  if (logo) {
    const scale = Math.min(LOGO_MAX[0] / logo.width, LOGO_MAX[1] / logo.height, 1);
    const [width, height] = [logo.width * scale, logo.height * scale];
    w.image(logo, MARGIN, top - height, width, height, `Logo de ${landlord.name}`);
    y = top - height - 16;
  } else {
    y = top - 12;
  }
  // Sender: who the bailleur is (art. 21 names the landlord on the quittance).
  // Wrapped before the recipient column: a long legal name must not run into the address window.
  w.tagged('P', () => {
    for (const line of w.wrap(landlord.name, RECIPIENT_X - MARGIN - 16, { size: 11, bold: true })) {
      w.text(line, MARGIN, y, { size: 11, bold: true, color: w.theme.heading });
      y -= 13;
    }
    const contact = [
      ...addressLines(landlord.address),
      ...(landlord.phone ? [`Tél. ${landlord.phone}`] : []),
      ...(landlord.email ? [landlord.email] : []),
      ...(landlord.website ? [landlord.website] : []),
    ];
    for (const line of contact) {
      w.text(line, MARGIN, y, { size: 8.5, color: w.theme.muted });
      y -= 11;
    }
  });

  let recipientY = RECIPIENT_TOP;
  w.tagged('P', () => {
    w.text(tenantName(tenant), RECIPIENT_X, recipientY, { size: 10.5, bold: true });
    for (const line of addressLines(dwelling)) {
      recipientY -= 14;
      w.text(line, RECIPIENT_X, recipientY, { size: 10.5 });
    }
  });
  w.y = Math.min(y, recipientY) - 36;
}

export function drawTitle(w: PageWriter, title: string, subtitle: string): void {
  w.tagged('H1', () => w.text(title.toLocaleUpperCase('fr-FR'), MARGIN, w.y, { size: 20, bold: true, color: w.theme.heading }));
  w.moveDown(9);
  w.rule(w.y, { thickness: 2, color: w.theme.primary });
  w.moveDown(18);
  w.tagged('P', () => w.text(subtitle, MARGIN, w.y, { size: 11.5, bold: true }));
  w.moveDown(14);
}

export interface Fact {
  label: string;
  value: string;
}

/** Label over value, three to a row, on a light tint of the landlord colour; read as a table of label (row header) and value. */
export function drawFacts(w: PageWriter, facts: Fact[], columns = 3): void {
  const rows = Math.ceil(facts.length / columns);
  const rowHeight = 28;
  const padding = 8;
  const height = rows * rowHeight + padding;
  w.box(MARGIN, w.y - height, CONTENT_WIDTH, height, { fill: w.theme.tint });
  const columnWidth = CONTENT_WIDTH / columns;
  w.group('Table', () =>
    facts.forEach((fact, index) => {
      const x = MARGIN + 10 + (index % columns) * columnWidth;
      const top = w.y - padding - Math.floor(index / columns) * rowHeight;
      w.group('TR', () => {
        w.tagged('TH', () => w.text(fact.label, x, top - 7, { size: 7.5, color: w.theme.muted }), { scope: 'Row' });
        w.tagged('TD', () => w.text(fact.value, x, top - 19, { size: 10, bold: true }));
      });
    }),
  );
  w.moveDown(height + 20);
}

export interface AmountRow {
  label: string;
  amountCents: number;
  /** 'subtotal': bold on white; 'total': bold, larger, tinted, ruled in the landlord colour. */
  emphasis?: 'subtotal' | 'total';
}

/** Room left of the amount column ("-12 345,67 €" in bold 11.5 is about 75 pt wide). */
const LABEL_WIDTH = CONTENT_WIDTH - 120;

/**
 * A table of two columns, read as one: header cells "heading" and "Montant" (scope Column), then
 * one row per line, its label a row header (scope Row) and its amount a data cell.
 */
export function drawAmountTable(w: PageWriter, heading: string, rows: AmountRow[]): void {
  const amountX = RIGHT_EDGE - 8;
  // Heading and first row together: a table heading never ends a page alone.
  w.ensureSpace(46);
  w.group('Table', () => {
    w.box(MARGIN, w.y - 6, CONTENT_WIDTH, 20, { fill: w.theme.primary });
    w.group('THead', () =>
      w.group('TR', () => {
        w.tagged('TH', () => w.text(heading, MARGIN + 8, w.y, { size: 9.5, bold: true, color: w.theme.onPrimary }), { scope: 'Column' });
        w.tagged('TH', () => w.text('Montant', amountX, w.y, { size: 9.5, bold: true, color: w.theme.onPrimary, align: 'right' }), { scope: 'Column' });
      }),
    );
    w.moveDown(20);
    w.group('TBody', () => rows.forEach((row) => drawAmountRow(w, row, amountX)));
  });
  w.moveDown(8);
}

function drawAmountRow(w: PageWriter, row: AmountRow, amountX: number): void {
  w.ensureSpace(row.emphasis === 'total' ? 34 : 19 + 12 * (w.wrap(row.label, LABEL_WIDTH, { size: 10 }).length - 1));
  if (row.emphasis === 'total') {
    w.moveDown(4);
    w.box(MARGIN, w.y - 8, CONTENT_WIDTH, 24, { fill: w.theme.tint });
    w.rule(w.y + 16, { thickness: 1.2, color: w.theme.primary });
    w.group('TR', () => {
      w.tagged('TH', () => w.text(row.label, MARGIN + 8, w.y, { size: 11.5, bold: true }), { scope: 'Row' });
      w.tagged('TD', () => w.text(euros(row.amountCents), amountX, w.y, { size: 11.5, bold: true, align: 'right' }));
    });
    w.moveDown(26);
    return;
  }
  const bold = row.emphasis === 'subtotal';
  // Labels come from the landlord's ledger ("Régularisation des charges ..."): wrap, never overprint the amount.
  const [first = '', ...more] = w.wrap(row.label, LABEL_WIDTH, { size: 10, bold });
  const top = w.y;
  w.group('TR', () => {
    w.tagged(
      'TH',
      () => {
        w.text(first, MARGIN + 8, w.y, { size: 10, bold });
        for (const line of more) {
          w.moveDown(12);
          w.text(line, MARGIN + 8, w.y, { size: 10, bold });
        }
      },
      { scope: 'Row' },
    );
    w.tagged('TD', () => w.text(euros(row.amountCents), amountX, top, { size: 10, bold, align: 'right' }));
  });
  w.rule(w.y - 6);
  w.moveDown(19);
}

export function drawSectionHeading(w: PageWriter, text: string): void {
  w.ensureSpace(45);
  w.tagged('H2', () => w.text(text, MARGIN, w.y, { size: 11, bold: true, color: w.theme.heading }));
  w.moveDown(15);
}

/** A framed statement that must not be missed ("Cet avis n'est pas une quittance"). */
export function drawNotice(w: PageWriter, lines: string[]): void {
  const size = 10;
  const paragraphs = lines.map((line) => w.wrap(line, CONTENT_WIDTH - 24, { size, bold: true }));
  const height = paragraphs.flat().length * 14 + 12;
  w.ensureSpace(height);
  const top = w.y + 6;
  w.box(MARGIN, top - height, CONTENT_WIDTH, height, { border: w.theme.primary, borderWidth: 1.2 });
  let baseline = top - 17;
  for (const wrapped of paragraphs) {
    w.tagged('P', () => {
      for (const line of wrapped) {
        w.text(line, MARGIN + 12, baseline, { size, bold: true });
        baseline -= 14;
      }
    });
  }
  w.y = top - height - 26;
}

/**
 * Legal identity of the bailleur at the foot of every page: page furniture (an artifact), since
 * the letterhead already says who the landlord is to a screen reader.
 */
export function drawFooter(w: PageWriter, landlord: DocumentLandlord, pageLabel: string | null): void {
  const first = [landlord.name, addressInline(landlord.address), ...(landlord.siret ? [`SIRET ${landlord.siret}`] : [])].join(' · ');
  const second = [landlord.phone ? `Tél. ${landlord.phone}` : '', landlord.email ?? '', landlord.website ?? ''].filter(Boolean).join(' · ');
  w.artifact('Pagination', () => {
    w.rule(52);
    w.text(first, A4[0] / 2, 40, { size: 7.5, color: w.theme.muted, align: 'center' });
    if (second) w.text(second, A4[0] / 2, 30, { size: 7.5, color: w.theme.muted, align: 'center' });
    if (pageLabel) w.text(pageLabel, RIGHT_EDGE, 58, { size: 7.5, color: w.theme.muted, align: 'right' });
  });
}
