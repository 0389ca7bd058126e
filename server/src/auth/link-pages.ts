/**
 * The pages the mailed links open in a browser: "Choisir un nouveau mot de passe" and
 * "Confirmer mon adresse mail". Plain HTML forms (strict CSP, one small script of ours for
 * "Afficher le mot de passe"), French, in the landlord's branding (name, colours, logo from its
 * settings), accessible (labels, lang, focus order, error summary), posting to the same logic
 * as the API. A link already used or expired says so at once, before anything is typed.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Landlord } from '../../../src-shared/api/landlord';
import { checkPassword, PASSWORD_CLASSES, type PasswordRule } from '../../../src-shared/validation/password';
import type { AppContext } from '../context';
import { confirmEmail, LINK_INVALID, linkUsable, resetPassword } from './recovery';
import { ApiError } from '../http/errors';

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The show-password toggle: the only script, served from here (CSP script-src 'self'). */
const SHOW_PASSWORD_PATH = '/liens/afficher-mot-de-passe.js';
const SHOW_PASSWORD_SCRIPT = `for (const button of document.querySelectorAll('button[data-show]')) {
  const input = document.getElementById(button.dataset.show);
  button.hidden = false;
  button.addEventListener('click', () => {
    const shown = input.type === 'password';
    input.type = shown ? 'text' : 'password';
    button.setAttribute('aria-pressed', String(shown));
  });
}
`;

/** The checklist's words, as the app shows them under its password fields (src-renderer/i18n/fr.ts). */
const RULE_WORDS: Record<Exclude<PasswordRule, 'maxLength'>, string> = {
  length: 'au moins 12 caractères',
  upper: 'une lettre majuscule',
  lower: 'une lettre minuscule',
  digit: 'un chiffre',
  symbol: 'un caractère spécial (par exemple ! ? - _ #)',
};

/** A logo the browser can load from this page: an absolute http(s) address (an app-relative one is the desktop's own). */
function logoOf(landlord: Landlord): string {
  const url = landlord.logoUrl ?? '';
  return /^https?:\/\//.test(url) ? `<img class="logo" src="${esc(url)}" alt="Logo ${esc(landlord.name)}">` : '';
}

