/**
 * The sandbox PSP: a bank-like "Paiement Sécurisé" page speaking the Lyra "formulaire" protocol,
 * served only in sandbox mode (demo, tests). It checks the signed form like the bank does, takes
 * a test card, posts a correctly signed IPN to the merchant's notification URL and sends the
 * tenant back to vads_url_return. No real card is ever charged; card data is neither stored nor
 * logged. Test cards: see SANDBOX_CARDS and server/README.md.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context';
import { paymentUrls, type PaymentConfig } from './config';
import { acceptFormBodies, listeningBase } from './form-body';
import { bankAmount, escapeHtml, sendPage } from './html';
import { lyraSignature, hasValidLyraSignature, type LyraFields } from './signature';
import { parisDate } from '../../../src-shared/clock';

/** The documented test cards and what the sandbox bank answers. Any other valid number is refused. */
export const SANDBOX_CARDS = {
  '4970100000000000': { transStatus: 'AUTHORISED', result: '00', authResult: '00', label: 'paiement accepté' },
  '4970100000000097': { transStatus: 'REFUSED', result: '05', authResult: '05', label: 'paiement refusé' },
  '4970100000000063': { transStatus: 'ABANDONED', result: '17', authResult: '', label: 'paiement abandonné' },
} as const;

type Outcome = { transStatus: 'AUTHORISED' | 'REFUSED' | 'ABANDONED'; result: string; authResult: string };

const REQUIRED = ['vads_action_mode', 'vads_amount', 'vads_ctx_mode', 'vads_currency', 'vads_page_action', 'vads_payment_config', 'vads_site_id', 'vads_trans_date', 'vads_trans_id', 'vads_version'] as const;

/** Fields of the request echoed in the IPN, as the bank does. */
const ECHOED = [...REQUIRED, 'vads_order_id', 'vads_cust_email', 'vads_cust_id', 'vads_language'] as const;

const STYLE = `body{font-family:Arial,Helvetica,sans-serif;margin:0;background:#eef1f5;color:#1a1a1a;font-size:1rem;line-height:1.5}
main{max-width:34rem;margin:2rem auto;background:#fff;border:1px solid #c5ccd6;border-radius:6px;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 1rem;color:#0b3d6e}.test{background:#fff4ce;border:1px solid #8a6d00;padding:.5rem;margin:0 0 1rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0 0 1.5rem}dt{font-weight:bold}dd{margin:0}
label,legend{display:block;font-weight:bold;margin-top:1rem}input,select{font-size:1rem;padding:.5rem;border:1px solid #5a6472;border-radius:4px}
fieldset{border:0;padding:0;margin:0}.row{display:flex;gap:1rem}.hint{color:#444;margin:.25rem 0;font-size:.9rem}
.error{color:#b00020;font-weight:bold;margin:.25rem 0}[aria-invalid=true]{border:2px solid #b00020}
.alert{border:2px solid #b00020;padding:.75rem;margin-bottom:1rem}.actions{display:flex;gap:1rem;flex-wrap:wrap;margin-top:1.5rem}
button{font-size:1rem;padding:.75rem 1.5rem;border-radius:4px;cursor:pointer}.primary{background:#0b3d6e;color:#fff;border:2px solid #0b3d6e}
.secondary{background:#fff;color:#0b3d6e;border:2px solid #0b3d6e}details{margin-top:1.5rem}:focus-visible{outline:3px solid #c8336e;outline-offset:2px}`;

interface CardInput {
  number: string;
  month: string;
  year: string;
  cvv: string;
}

type CardErrors = Partial<Record<keyof CardInput, string>>;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function checkCard(card: CardInput, now: Date): CardErrors {
  const errors: CardErrors = {};
  const number = card.number.replace(/[\s-]/g, '');
  // The documented test cards are taken as they are (Lyra's own list is not all Luhn-valid).
  if (!(number in SANDBOX_CARDS) && (!/^\d{13,19}$/.test(number) || !luhn(number))) errors.number = 'Numéro de carte invalide : saisissez les 16 chiffres inscrits sur votre carte.';
  const month = Number(card.month);
  if (!/^\d{2}$/.test(card.month) || month < 1 || month > 12) errors.month = 'Choisissez le mois d\'expiration.';
  if (!/^\d{4}$/.test(card.year)) errors.year = 'Choisissez l\'année d\'expiration.';
  // A card is valid to the end of its month; "this month" is the Paris one, as everywhere.
  else if (!errors.month && `${card.year}-${card.month}` < parisDate(now).slice(0, 7)) errors.month = 'Cette carte est expirée.';
  if (!/^\d{3}$/.test(card.cvv)) errors.cvv = 'Le cryptogramme visuel compte 3 chiffres.';
  return errors;
}

