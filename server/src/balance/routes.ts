/** Ma situation de solde: the tenant asks for a new RIB, with a supporting document (an idempotent write; staff decide). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { bankDetailsChangeBodySchema } from '../../../src-shared/balance/api';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { idempotent } from '../http/idempotency';
import { tenantWriteSchema } from '../http/responses';
import { endpoint } from '../http/routes';
import { checkBankDetails, requestBankDetailsChange } from './service';

export const balanceRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...endpoint('bankDetailsChange'),
      onRequest: authenticate(ctx),
      schema: { ...tenantWriteSchema, tags: ['solde'], summary: 'Mettre à jour le RIB (demande avec pièce justificative)', body: bankDetailsChangeBodySchema },
      handler: async (request, reply) => {
        checkBankDetails(request.body);
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          quota: 'changeRequestsPerDay',
          run: (tx, version, id) => requestBankDetailsChange(tx, ctx.cipher, { id, version, now: ctx.clock(), tenantId }, request.body),
        });
      },
    });
  };
