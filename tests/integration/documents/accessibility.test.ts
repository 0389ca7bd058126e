/**
 * PDFs readable by everyone (RGAA 13.3, PDF/UA-1), archivable (PDF/A-2u): for each document kind,
 * the structure tree pdf.js hands a screen reader (getStructTree: headings, paragraphs, tables with
 * header cells, a Figure with its text alternative; header and footer left out as artifacts), the
 * catalog entries a reader relies on (read back with pdf-lib), and poppler's pdffonts reporting
 * every font embedded and subset with a Unicode map.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFString, PDFHexString, decodePDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderAvisEcheance, renderQuittance, renderRecu, type AvisEcheanceInput } from '../../../server/src/documents';
import { AVIS, QUITTANCE, RECU } from './fixtures';
import { allNodes, readPdf, readStructure, textOfNode, type StructNode } from './read-pdf';
import { makeTestLogo } from './test-logo';

const logo = makeTestLogo();
const AVIS_PORTAIL: AvisEcheanceInput = {
  ...AVIS,
  landlord: { ...AVIS.landlord, logo },
  payment: { method: 'portail', transfer: { iban: 'FR76 3000 1007 9412 3456 7890 185', bic: 'BDFEFRPPCCT', holder: 'OPH Démonstration' } },
};

const KINDS = [
  { kind: 'avis_echeance', render: () => renderAvisEcheance(AVIS_PORTAIL), title: "AVIS D'ÉCHÉANCE", table: "Détail de l'échéance", row: ['Loyer hors charges', '1 234,56 €'], h2: 'Comment payer' },
  { kind: 'quittance', render: () => renderQuittance(QUITTANCE), title: 'QUITTANCE DE LOYER', table: 'Paiements reçus', row: ['APL versée par la CAF pour votre compte', '210,00 €'], h2: null },
  { kind: 'recu', render: () => renderRecu(RECU), title: 'REÇU', table: 'Sommes dues pour la période', row: ['Total dû', '1 388,88 €'], h2: null },
] as const;

const byRole = (tree: StructNode, role: string) => allNodes(tree).filter((node) => node.role === role);

describe.each(KINDS)('$kind: tagged structure (pdf.js getStructTree)', ({ render, title, table, row, h2 }) => {
  it('reads as a Document: the H1 title first among the headings, paragraphs, and tables with header cells and data cells', async () => {
    const { tree } = await readStructure(await render());
    expect(tree.children.map((node) => node.role)).toEqual(['Document']);
    const [h1, ...moreH1] = byRole(tree, 'H1');
    expect(moreH1).toEqual([]);
    expect(h1?.text).toBe(title);
    if (h2) expect(byRole(tree, 'H2').map((node) => node.text)).toContain(h2);
    expect(byRole(tree, 'P').length).toBeGreaterThan(4);

    const amounts = byRole(tree, 'Table').find((node) => textOfNode(node).startsWith(`${table} Montant`));
    expect(amounts, `a table headed "${table}"`).toBeDefined();
    const [head, body] = amounts!.children;
    expect(head?.role).toBe('THead');
    expect(head!.children[0]!.children.map((cell) => [cell.role, cell.text])).toEqual([
      ['TH', table],
      ['TH', 'Montant'],
    ]);
    expect(body?.role).toBe('TBody');
    const rows = body!.children.map((tr) => tr.children.map((cell) => [cell.role, cell.text]));
    expect(rows).toContainEqual([
      ['TH', row[0]],
      ['TD', row[1]],
    ]);
    expect(rows.every((cells) => cells.length === 2 && cells[0]![0] === 'TH' && cells[1]![0] === 'TD')).toBe(true);
  });

  it('leaves the footer out as an artifact, and nothing else', async () => {
    const bytes = await render();
    const { tree, artifactText } = await readStructure(bytes);
    expect(artifactText).toContain('SIRET 27780000000017');
    expect(textOfNode(tree)).not.toContain('SIRET');
    // Everything else pdf.js extracts from the page is in the tree: a screen reader misses none of it.
    const { pageText } = await readStructure(bytes);
    expect(pageText.replace(artifactText, '').trim()).toBe(textOfNode(tree));
  });
});

describe('header cells say what they head (scope), read back from the file with pdf-lib', () => {
  it.each(KINDS)('$kind: every TH has a Table attribute with a Scope, Column in the header row and Row beside the data', async ({ render }) => {
    const scopes = thScopes(await PDFDocument.load(await render()));
    expect(scopes.length).toBeGreaterThan(4);
    expect(scopes.filter((scope) => scope === null)).toEqual([]);
    expect(new Set(scopes)).toEqual(new Set(['Column', 'Row']));
  });

  it('the logo is a Figure with its text alternative', async () => {
    const { tree } = await readStructure(await renderAvisEcheance(AVIS_PORTAIL));
    expect(byRole(tree, 'Figure').map((node) => node.alt)).toEqual([`Logo de ${AVIS.landlord.name}`]);
  });

  it('the payment ways are a list (L, LI, Lbl, LBody)', async () => {
    const { tree } = await readStructure(await renderAvisEcheance(AVIS_PORTAIL));
    const [list] = byRole(tree, 'L');
    expect(list?.children.map((item) => item.children.map((part) => part.role))).toEqual([
      ['Lbl', 'LBody'],
      ['Lbl', 'LBody'],
    ]);
    expect(textOfNode(list!.children[0]!)).toBe('• par carte bancaire, avec « Payer en ligne » dans votre Espace Locataire ;');
  });
});

describe.each(KINDS)('$kind: catalog and metadata (PDF/UA-1, PDF/A-2u)', ({ render }) => {
  it('is marked, in French, shows its title in the title bar, and declares PDF/A-2u and PDF/UA-1 in well-formed XMP with an sRGB output intent', async () => {
    const pdf = await PDFDocument.load(await render());
    const catalog = pdf.catalog;
    expect(catalog.lookup(PDFName.of('MarkInfo'), PDFDict).lookup(PDFName.of('Marked'))).toBe(PDFBool.True);
    expect(text(catalog.lookup(PDFName.of('Lang')))).toBe('fr-FR');
    expect(catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).lookup(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    expect(catalog.lookup(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFDict);
    const [intent] = catalog.lookup(PDFName.of('OutputIntents'), PDFArray).asArray().map((ref) => pdf.context.lookup(ref, PDFDict));
    expect(intent?.lookup(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    const xmp = xmpOf(pdf);
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>U<\/pdfaid:conformance>/);
    expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(() => parseXml(xmp)).not.toThrow();
  });
});

it('escapes the landlord name in the XMP packet ("&" would make it malformed XML)', async () => {
  expect(() => parseXml('<dc:title>Habitat & Territoires</dc:title>')).toThrow();
  expect(() => parseXml('<dc:title>Habitat <Est></dc:title>')).toThrow();
  const bytes = await renderQuittance({ ...QUITTANCE, landlord: { ...QUITTANCE.landlord, name: 'Habitat & Territoires <Est>' } });
  const xmp = xmpOf(await PDFDocument.load(bytes));
  expect(xmp).toContain('Habitat &amp; Territoires &lt;Est&gt;');
  expect(() => parseXml(xmp)).not.toThrow();
  expect((await readPdf(bytes)).info.Author).toBe('Habitat & Territoires <Est>');
});

describe('fonts (poppler pdffonts)', () => {
  it.each(KINDS)('$kind: every font is embedded, subset and mapped to Unicode; no standard font left', async ({ render }) => {
    const fonts = pdffonts(await render());
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['Arimo-Bold', 'Arimo-Regular']);
    for (const font of fonts) expect(font, font.name).toMatchObject({ embedded: 'yes', subset: 'yes', unicode: 'yes' });
  });

  it('maps the euro sign, the narrow no-break space and the no-break space to Unicode, and draws typographic apostrophes and accents as themselves', async () => {
    const bytes = await renderAvisEcheance({ ...AVIS, adjustments: [{ label: 'Régularisation de l’exercice « 2025 » – Œuvre', amountCents: 123_456 }] });
    // Text extraction turns every space into U+0020, so the font's ToUnicode map is what says U+202F is there.
    const mapped = toUnicodeTargets(await PDFDocument.load(bytes));
    for (const codePoint of [0x20ac, 0x202f, 0x00a0, 0x2019, 0x00ab, 0x00bb, 0x2013, 0x0152, 0x00c9]) expect(mapped.has(codePoint), codePoint.toString(16)).toBe(true);
    expectTextHas((await readPdf(bytes)).text, 'Régularisation de l’exercice « 2025 » – Œuvre 1 234,56 €');
  });
});

const expectTextHas = (text: string, fragment: string) => expect(text).toContain(fragment);

/** Every Unicode code point the fonts' ToUnicode CMaps map glyphs to (the bfrange arrays PDFKit writes). */
function toUnicodeTargets(pdf: PDFDocument): Set<number> {
  const targets = new Set<number>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const cmap = new TextDecoder().decode(decodePDFRawStream(object).decode());
    if (!cmap.includes('begincmap')) continue;
    for (const [, hex] of cmap.matchAll(/<([0-9a-f]{4})>/gi)) targets.add(parseInt(hex!, 16));
  }
  return targets;
}