function signedRequest(body: Record<string, string>): LyraFields {
  return Object.fromEntries(Object.entries(body).filter(([name]) => name.startsWith('vads_') || name === 'signature'));
}

function problemPage(reply: FastifyReply, message: string) {
  return sendPage(
    reply,
    { title: 'Paiement Sécurisé — erreur', style: STYLE, body: `<main><h1>Paiement Sécurisé</h1><p class="alert" role="alert">${escapeHtml(message)}</p></main>` },
    400,
  );
}

function cardPage(reply: FastifyReply, request: LyraFields, options: { card?: Partial<CardInput>; errors?: CardErrors; now: Date; returnOrigin: string }) {
  const { card = {}, errors = {}, now } = options;
  const hidden = Object.entries(request)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const invalid = (field: keyof CardInput) => (errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '');
  const message = (field: keyof CardInput) => (errors[field] ? `<p class="error" id="${field}-error">${escapeHtml(errors[field])}</p>` : '');
  const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, '0'));
  const thisYear = Number(parisDate(now).slice(0, 4));
  const years = Array.from({ length: 11 }, (_, i) => String(thisYear + i));
  const options_ = (values: string[], selected?: string) =>
    `<option value="">--</option>${values.map((v) => `<option value="${v}"${v === selected ? ' selected' : ''}>${v}</option>`).join('')}`;
  const errorCount = Object.keys(errors).length;
  const body = `<main>
<h1>Paiement Sécurisé</h1>
<p class="test">Mode TEST : plateforme de démonstration, aucune carte réelle n'est débitée.</p>
${errorCount ? `<div class="alert" role="alert">Le formulaire contient ${errorCount === 1 ? '1 erreur' : `${errorCount} erreurs`} : vérifiez les champs signalés.</div>` : ''}
<dl>
<dt>Numéro de transaction</dt><dd>${escapeHtml(request.vads_trans_id ?? '')}</dd>
<dt>Identifiant marchand</dt><dd>${escapeHtml(request.vads_site_id ?? '')}</dd>
<dt>Montant</dt><dd>${escapeHtml(bankAmount(Number(request.vads_amount)))}</dd>
</dl>
<form method="post" action="card" novalidate>
${hidden}
<label for="card_number">Numéro de carte</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required value="${escapeHtml(card.number ?? '')}"${invalid('number')}>
${message('number')}
<fieldset>
<legend>Date d'expiration</legend>
<div class="row">
<div><label for="expiry_month">Mois</label><select id="expiry_month" name="expiry_month" autocomplete="cc-exp-month" required${invalid('month')}>${options_(months, card.month)}</select></div>
<div><label for="expiry_year">Année</label><select id="expiry_year" name="expiry_year" autocomplete="cc-exp-year" required${invalid('year')}>${options_(years, card.year)}</select></div>
</div>
${message('month')}${message('year')}
</fieldset>
<label for="cvv">Cryptogramme visuel (CVV)</label>
<p class="hint" id="cvv-hint">Les 3 chiffres au dos de votre carte.</p>
<input id="cvv" name="cvv" inputmode="numeric" autocomplete="cc-csc" required maxlength="4" aria-describedby="cvv-hint${errors.cvv ? ' cvv-error' : ''}"${errors.cvv ? ' aria-invalid="true"' : ''}>
${message('cvv')}
<div class="actions">
<button type="submit" class="primary" name="action" value="pay">VALIDER</button>
<button type="submit" class="secondary" name="action" value="cancel">Annuler et retourner à la boutique</button>
</div>
</form>
<details><summary>Cartes de test</summary><ul>
${Object.entries(SANDBOX_CARDS)
  .map(([number, card]) => `<li>${number} : ${card.label}</li>`)
  .join('\n')}
</ul></details>
</main>`;
  return sendPage(reply, { title: 'Paiement Sécurisé', style: STYLE, body, formAction: [options.returnOrigin] }, Object.keys(errors).length ? 400 : 200);
}

