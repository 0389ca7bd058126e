/**
 * /v1/payments: the tenant's online card payment (settings, create, status), the bank's signed
 * notification (IPN) and the page the bank sends the tenant back to. Only the IPN records money;
 * the return page shows no outcome and records nothing.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyHeadersSchema } from '../../../src-shared/api/common';
import { createPaymentBodySchema, paymentFormSchema, paymentParamsSchema, paymentSettingsSchema, paymentViewSchema } from '../../../src-shared/payment/api';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { idempotent } from '../http/idempotency';
import { bearer, errorResponses } from '../http/responses';
import { endpoint, V1_HIDDEN_PAGES } from '../http/routes';
import { paymentUrls, type PaymentConfig } from './config';
import { acceptFormBodies, FORM_CONTENT_TYPE, isFormBody, listeningBase } from './form-body';
import { ipnResponses, IpnUnsupportedMediaType, ipnRefusal } from './ipn';
import { sendPage } from './html';
import { applyNotification, createPayment, NotificationRefused, paymentView } from './service';

const RETURN_SCRIPT = 'window.close();';

export const paymentRoutes =
  (ctx: AppContext, config: PaymentConfig): FastifyPluginAsyncZod =>
  async (app) => {
    const requireAuth = authenticate(ctx);
    const urls = () => paymentUrls(config, () => listeningBase(app));
    acceptFormBodies(app);

    app.route({
      ...endpoint('paymentSettings'),
      onRequest: requireAuth,
      schema: { tags: ['paiement'], summary: 'Paiement en ligne : disponibilité et plafond', security: bearer, response: { 200: paymentSettingsSchema, ...errorResponses(401) } },
      handler: async () => ({
        enabled: config.enabled,
        ceilingCents: config.ceilingCents,
        pspOrigin: config.enabled ? new URL(urls().formAction).origin : null,
        pspName: config.enabled ? config.pspName : null,
        ctxMode: config.ctxMode,
      }),
    });

    app.route({
      ...endpoint('createPayment'),
      onRequest: requireAuth,
      schema: {
        tags: ['paiement'],
        summary: 'Créer un paiement par carte : le formulaire signé à poster à la banque',
        security: bearer,
        headers: idempotencyHeadersSchema,
        body: createPaymentBodySchema,
        response: { 201: paymentFormSchema, ...errorResponses(400, 401, 404, 409, 422, 429) },
      },
      handler: async (request, reply) => {
        const { tenantId, accountId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          quota: 'paymentsPerDay',
          run: (tx, _version, key) => createPayment(tx, ctx, config, urls(), { paymentId: key, tenantId, accountId, ...request.body }),
        });
      },
    });

    app.route({
      ...endpoint('payment'),
      onRequest: requireAuth,
      schema: { tags: ['paiement'], summary: 'État d\'un paiement', security: bearer, params: paymentParamsSchema, response: { 200: paymentViewSchema, ...errorResponses(400, 401, 404) } },
      handler: async (request) => paymentView(ctx, authOf(request).tenantId, request.params.id),
    });

    app.route({
      ...endpoint('paymentIpn'),
      schema: {
        tags: ['paiement'],
        summary: 'Notification de la banque (IPN, formulaire vads_* signé)',
        description:
          'Formulaire `application/x-www-form-urlencoded` (un champ envoyé deux fois est refusé). La réponse est toujours du texte : `OK <statut>` une fois appliquée, sinon `KO <raison>`.',
        consumes: [FORM_CONTENT_TYPE],
        body: z.record(z.string(), z.string()),
        response: ipnResponses,
      },
      // The bank reads text, whatever went wrong: never the JSON error shape, never a 500 for a
      // body it cannot even have sent (JSON, an array, bad JSON, a repeated field).
      errorHandler: (error, request, reply) => {
        const { status, reason } = ipnRefusal(error, request.headers['content-type']);
        if (status === 500) request.log.error({ err: error }, 'payment notification failed');
        else request.log.warn({ reason }, 'payment notification refused');
        void reply.code(status).type('text/plain; charset=utf-8').send(`KO ${reason}`);
      },
      preValidation: async (request) => {
        if (!isFormBody(request.headers['content-type'])) throw new IpnUnsupportedMediaType();
      },
      handler: async (request, reply) => {
        try {
          const outcome = await applyNotification(ctx, config, request.body, (message, extra) => request.log.warn(extra ?? {}, message));
          return reply.code(200).type('text/plain; charset=utf-8').send(outcome.applied ? `OK ${outcome.status}` : `OK already ${outcome.status}`);
        } catch (error) {
          if (!(error instanceof NotificationRefused)) throw error;
          // The reason is for the bank's back office log; no field value is echoed.
          request.log.warn({ reason: error.reason, orderId: request.body.vads_order_id }, 'payment notification refused');
          return reply.code(error.status).type('text/plain; charset=utf-8').send(`KO ${error.reason}`);
        }
      },
    });

    const returnPage = async (_request: unknown, reply: Parameters<typeof sendPage>[0]) =>
      sendPage(reply, {
        title: 'Retour de la banque',
        body: `<main><h1>Retour de la banque</h1><p>Vous pouvez fermer cette fenêtre. Votre espace locataire affiche le résultat de votre paiement.</p></main>`,
        script: RETURN_SCRIPT,
      });
    app.get(V1_HIDDEN_PAGES.paymentReturn, { schema: { hide: true } }, returnPage);
    app.post(V1_HIDDEN_PAGES.paymentReturn, { schema: { hide: true } }, returnPage);
  };
