/** GET /v1/health (public): the server answers, and with which version. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponseSchema } from '../../../src-shared/api/health';
import type { AppContext } from '../context';
import { endpoint } from './routes';

export const healthRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...endpoint('health'),
      schema: { tags: ['public'], summary: 'État du service', response: { 200: healthResponseSchema } },
      handler: async () => ({ status: 'ok' as const, version: ctx.version }),
    });
  };
