/**
 * The pages the mailed links open in a browser: "Choisir un nouveau mot de passe" and
 * "Confirmer mon adresse mail". Plain HTML forms (no script, strict CSP), French, branded,
 * accessible (labels, lang, focus order, error summary), posting to the same logic as the API.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Landlord } from '../../../src-shared/api/landlord';
import type { AppContext } from '../context';
import { confirmEmail, resetPassword } from './recovery';
import { ApiError } from '../http/errors';
import { PASSWORD_POLICY_MESSAGE } from '../lib/field-checks';

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(reply: FastifyReply, landlord: Landlord, title: string, body: string, status = 200): FastifyReply {
  const { primary, onPrimary, alert } = landlord.colors;
  return reply
    .code(status)
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — ${esc(landlord.portalTitle)}</title>
<style>body{font-family:Arial,sans-serif;font-size:1.125rem;line-height:1.5;margin:0;color:#1a1a1a}header{background:${primary};color:${onPrimary};padding:1rem}
main{max-width:36rem;margin:1.5rem auto;padding:0 1rem}label{display:block;font-weight:bold;margin-top:1rem}input{font-size:1.125rem;padding:.5rem;width:100%;box-sizing:border-box}
button{margin-top:1.5rem;background:${primary};color:${onPrimary};border:0;padding:.75rem 1.5rem;font-size:1.125rem;cursor:pointer}
.error{border-left:4px solid ${alert};padding:.5rem 1rem;margin:1rem 0}:focus{outline:3px solid ${alert};outline-offset:2px}</style></head>
<body><header>${esc(landlord.name)} — ${esc(landlord.portalTitle)}</header><main><h1>${esc(title)}</h1>${body}</main></body></html>`);
}

function problemsOf(err: unknown): string[] {
  if (err instanceof ApiError) return err.fields?.map((f) => f.message) ?? [err.message];
  throw err;
}

export const linkPages =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const field = (body: unknown, name: string) => (body && typeof body === 'object' && typeof (body as Record<string, unknown>)[name] === 'string' ? ((body as Record<string, string>)[name] ?? '') : '');
    const query = (q: unknown, name: string) => field(q, name);

    const resetForm = (token: string, errors: string[] = []) => `
${errors.length ? `<div class="error" role="alert"><p>Le mot de passe n'a pas été changé :</p><ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>` : ''}
<p>${esc(PASSWORD_POLICY_MESSAGE)}.</p>
<form method="post" action="/reinitialiser-mot-de-passe">
<input type="hidden" name="token" value="${esc(token)}">
<label for="password">Nouveau mot de passe *</label><input id="password" name="password" type="password" autocomplete="new-password" required>
<label for="confirmation">Confirmation du mot de passe *</label><input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
<button type="submit">Changer mon mot de passe</button></form>`;

    app.get('/reinitialiser-mot-de-passe', { schema: { hide: true } }, async (request, reply) =>
      page(reply, await ctx.landlord(), 'Choisir un nouveau mot de passe', resetForm(query(request.query, 'token'))),
    );
    app.post('/reinitialiser-mot-de-passe', { schema: { hide: true } }, async (request, reply) => {
      const landlord = await ctx.landlord();
      const token = field(request.body, 'token');
      const password = field(request.body, 'password');
      if (password !== field(request.body, 'confirmation')) {
        return page(reply, landlord, 'Choisir un nouveau mot de passe', resetForm(token, ['Les deux mots de passe ne sont pas identiques.']), 400);
      }
      try {
        await resetPassword(ctx, token, password, request.ip);
      } catch (err) {
        return page(reply, landlord, 'Choisir un nouveau mot de passe', resetForm(token, problemsOf(err)), 400);
      }
      return page(reply, landlord, 'Mot de passe changé', '<p>Votre mot de passe a été changé. Vous pouvez vous connecter avec votre nouveau mot de passe dans l\'application Espace Locataire.</p>');
    });

    app.get('/confirmer-email', { schema: { hide: true } }, async (request, reply) =>
      page(
        reply,
        await ctx.landlord(),
        'Confirmer mon adresse mail',
        `<form method="post" action="/confirmer-email"><input type="hidden" name="token" value="${esc(query(request.query, 'token'))}"><p>Cliquez sur le bouton pour utiliser cette adresse mail comme identifiant de connexion.</p><button type="submit">Confirmer mon adresse mail</button></form>`,
      ),
    );
    app.post('/confirmer-email', { schema: { hide: true } }, async (request, reply) => {
      const landlord = await ctx.landlord();
      try {
        await confirmEmail(ctx, field(request.body, 'token'));
      } catch (err) {
        return page(reply, landlord, 'Confirmer mon adresse mail', `<div class="error" role="alert">${problemsOf(err).map((e) => `<p>${esc(e)}</p>`).join('')}</div>`, 400);
      }
      return page(reply, landlord, 'Adresse mail confirmée', '<p>Votre nouvelle adresse mail est confirmée : utilisez-la pour vous connecter.</p>');
    });
  };
