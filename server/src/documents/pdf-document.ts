/**
 * One PDF with the metadata every document needs, written so that the same input gives the same
 * bytes (and so the same SHA-256, which names the blob the desktop downloads and verifies): no
 * "now", creation date taken from the input, file ID derived from the metadata.
 *
 * PDFKit rather than pdf-lib here: pdf-lib cannot tag a PDF. These documents are tagged PDF/UA-1
 * (structure tree, MarkInfo /Marked true, /Lang fr-FR, title shown in the title bar, page
 * furniture as artifacts) and PDF/A-2u for archiving (XMP metadata, sRGB output intent), with
 * the Arimo fonts embedded and subset (fonts.ts).
 */
import PDFDocument from 'pdfkit';
import { DocumentRefusedError } from './errors';
import { BOLD_FONT, fontSupports, REGULAR_FONT, shareWordLayouts } from './fonts';
import { FONT_BOLD, FONT_REGULAR, openImage, PageWriter } from './page-writer';
import { drawFooter, drawLetterhead } from './sections';
import { documentTitle, periodLabel, requireIsoDate, requirePeriod } from './text';
import { themeFor } from './theme';
import type { DocumentCommonInput, DocumentKind, DocumentLandlord } from './types';

const PRODUCER = 'Espace Locataire (PDFKit)';

/** The PDF/UA identification PDFKit writes only when PDF/UA is its one "subset"; here beside PDF/A. */
const PDFUA_ID = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `;

export interface OpenDocument {
  kit: PDFKit.PDFDocument;
  writer: PageWriter;
  landlord: DocumentLandlord;
  root: PDFKit.PDFStructureElement;
}

export async function openDocument(kind: DocumentKind, input: DocumentCommonInput, subject: string, options: { rectificatif?: boolean } = {}): Promise<OpenDocument> {
  requirePeriod(input.period);
  const issuedOn = requireIsoDate('issuedOn', input.issuedOn);
  const title = documentTitle(kind, input.period, options);
  const logo = input.landlord.logo ? checkedLogo(input.landlord.logo) : null;
  const kit = new PDFDocument({
    autoFirstPage: false,
    // Pages stay open until saveDocument: the footer says "Page 1/2" once the count is known.
    bufferPages: true,
    pdfVersion: '1.7',
    // PDFKit knows PDF/A-2 "b"; the text is Unicode-mapped (ToUnicode of the embedded fonts), which is "u".
    subset: 'PDF/A-2b',
    tagged: true,
    // Screen readers pick the French voice from the document language.
    lang: 'fr-FR',
    displayTitle: true,
    // No default Helvetica: every font in the file is embedded.
    font: null as unknown as string,
    info: {
      Title: title,
      Author: input.landlord.name,
      Subject: subject,
      Keywords: [title, periodLabel(input.period), `Dossier ${input.dossierNumber}`, input.tenant.reference].join(', '),
      Creator: input.landlord.name,
      Producer: PRODUCER,
      CreationDate: new Date(`${issuedOn}T00:00:00Z`),
    },
  });
  (kit as unknown as { subset_conformance: string }).subset_conformance = 'U';
  kit.appendXML(PDFUA_ID);
  escapeXmpValues(kit);
  // PDFKit accepts a parsed fontkit font where its types say bytes or a path.
  kit.registerFont(FONT_REGULAR, REGULAR_FONT as unknown as Buffer);
  kit.registerFont(FONT_BOLD, BOLD_FONT as unknown as Buffer);
  shareWordLayouts(kit, FONT_REGULAR);
  shareWordLayouts(kit, FONT_BOLD);

  const root = kit.struct('Document');
  kit.addStructure(root);
  const writer = new PageWriter(kit, { supports: fontSupports }, themeFor(input.landlord.primaryColor), root);
  drawLetterhead(writer, input.landlord, logo ? openImage(kit, logo) : null, input.tenant, input.dwelling);
  writer.continuation = `${title} · ${input.tenant.civility} ${input.tenant.lastName.toLocaleUpperCase('fr-FR')} · Dossier n° ${input.dossierNumber} (suite)`;
  return { kit, writer, landlord: input.landlord, root };
}

/** Footers last, on every page, as artifacts: read by no screen reader, printed on every sheet. */
export async function saveDocument({ kit, writer, landlord, root }: OpenDocument): Promise<Uint8Array> {
  const pageCount = writer.pageCount;
  for (let index = 0; index < pageCount; index++) {
    writer.switchToPage(index);
    drawFooter(writer, landlord, pageCount > 1 ? `Page ${index + 1}/${pageCount}` : null);
  }
  root.end();
  const chunks: Uint8Array[] = [];
  kit.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    kit.on('end', resolve);
    kit.on('error', reject);
  });
  kit.end();
  await ended;
  // A plain Uint8Array, not a Buffer: what callers hash, store and hand to pdf.js (which refuses Buffers).
  return new Uint8Array(Buffer.concat(chunks));
}

function checkedLogo(bytes: Uint8Array): Buffer {
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!isPng && !isJpeg) throw new DocumentRefusedError('invalid_input', 'Le logo du bailleur doit être une image PNG ou JPEG.', { logoBytes: bytes.length });
  return Buffer.from(bytes);
}

const xmlEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * PDFKit copies Title, Author, Subject... into the XMP packet unescaped: a landlord named
 * "Habitat & Territoires" would make it malformed XML. The Info dictionary keeps the plain text;
 * only the XMP copy is escaped, while PDFKit writes it.
 */
function escapeXmpValues(kit: PDFKit.PDFDocument): void {
  const target = kit as unknown as { info: Record<string, unknown>; _addInfo: () => void };
  const addInfo = target._addInfo.bind(kit);
  target._addInfo = () => {
    const info = target.info;
    target.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? xmlEscape(value) : value]));
    try {
      addInfo();
    } finally {
      target.info = info;
    }
  };
}