export function page(reply: FastifyReply, landlord: Landlord, title: string, body: string, status = 200): FastifyReply {
  const { primary, onPrimary, alert, accent } = landlord.colors;
  return reply
    .code(status)
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src https: http:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – ${esc(landlord.portalTitle)}</title>
<style>
:root{font-family:system-ui,'Segoe UI',Roboto,Arial,sans-serif;font-size:112.5%;line-height:1.5;color:#1a1a1a;background:#f3f4f6}
*{box-sizing:border-box}body{margin:0}
header{background:${primary};color:${onPrimary};padding:.75rem 1rem;border-bottom:4px solid ${accent}}
.brand{display:flex;align-items:center;gap:1rem;max-width:40rem;margin:0 auto}.logo{max-height:3rem;max-width:10rem;background:#fff;padding:.25rem;border-radius:4px}
.brand p{margin:0}.brand .name{font-weight:700}
main{max-width:40rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border:1px solid #c3c9d3;border-radius:8px}
h1{margin-top:0;font-size:1.5rem}
label{display:block;font-weight:700;margin-top:1rem}
.field{display:flex;gap:.5rem;flex-wrap:wrap;align-items:stretch}
input{font:inherit;padding:.5rem;min-height:44px;flex:1 1 14rem;border:2px solid #6b7280;border-radius:6px}
button{font:inherit;font-weight:700;min-height:44px;padding:.5rem 1.25rem;border-radius:6px;cursor:pointer}
button[type=submit]{margin-top:1.5rem;background:${primary};color:${onPrimary};border:2px solid ${primary}}
button[data-show]{background:#fff;color:${primary};border:2px solid ${primary}}
.rules ul{margin:.25rem 0;padding-left:1.25rem}.rules p{margin:.5rem 0 0}
.met{color:#1e6b36}.unmet{color:${alert}}
.error{border-left:6px solid ${alert};padding:.5rem 1rem;margin:1rem 0;background:#fff}
.notice{border-left:6px solid ${primary};padding:.5rem 1rem;margin:1rem 0}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
footer{max-width:40rem;margin:0 auto 2rem;padding:0 1rem;color:#4a5261}
</style></head>
<body><header><div class="brand">${logoOf(landlord)}<div><p class="name">${esc(landlord.name)}</p><p>${esc(landlord.portalTitle)}</p></div></div></header>
<main><h1>${esc(title)}</h1>${body}</main>
<footer><p>${esc(landlord.name)} – ${esc(landlord.portalTitle)}</p></footer>
<script src="${SHOW_PASSWORD_PATH}"></script></body></html>`);
}

function problemsOf(err: unknown): string[] {
  if (err instanceof ApiError) return err.fields?.map((f) => f.message) ?? [err.message];
  throw err;
}

/** A used or expired link: said at once, with the way to get a new one. */
const linkInvalid = (again: string) =>
  `<div class="error" role="alert"><p><strong>${esc(LINK_INVALID)}</strong></p><p>${esc(again)}</p></div>`;

/**
 * The rules, once: under the field, each marked met or not once the tenant has tried a password
 * (in words, not by colour alone).
 */
function rulesList(password: string | null): string {
  const check = password === null ? null : checkPassword(password);
  const items = (['length', ...PASSWORD_CLASSES] as const).map((rule) => {
    const met = check === null ? null : rule === 'length' ? check.length >= 12 : check.classes[rule];
    const state = met === null ? '' : met ? ' <span class="met">(respecté)</span>' : ' <span class="unmet">(non respecté)</span>';
    return `<li>${esc(RULE_WORDS[rule])}${state}</li>`;
  });
  return `<div class="rules" id="password-rules"><p>Votre mot de passe doit contenir :</p><ul>${items.join('')}</ul><p>Ou bien au moins 14 caractères avec trois de ces quatre types.</p></div>`;
}

const showButton = (input: string) => `<button type="button" data-show="${input}" aria-pressed="false" hidden>Afficher le mot de passe</button>`;

export const linkPages =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const field = (body: unknown, name: string) => (body && typeof body === 'object' && typeof (body as Record<string, unknown>)[name] === 'string' ? ((body as Record<string, string>)[name] ?? '') : '');
    const query = (q: unknown, name: string) => field(q, name);

    app.get(SHOW_PASSWORD_PATH, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(SHOW_PASSWORD_SCRIPT),
    );

    const RESET_TITLE = 'Choisir un nouveau mot de passe';
    const RESET_AGAIN = "Demandez un nouveau lien dans l'application Espace Locataire : « Identifiants oubliés », sous le formulaire de connexion. Un lien sert une seule fois, pendant 30 minutes.";
    const resetForm = (token: string, errors: string[] = [], tried: string | null = null) => `
${errors.length ? `<div class="error" role="alert" tabindex="-1"><p>Le mot de passe n'a pas été changé :</p><ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>` : ''}
<form method="post" action="/reinitialiser-mot-de-passe">
<input type="hidden" name="token" value="${esc(token)}">
<label for="password">Nouveau mot de passe <span aria-hidden="true">*</span></label>
<div class="field"><input id="password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-rules">${showButton('password')}</div>
${rulesList(tried)}
<label for="confirmation">Confirmation du mot de passe <span aria-hidden="true">*</span></label>
<div class="field"><input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>${showButton('confirmation')}</div>
<button type="submit">Changer mon mot de passe</button></form>`;

    app.get('/reinitialiser-mot-de-passe', { schema: { hide: true } }, async (request, reply) => {
      const landlord = await ctx.landlord();
      const token = query(request.query, 'token');
      if (!(await linkUsable(ctx, 'reset_password', token))) return page(reply, landlord, RESET_TITLE, linkInvalid(RESET_AGAIN), 410);
      return page(reply, landlord, RESET_TITLE, resetForm(token));
    });
    app.post('/reinitialiser-mot-de-passe', { schema: { hide: true } }, async (request, reply) => {
      const landlord = await ctx.landlord();
      const token = field(request.body, 'token');
      const password = field(request.body, 'password');
      if (!(await linkUsable(ctx, 'reset_password', token))) return page(reply, landlord, RESET_TITLE, linkInvalid(RESET_AGAIN), 410);
      if (!checkPassword(password).ok) {
        // The rules are listed once, under the field, each marked: the summary does not repeat them.
        const words = checkPassword(password).failing.includes('maxLength') ? 'Le mot de passe est trop long (256 caractères au plus).' : 'Le mot de passe ne respecte pas les règles indiquées sous le champ.';
        return page(reply, landlord, RESET_TITLE, resetForm(token, [words], password), 400);
      }
      if (password !== field(request.body, 'confirmation')) {
        return page(reply, landlord, RESET_TITLE, resetForm(token, ['Les deux mots de passe ne sont pas identiques.']), 400);
      }
      try {
        await resetPassword(ctx, token, password, request.ip);
      } catch (err) {
        return page(reply, landlord, RESET_TITLE, resetForm(token, problemsOf(err)), 400);
      }
      return page(reply, landlord, 'Mot de passe changé', '<p class="notice" role="status">Votre mot de passe a été changé. Vous pouvez vous connecter avec votre nouveau mot de passe dans l\'application Espace Locataire.</p>');
    });

    const CONFIRM_TITLE = 'Confirmer mon adresse mail';
    const CONFIRM_AGAIN = "Pour changer d'adresse mail, refaites la demande dans l'application Espace Locataire : « Mon compte », « Modifier mon email ». Un lien sert une seule fois.";
    app.get('/confirmer-email', { schema: { hide: true } }, async (request, reply) => {
      const landlord = await ctx.landlord();
      const token = query(request.query, 'token');
      if (!(await linkUsable(ctx, 'confirm_email', token))) return page(reply, landlord, CONFIRM_TITLE, linkInvalid(CONFIRM_AGAIN), 410);
      return page(
        reply,
        landlord,
        CONFIRM_TITLE,
        `<form method="post" action="/confirmer-email"><input type="hidden" name="token" value="${esc(token)}"><p>Cliquez sur le bouton pour utiliser cette adresse mail comme identifiant de connexion.</p><button type="submit">Confirmer mon adresse mail</button></form>`,
      );
    });
    app.post('/confirmer-email', { schema: { hide: true } }, async (request, reply) => {
      const landlord = await ctx.landlord();
      try {
        await confirmEmail(ctx, field(request.body, 'token'));
      } catch (err) {
        const problems = problemsOf(err);
        if (problems.includes(LINK_INVALID)) return page(reply, landlord, CONFIRM_TITLE, linkInvalid(CONFIRM_AGAIN), 410);
        return page(reply, landlord, CONFIRM_TITLE, `<div class="error" role="alert">${problems.map((e) => `<p>${esc(e)}</p>`).join('')}</div>`, 400);
      }
      return page(reply, landlord, 'Adresse mail confirmée', '<p class="notice" role="status">Votre nouvelle adresse mail est confirmée : utilisez-la pour vous connecter.</p>');
    });
  };
