/**
 * Small standalone HTML pages served by the payment side (the sandbox bank page, the return
 * page): French, no external resource, inline style and script allowed by hash only.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export interface Page {
  title: string;
  body: string;
  style?: string;
  script?: string;
  /** Where forms of this page may post (besides 'self'). */
  formAction?: string[];
}

export function sendPage(reply: FastifyReply, page: Page, status = 200): FastifyReply {
  const csp = [
    "default-src 'none'",
    page.style ? `style-src ${hashOf(page.style)}` : null,
    page.script ? `script-src ${hashOf(page.script)}` : null,
    `form-action 'self'${page.formAction?.length ? ` ${page.formAction.join(' ')}` : ''}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ]
    .filter(Boolean)
    .join('; ');
  const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)}</title>
${page.style ? `<style>${page.style}</style>` : ''}
</head>
<body>
${page.body}
${page.script ? `<script>${page.script}</script>` : ''}
</body>
</html>`;
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .send(html);
}

/** "0,01 EUR", "1 234,56 EUR": how bank pages show amounts. */
export function bankAmount(cents: number): string {
  const euros = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${euros},${String(cents % 100).padStart(2, '0')}\u00a0EUR`;
}
