/**
 * One-click unsubscribe from a kind's mails (RFC 8058). Each mail carries
 * `List-Unsubscribe: <https://…/desabonnement?jeton=…>` and `List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click`: the mail reader POSTs `List-Unsubscribe=One-Click` to that address,
 * with no sign-in. Opening the address in a browser (GET) changes nothing (link scanners open
 * links too): it shows a page whose button sends the same POST.
 *
 * The token: unsubscribe-token.ts.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { NotificationKind } from '../../../src-shared/notifications/api';
import { page } from '../auth/link-pages';
import type { AppContext } from '../context';
import { openUnsubscribeToken, UNSUBSCRIBE_PATH } from './unsubscribe-token';
import { withTenantWrite } from '../sync/versions';
import { KIND_WORDS } from './mail';
import { channelOf } from '../../../src-shared/notifications/api';
import { preferencesOf, setPreference } from './service';
import { eq } from 'drizzle-orm';
import { tenants } from '../db/schema';

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Stops the kind's mails (both -> app, mail -> none); the desktop's settings see it at the next sync. */
export async function unsubscribe(ctx: Pick<AppContext, 'db' | 'clock'>, tenantId: string, kind: NotificationKind): Promise<void> {
  const [tenant] = await ctx.db.select({ paperless: tenants.paperless }).from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) return;
  const channel = channelOf(kind, await preferencesOf(ctx.db, tenantId), tenant.paperless);
  if (channel === 'app' || channel === 'none') return;
  await withTenantWrite(ctx.db, tenantId, (tx, version) => setPreference(tx, { tenantId, version, now: ctx.clock() }, kind, channel === 'both' ? 'app' : 'none'));
}

const TITLE = 'Ne plus recevoir ces mails';
const INVALID = '<div class="error" role="alert"><p><strong>Ce lien de désabonnement n\'est pas valable.</strong></p><p>Choisissez vos notifications dans l\'application Espace Locataire : « Notifications », « Préférences ».</p></div>';

export const unsubscribePages =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    const tokenOf = (query: unknown) => (query && typeof query === 'object' && typeof (query as Record<string, unknown>).jeton === 'string' ? (query as Record<string, string>).jeton! : '');

    app.get(UNSUBSCRIBE_PATH, { schema: { hide: true } }, async (request, reply) => {
      const landlord = await ctx.landlord();
      const token = tokenOf(request.query);
      const target = openUnsubscribeToken(ctx.cipher, token);
      if (!target) return page(reply, landlord, TITLE, INVALID, 400);
      return page(
        reply,
        landlord,
        TITLE,
        `<form method="post" action="${UNSUBSCRIBE_PATH}?jeton=${esc(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><p>Vous ne recevrez plus par mail ${esc(KIND_WORDS[target.kind])}. Vous les verrez toujours dans l'application.</p><button type="submit">Confirmer le désabonnement</button></form>`,
      );
    });

    // RFC 8058: the mail reader's POST, and our page's button. No sign-in: the token is the proof.
    app.post(UNSUBSCRIBE_PATH, { schema: { hide: true } }, async (request, reply) => {
      const landlord = await ctx.landlord();
      const target = openUnsubscribeToken(ctx.cipher, tokenOf(request.query));
      if (!target) return page(reply, landlord, TITLE, INVALID, 400);
      await unsubscribe(ctx, target.tenantId, target.kind);
      return page(reply, landlord, 'Désabonnement enregistré', `<p class="notice" role="status">Vous ne recevrez plus par mail ${esc(KIND_WORDS[target.kind])}. Vous pouvez changer d'avis dans l'application : « Notifications », « Préférences ».</p>`);
    });
  };
