/** Notifications: the tenant's channel for a kind (an outbox write from the settings screen). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notificationPreferenceBodySchema } from '../../../src-shared/notifications/api';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { idempotent } from '../http/idempotency';
import { tenantWriteSchema } from '../http/responses';
import { endpoint } from '../http/routes';
import { setPreference } from './service';

export const notificationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...endpoint('notificationPreference'),
      onRequest: authenticate(ctx),
      schema: { ...tenantWriteSchema, tags: ['notifications'], summary: 'Notifications : choisir comment être prévenu (application, mail, les deux, aucun) pour un type', body: notificationPreferenceBodySchema },
      handler: async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 200,
          run: (tx, version) => setPreference(tx, { version, now: ctx.clock(), tenantId }, request.body.kind, request.body.channel),
        });
      },
    });
  };