function pdffonts(bytes: Uint8Array): { name: string; embedded: string; subset: string; unicode: string }[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdffonts-'));
  try {
    writeFileSync(join(dir, 'doc.pdf'), bytes);
    let output: string;
    try {
      output = execFileSync('pdffonts', [join(dir, 'doc.pdf')], { encoding: 'utf8' });
    } catch (error) {
      // Never a silent skip: without poppler the fonts are not checked at all.
      throw new Error(`pdffonts failed or is missing (poppler-utils: bash scripts/ci-poppler.sh): ${String(error)}`);
    }
    // name, type (may hold spaces), encoding, emb, sub, uni, object ID (two fields).
    return output
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const fields = line.trim().split(/\s+/);
        const [embedded, subset, unicode] = fields.slice(-5, -2) as [string, string, string];
        return { name: fields[0]!, embedded, subset, unicode };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Throws where text breaks XML: an "&" that starts no entity, a "<" that opens no tag of the
 * packet's namespaces (x:, rdf:, xmp:, dc:, pdf:, pdfaid:, pdfuaid:) or its processing instructions.
 */
function parseXml(xml: string): void {
  const bareAmpersand = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.exec(xml);
  if (bareAmpersand) throw new Error(`bare "&" at ${bareAmpersand.index}`);
  const strayTag = /<(?!\/?(?:x|rdf|xmp|dc|pdf|pdfaid|pdfuaid):|\?xpacket)/.exec(xml);
  if (strayTag) throw new Error(`stray "<" at ${strayTag.index}: ${xml.slice(strayTag.index, strayTag.index + 20)}`);
}

const text = (value: unknown): string | undefined => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);

function xmpOf(pdf: PDFDocument): string {
  const stream = pdf.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFRawStream)) throw new Error('no XMP metadata stream');
  return new TextDecoder().decode(decodePDFRawStream(stream).decode());
}

/** The Scope of every TH structure element (null when it has none), walking the tree from StructTreeRoot. */
function thScopes(pdf: PDFDocument): (string | null)[] {
  const scopes: (string | null)[] = [];
  const visit = (value: unknown): void => {
    const node = value instanceof PDFRef ? pdf.context.lookup(value) : value;
    if (node instanceof PDFArray) return node.asArray().forEach(visit);
    if (!(node instanceof PDFDict)) return;
    if (node.get(PDFName.of('S')) === PDFName.of('TH')) {
      const attributes = node.lookup(PDFName.of('A'));
      const scope = attributes instanceof PDFDict ? attributes.lookup(PDFName.of('Scope')) : undefined;
      scopes.push(scope instanceof PDFName ? scope.decodeText() : null);
    }
    visit(node.get(PDFName.of('K')));
  };
  visit(pdf.catalog.get(PDFName.of('StructTreeRoot')));
  return scopes;
}
