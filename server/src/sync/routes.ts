import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { syncQuerySchema, syncResponseSchema } from '../../../src-shared/api/sync';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { bearer, errorResponses } from '../http/responses';
import { endpoint } from '../http/routes';
import { readSyncFeed } from './feed';

export const syncRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...endpoint('sync'),
      onRequest: authenticate(ctx),
      // The hot path: the feed is built by typed mappers (sync/feed.ts), and the tests parse every
      // answer with syncResponseSchema; re-encoding hundreds of changes through zod per request
      // would cost more than the database work. The schema still documents the route.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['sync'],
        summary: 'Changements depuis le curseur (synchronisation)',
        security: bearer,
        querystring: syncQuerySchema,
        response: { 200: syncResponseSchema, ...errorResponses(400, 401) },
      },
      handler: async (request) => readSyncFeed(ctx.db, authOf(request).tenantId, request.query.cursor, request.query.limit),
    });
  };
