/** Mes demandes: a new technical or administrative request, a message on one, its cancellation (idempotent writes). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createRequestBodySchema, requestMessageBodySchema, requestParamsSchema } from '../../../src-shared/requests/api';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { idempotent } from '../http/idempotency';
import { tenantWriteSchema } from '../http/responses';
import { endpoint } from '../http/routes';
import { addTenantMessage, cancelRequest, checkRequestService, createRequest } from './service';

export const requestRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const requireAuth = authenticate(ctx);

    app.route({
      ...endpoint('createRequest'),
      onRequest: requireAuth,
      schema: { ...tenantWriteSchema, tags: ['demandes'], summary: 'Nouvelle demande technique ou administrative', body: createRequestBodySchema },
      handler: async (request, reply) => {
        const { tenantId } = authOf(request);
        const body = request.body;
        if (body.kind === 'administrative') checkRequestService(body.serviceId, (await ctx.landlord()).contacts.services.map((s) => s.id));
        return idempotent(ctx, request, reply, {
          status: 201,
          quota: 'requestsPerDay',
          run: (tx, version, id) => createRequest(tx, { id, version, now: ctx.clock(), tenantId }, body),
        });
      },
    });

    app.route({
      ...endpoint('requestMessage'),
      onRequest: requireAuth,
      schema: { ...tenantWriteSchema, tags: ['demandes'], summary: 'Écrire un message sur une demande', params: requestParamsSchema, body: requestMessageBodySchema },
      handler: async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          quota: 'messagesPerDay',
          run: (tx, version, id) => addTenantMessage(tx, { id, version, now: ctx.clock(), tenantId }, request.params.id, request.body),
        });
      },
    });

    app.route({
      ...endpoint('cancelRequest'),
      onRequest: requireAuth,
      schema: { ...tenantWriteSchema, tags: ['demandes'], summary: 'Annuler une demande', params: requestParamsSchema },
      handler: async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 200,
          run: (tx, version) => cancelRequest(tx, { version, now: ctx.clock(), tenantId }, request.params.id),
        });
      },
    });
  };
