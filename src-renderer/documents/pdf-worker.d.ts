/** The pdf.js worker, bundled by Vite as an asset of the app (see documents/pdf.ts). */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
