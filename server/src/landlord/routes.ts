/** GET /v1/landlord (public): the white-label settings the desktop brands itself with. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { landlordSchema } from '../../../src-shared/api/landlord';
import type { AppContext } from '../context';
import { endpoint } from '../http/routes';

export const landlordRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.route({
      ...endpoint('landlord'),
      schema: { tags: ['public'], summary: 'Paramètres du bailleur (marque blanche)', response: { 200: landlordSchema } },
      handler: async () => ctx.landlord(),
    });
  };
