/**
 * The local page that sends the tenant to the bank: it posts the signed form (vads_* fields and
 * signature) to the bank's URL, by itself, with a button as a fallback. Served as a data: URL in
 * the Electron payment window, and by the preview host in the browser preview. Its CSP allows its
 * one inline script and style (by hash) and form posts to the bank only.
 */
import { createHash } from 'node:crypto';

export interface PaymentLaunch {
  paymentId: string;
  formAction: string;
  fields: Record<string, string>;
  returnUrl: string;
  pspOrigin: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const SCRIPT = "document.getElementById('vers-la-banque').submit();";
const STYLE = 'body{font-family:Arial,Helvetica,sans-serif;margin:2rem;font-size:1rem;line-height:1.5;color:#1a1a1a}button{font-size:1rem;padding:.75rem 1.5rem}';

export function paymentLaunchPage(launch: Pick<PaymentLaunch, 'formAction' | 'fields' | 'pspOrigin'>): { html: string; csp: string } {
  const csp = `default-src 'none'; script-src ${hash(SCRIPT)}; style-src ${hash(STYLE)}; form-action ${launch.pspOrigin}; base-uri 'none'; frame-ancestors 'none'`;
  const inputs = Object.entries(launch.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="referrer" content="no-referrer">
<title>Transfert vers la banque</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Transfert vers la banque</h1>
<p>Vous allez être dirigé vers la page de paiement sécurisé de votre banque : <strong>${escapeHtml(launch.pspOrigin)}</strong>.</p>
<form id="vers-la-banque" method="post" action="${escapeHtml(launch.formAction)}">
${inputs}
<button type="submit">CONTINUER VERS LA BANQUE</button>
</form>
</main>
<script>${SCRIPT}</script>
</body>
</html>`;
  return { html, csp };
}
