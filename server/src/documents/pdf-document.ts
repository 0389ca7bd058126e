/**
 * One-page PDF with the metadata every document needs, written so that the same input gives the
 * same bytes (and so the same SHA-256, which names the blob the desktop downloads and verifies):
 * no "now", no random document ID, creation date taken from the input.
 */
import { PDFDocument, StandardFonts, type PDFImage } from 'pdf-lib';
import { DocumentRefusedError } from './errors';
import { PageWriter } from './page-writer';
import { drawFooter, drawLetterhead } from './sections';
import { documentTitle, periodLabel, requireIsoDate, requirePeriod } from './text';
import { themeFor } from './theme';
import type { DocumentCommonInput, DocumentKind, DocumentLandlord } from './types';

const PRODUCER = 'Espace Locataire (pdf-lib)';

export interface OpenDocument {
  pdf: PDFDocument;
  writer: PageWriter;
  landlord: DocumentLandlord;
}

export async function openDocument(kind: DocumentKind, input: DocumentCommonInput, subject: string, options: { rectificatif?: boolean } = {}): Promise<OpenDocument> {
  requirePeriod(input.period);
  const issuedOn = requireIsoDate('issuedOn', input.issuedOn);
  // updateMetadata: false, otherwise pdf-lib stamps the current time as creation and modification date.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const issued = new Date(`${issuedOn}T00:00:00Z`);
  const title = documentTitle(kind, input.period, options);
  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setAuthor(input.landlord.name);
  pdf.setSubject(subject);
  pdf.setKeywords([title, periodLabel(input.period), `Dossier ${input.dossierNumber}`, input.tenant.reference]);
  // Screen readers pick the French voice from the document language.
  pdf.setLanguage('fr-FR');
  pdf.setCreator(input.landlord.name);
  pdf.setProducer(PRODUCER);
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);

  const [regular, bold] = await Promise.all([pdf.embedFont(StandardFonts.Helvetica), pdf.embedFont(StandardFonts.HelveticaBold)]);
  const logo = input.landlord.logo ? await embedLogo(pdf, input.landlord.logo) : null;
  const writer = new PageWriter(pdf, { regular, bold }, themeFor(input.landlord.primaryColor));
  drawLetterhead(writer, input.landlord, logo, input.tenant, input.dwelling);
  writer.continuation = `${title} · ${input.tenant.civility} ${input.tenant.lastName.toLocaleUpperCase('fr-FR')} · Dossier n° ${input.dossierNumber} (suite)`;
  return { pdf, writer, landlord: input.landlord };
}

/**
 * Draws the footer last: untagged PDFs are read in content order, so a screen reader reaches the
 * landlord's legal footer after the document, not before its title.
 */
export async function saveDocument({ pdf, writer, landlord }: OpenDocument): Promise<Uint8Array> {
  const pages = writer.pages;
  pages.forEach((page, index) => {
    writer.page = page;
    drawFooter(writer, landlord, pages.length > 1 ? `Page ${index + 1}/${pages.length}` : null);
  });
  return pdf.save({ useObjectStreams: true, addDefaultPage: false });
}

async function embedLogo(pdf: PDFDocument, bytes: Uint8Array): Promise<PDFImage> {
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (isPng) return pdf.embedPng(bytes);
  if (isJpeg) return pdf.embedJpg(bytes);
  throw new DocumentRefusedError('invalid_input', 'Le logo du bailleur doit être une image PNG ou JPEG.', { logoBytes: bytes.length });
}
