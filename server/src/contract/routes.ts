/** Mon contrat: the tenant asks to change the occupants of a dossier (an idempotent write; staff decide). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { occupantsChangeBodySchema } from '../../../src-shared/contract/api';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { idempotent } from '../http/idempotency';
import { tenantWriteSchema } from '../http/responses';
import { endpoint } from '../http/routes';
import { requestOccupantsChange } from './service';

export const contractRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...endpoint('occupantsChange'),
      onRequest: authenticate(ctx),
      schema: { ...tenantWriteSchema, tags: ['contrat'], summary: 'Modifier les occupants (demande)', body: occupantsChangeBodySchema },
      handler: async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          quota: 'changeRequestsPerDay',
          run: (tx, version, id) => requestOccupantsChange(tx, { id, version, now: ctx.clock(), tenantId }, request.body),
        });
      },
    });
  };
