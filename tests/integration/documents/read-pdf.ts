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

/** A node of the structure tree as a screen reader gets it: role, the text of its own content, its children. */
export interface StructNode {
  role: string;
  /** Text of the marked content directly under this element, whitespace normalised. */
  text: string;
  alt?: string;
  children: StructNode[];
}

interface PdfJsStructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: PdfJsStructNode[];
}

/**
 * A page's structure tree from pdf.js getStructTree(), each marked-content reference replaced by
 * the text pdf.js extracts for it; the page text that is in no element (the artifacts); all of it.
 */
export async function readStructure(bytes: Uint8Array, pageNumber = 1): Promise<{ tree: StructNode; artifactText: string; pageText: string }> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const page = await doc.getPage(pageNumber);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const byId = new Map<string, string[]>();
    const artifact: string[] = [];
    const all: string[] = [];
    const open: (string | null)[] = [];
    for (const item of content.items) {
      // Marked content without an MCID (an /Artifact, or no tag at all) belongs to no structure element.
      if ('type' in item && item.type === 'beginMarkedContentProps') open.push(item.id ?? null);
      else if ('type' in item && item.type === 'beginMarkedContent') open.push(null);
      else if ('type' in item && item.type === 'endMarkedContent') open.pop();
      else if ('str' in item) {
        all.push(item.str);
        const id = open.at(-1);
        if (id === undefined || id === null) artifact.push(item.str);
        else byId.set(id, [...(byId.get(id) ?? []), item.str]);
      }
    }
    const convert = (node: PdfJsStructNode): StructNode => {
      const kids = node.children ?? [];
      const text = kids.filter((kid) => kid.type === 'content').flatMap((kid) => byId.get(kid.id!) ?? []);
      return {
        role: node.role ?? '',
        text: normalize(text.join(' ')),
        ...(node.alt ? { alt: node.alt } : {}),
        children: kids.filter((kid) => kid.role).map(convert),
      };
    };
    const tree = convert((await page.getStructTree()) as unknown as PdfJsStructNode);
    return { tree, artifactText: normalize(artifact.join(' ')), pageText: normalize(all.join(' ')) };
  } finally {
    await doc.destroy();
  }
}

/** Every node of a tree, depth first (reading order). */
export const allNodes = (node: StructNode): StructNode[] => [node, ...node.children.flatMap(allNodes)];

/** All the text of a subtree, in reading order. */
export const textOfNode = (node: StructNode): string => normalize(allNodes(node).map((n) => n.text).join(' '));
