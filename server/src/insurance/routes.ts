/** Mon assurance: the tenant sends their insurance certificate (an idempotent write; staff check it). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { insuranceBodySchema } from '../../../src-shared/insurance/api';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { idempotent } from '../http/idempotency';
import { tenantWriteSchema } from '../http/responses';
import { endpoint } from '../http/routes';
import { submitInsurance } from './service';

export const insuranceRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...endpoint('insurance'),
      onRequest: authenticate(ctx),
      schema: { ...tenantWriteSchema, tags: ['assurance'], summary: 'Transmettre mon attestation d\'assurance', body: insuranceBodySchema },
      handler: async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          run: (tx, version, id) => submitInsurance(tx, { id, version, now: ctx.clock(), tenantId }, request.body),
        });
      },
    });
  };
