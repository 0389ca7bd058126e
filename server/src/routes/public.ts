import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthResponseSchema } from '../../../src-shared/api/health';
import { landlordSchema } from '../../../src-shared/api/landlord';
import type { AppContext } from '../context';

export const publicRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/health', { schema: { tags: ['public'], summary: 'État du service', response: { 200: healthResponseSchema } } }, async () => ({
      status: 'ok' as const,
      version: ctx.version,
    }));
    app.get(
      '/landlord',
      { schema: { tags: ['public'], summary: 'Paramètres du bailleur (marque blanche)', response: { 200: landlordSchema } } },
      async () => ctx.landlord(),
    );
  };
