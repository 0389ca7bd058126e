/**
 * Maps a URL path of the app's own origin to a file, for both the Electron protocol handler and
 * the preview host: the built renderer, plus the landlord's branding and the help images from
 * resources/. Refuses anything that would leave those folders.
 */
import { extname, join, normalize, sep } from 'node:path';

export interface StaticRoots {
  rendererDir: string;
  resourcesDir: string;
  /** The open account's verified offline copy of a document, by SHA-256 (null if absent). */
  documentFile?: (sha256: string) => string | null;
}

const DOCUMENT_PATH = /^\/documents\/([0-9a-f]{64})\.pdf$/;

/** Responses that carry a tenant's data must not be kept in any HTTP cache. */
export function isPrivatePath(urlPath: string): boolean {
  return DOCUMENT_PATH.test(urlPath);
}

/** The Content-Security-Policy of the app's page; mirrors the meta tag in index.html. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export function mimeType(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function inside(root: string, relative: string): string | null {
  const file = normalize(join(root, relative));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/** URL path (already decoded, starting with '/') -> absolute file path, or null. */
export function resolveStaticFile(urlPath: string, roots: StaticRoots): string | null {
  if (urlPath.includes('\0')) return null;
  const document = DOCUMENT_PATH.exec(urlPath);
  if (document) return roots.documentFile?.(document[1]!) ?? null;
  const path = urlPath === '/' ? '/index.html' : urlPath;
  for (const folder of ['branding', 'images'] as const) {
    if (path.startsWith(`/${folder}/`)) return inside(join(roots.resourcesDir, folder), path.slice(folder.length + 2));
  }
  return inside(roots.rendererDir, path.slice(1));
}