export const sandboxPspRoutes =
  (ctx: AppContext, config: PaymentConfig): FastifyPluginAsyncZod =>
  async (app) => {
    acceptFormBodies(app);
    const formBody = { body: z.record(z.string(), z.string()), hide: true } as const;
    const key = () => config.keys[config.ctxMode]!;

    /** The signed request, checked as the bank would; null after answering an error page. */
    function verified(body: Record<string, string>): LyraFields | null {
      const request = signedRequest(body);
      if (REQUIRED.some((name) => !request[name])) return null;
      if (request.vads_site_id !== config.siteId || request.vads_ctx_mode !== config.ctxMode) return null;
      return hasValidLyraSignature(request, key()) ? request : null;
    }
    const originOf = (url: string | undefined) => {
      try {
        return url ? new URL(url).origin : null;
      } catch {
        return null;
      }
    };

    app.post('/vads-payment/', { schema: formBody }, async (request, reply) => {
      const signed = verified(request.body);
      if (!signed) return problemPage(reply, 'Formulaire de paiement invalide : la signature ou un paramètre obligatoire est incorrect. Aucun paiement n\'a été effectué.');
      if (!/^\d{1,12}$/.test(signed.vads_amount!) || Number(signed.vads_amount) <= 0 || signed.vads_currency !== '978') return problemPage(reply, 'Montant ou devise invalide.');
      return cardPage(reply, signed, { now: ctx.clock(), returnOrigin: originOf(signed.vads_url_return) ?? "'self'" });
    });

    app.post('/vads-payment/card', { schema: formBody }, async (request, reply) => {
      const signed = verified(request.body);
      if (!signed) return problemPage(reply, 'Formulaire de paiement invalide : la signature ou un paramètre obligatoire est incorrect. Aucun paiement n\'a été effectué.');
      const body = request.body;
      let outcome: Outcome;
      let cardNumber = '';
      if (body.action === 'cancel') {
        outcome = { transStatus: 'ABANDONED', result: '17', authResult: '' };
      } else {
        const card: CardInput = { number: body.card_number ?? '', month: body.expiry_month ?? '', year: body.expiry_year ?? '', cvv: body.cvv ?? '' };
        const errors = checkCard(card, ctx.clock());
        // The CVV is never sent back into the page.
        if (Object.keys(errors).length) return cardPage(reply, signed, { card: { ...card, cvv: '' }, errors, now: ctx.clock(), returnOrigin: originOf(signed.vads_url_return) ?? "'self'" });
        cardNumber = card.number.replace(/[\s-]/g, '');
        const known = SANDBOX_CARDS[cardNumber as keyof typeof SANDBOX_CARDS];
        outcome = known ?? { transStatus: 'REFUSED', result: '05', authResult: '05' };
      }

      // The IPN goes to vads_url_check only if it is this server's own notification URL (no open relay).
      const own = paymentUrls(config, () => listeningBase(app)).ipnUrl;
      const target = signed.vads_url_check && originOf(signed.vads_url_check) === originOf(own) ? signed.vads_url_check : own;
      const ipn: LyraFields = {};
      for (const name of ECHOED) if (signed[name] !== undefined) ipn[name] = signed[name]!;
      Object.assign(ipn, {
        vads_trans_status: outcome.transStatus,
        vads_result: outcome.result,
        vads_auth_result: outcome.authResult,
        vads_trans_uuid: randomBytes(16).toString('hex'),
        vads_operation_type: 'DEBIT',
        vads_url_check_src: 'PAY',
        vads_effective_amount: signed.vads_amount!,
        vads_effective_currency: signed.vads_currency!,
        vads_presentation_date: signed.vads_trans_date!,
        ...(cardNumber ? { vads_card_brand: 'CB', vads_card_number: `${cardNumber.slice(0, 6)}XXXXXX${cardNumber.slice(-4)}`, vads_expiry_month: String(Number(body.expiry_month)), vads_expiry_year: body.expiry_year! } : {}),
      });
      ipn.signature = lyraSignature(ipn, key());
      try {
        const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(ipn).toString(), signal: AbortSignal.timeout(15_000) });
        if (!answer.ok) request.log.warn({ status: answer.status }, 'sandbox PSP: the merchant refused the notification');
      } catch (error) {
        request.log.warn({ error: String(error) }, 'sandbox PSP: notification not delivered');
      }
      const back = signed.vads_url_return;
      if (!back) return sendPage(reply, { title: 'Paiement Sécurisé', style: STYLE, body: '<main><h1>Paiement Sécurisé</h1><p>Opération terminée. Vous pouvez fermer cette fenêtre.</p></main>' });
      return reply.code(303).header('location', back).header('cache-control', 'no-store').send();
    });
  };
