/** Mes documents: paperless notices (an idempotent write) and a document's or an upload's bytes. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { blobParamsSchema, UPLOAD_MEDIA_TYPES } from '../../../src-shared/api/uploads';
import { paperlessBodySchema } from '../../../src-shared/documents/api';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { ApiError } from '../http/errors';
import { idempotent } from '../http/idempotency';
import { bearer, errorResponses, tenantWriteSchema } from '../http/responses';
import { endpoint } from '../http/routes';
import { mayReadBlob, readBlob, setPaperless } from './service';

/**
 * A blob's bytes, in their own media type. (The 304 for an If-None-Match of the current ETag has
 * no body, which neither the zod provider nor @fastify/swagger can describe; it is in the summary.)
 */
const blobResponses = {
  200: { description: 'Les octets du fichier, dans son type (PDF, JPEG ou PNG)', content: Object.fromEntries(UPLOAD_MEDIA_TYPES.map((type) => [type, { schema: z.string() }])) },
};

export const documentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const requireAuth = authenticate(ctx);

    app.route({
      ...endpoint('paperless'),
      onRequest: requireAuth,
      schema: { ...tenantWriteSchema, tags: ['documents'], summary: 'Avis d\'échéance numériques : souscrire ou arrêter', body: paperlessBodySchema },
      handler: async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 200,
          run: (tx, version) => setPaperless(tx, { version, now: ctx.clock(), tenantId }, request.body.enabled),
        });
      },
    });

    app.route({
      ...endpoint('blob'),
      onRequest: requireAuth,
      schema: { tags: ['uploads'], summary: 'Contenu d\'un fichier (immuable ; 304 sans corps si If-None-Match est son ETag)', security: bearer, params: blobParamsSchema, response: { ...blobResponses, ...errorResponses(400, 401, 404) } },
      handler: async (request, reply) => {
        const auth = authOf(request);
        const { sha256 } = request.params;
        if (!(await mayReadBlob(ctx.db, auth.tenantId, sha256))) throw new ApiError('NOT_FOUND');
        const etag = `"${sha256}"`;
        void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
        if (request.headers['if-none-match'] === etag) return reply.code(304).send(undefined as never);
        const blob = await readBlob(ctx.db, sha256);
        if (!blob) throw new ApiError('NOT_FOUND');
        // A Buffer payload skips the serializer: the bytes go out as they are.
        return reply.type(blob.mediaType).send(blob.content as never);
      },
    });
  };
