/** Mon dossier: the tenant asks to change their personal details (an idempotent write; staff decide). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { personalInfoChangeBodySchema } from '../../../src-shared/dossier/api';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { idempotent } from '../http/idempotency';
import { tenantWriteSchema } from '../http/responses';
import { endpoint } from '../http/routes';
import { normalizePersonalInfo, requestPersonalInfoChange } from './service';

export const dossierRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...endpoint('personalInfoChange'),
      onRequest: authenticate(ctx),
      schema: { ...tenantWriteSchema, tags: ['dossier'], summary: 'Modifier mes informations personnelles (demande)', body: personalInfoChangeBodySchema },
      handler: async (request, reply) => {
        const normalized = normalizePersonalInfo(request.body);
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          quota: 'changeRequestsPerDay',
          run: (tx, version, id) => requestPersonalInfoChange(tx, { id, version, now: ctx.clock(), tenantId }, normalized),
        });
      },
    });
  };
