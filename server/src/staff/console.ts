/**
 * The staff console's files (server/console, built to server/console/dist by
 * `npm run -w server build:console`) under /staff/: index.html never cached (a new build is
 * seen at once), the hashed assets cached for a year. A strict CSP on every answer: scripts,
 * styles and requests from this server only (no inline script), images also as blob: (photos
 * fetched with the staff token) and data: (the activation QR code), never framed.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const CONSOLE_PREFIX = '/staff';
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const DEFAULT_DIST = fileURLToPath(new URL('../../console/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('cross-origin-opener-policy', 'same-origin');
}

export function registerStaffConsole(app: FastifyInstance, options: { distDir?: string } = {}): void {
  const dist = options.distDir ?? DEFAULT_DIST;

  async function sendIndex(reply: FastifyReply) {
    try {
      const html = await readFile(join(dist, 'index.html'));
      return secure(reply).header('cache-control', 'no-cache').type(TYPES['.html']!).send(html);
    } catch {
      return secure(reply)
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('Console du bailleur non construite : lancez « npm run -w server build:console ».');
    }
  }

  app.get(CONSOLE_PREFIX, { schema: { hide: true } }, async (_request, reply) => reply.redirect(`${CONSOLE_PREFIX}/`, 301));
  app.get(`${CONSOLE_PREFIX}/`, { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
  app.get<{ Params: { '*': string } }>(`${CONSOLE_PREFIX}/assets/*`, { schema: { hide: true } }, async (request, reply) => {
    const name = request.params['*'];
    const assets = join(dist, 'assets');
    const file = normalize(join(assets, name));
    // Only files of dist/assets: no "..", no absolute path, no dot-file.
    if (!file.startsWith(assets + sep) || name.split('/').some((part) => part.startsWith('.')) || !TYPES[extname(file)]) {
      return secure(reply).code(404).type('text/plain; charset=utf-8').send('Introuvable.');
    }
    try {
      const bytes = await readFile(file);
      return secure(reply).header('cache-control', 'public, max-age=31536000, immutable').type(TYPES[extname(file)]!).send(bytes);
    } catch {
      return secure(reply).code(404).type('text/plain; charset=utf-8').send('Introuvable.');
    }
  });
}
