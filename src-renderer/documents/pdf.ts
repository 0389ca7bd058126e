/**
 * The offline document viewer's engine: Mozilla's pdf.js (pdfjs-dist), loaded only when a
 * document is opened (it is large). Its worker is bundled by Vite (`?url`), so nothing is
 * fetched from outside the app; eval is off (CSP: script-src 'self').
 *
 * Documents are read from the app's own URL for the verified offline copy
 * (`documents.open` -> "documents/<sha256>.pdf"), so the viewer works without a network.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

export type { PDFDocumentProxy, PDFPageProxy };

let engine: Promise<typeof import('pdfjs-dist')> | null = null;

function loadEngine() {
  engine ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return engine;
}

/** Reads the PDF at `url` (relative to the app) and opens it with pdf.js. */
export async function openPdf(url: string): Promise<PDFDocumentProxy> {
  const pdfjs = await loadEngine();
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`document ${response.status}`);
  const data = new Uint8Array(await response.arrayBuffer());
  return pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: true }).promise;
}

/**
 * Draws one page into `canvas` at `scale` (CSS pixels per PDF point), sharp on high-DPI
 * screens. Size goes through the CSSOM (allowed by the CSP), never a style attribute.
 */
export function renderPage(page: PDFPageProxy, canvas: HTMLCanvasElement, scale: number): { promise: Promise<void>; cancel(): void } {
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.setProperty('width', `${Math.floor(viewport.width / ratio)}px`);
  canvas.style.setProperty('height', `${Math.floor(viewport.height / ratio)}px`);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas context');
  const task = page.render({ canvas, canvasContext: context, viewport });
  return { promise: task.promise, cancel: () => task.cancel() };
}

/**
 * pdf.js's text layer over the canvas: the page's text as transparent, selectable spans at the
 * same place as the drawn glyphs, so a screen reader reads the document and the tenant can select
 * and copy it (RGAA 1.6, 1.8). Sizes come from `--total-scale-factor` on the page (CSSOM).
 */
export async function renderTextLayer(page: PDFPageProxy, container: HTMLElement, scale: number): Promise<{ promise: Promise<void>; cancel(): void }> {
  const pdfjs = await loadEngine();
  container.replaceChildren();
  container.parentElement?.style.setProperty('--total-scale-factor', String(scale));
  const layer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container, viewport: page.getViewport({ scale }) });
  return { promise: layer.render().then(() => undefined), cancel: () => layer.cancel() };
}

/** Every page as a PNG data URL at print resolution (for the print-only container). */
export async function pagesAsImages(pdf: PDFDocumentProxy, scale = 2): Promise<string[]> {
  const images: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const viewport = page.getViewport({ scale });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas context');
    await page.render({ canvas, canvasContext: context, viewport }).promise;
    images.push(canvas.toDataURL('image/png'));
  }
  return images;
}
