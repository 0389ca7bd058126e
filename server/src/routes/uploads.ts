import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { blobParamsSchema, MAX_UPLOAD_BYTES, uploadHeadersSchema, uploadParamsSchema, uploadResponseSchema } from '../../../src-shared/api/uploads';
import { blobs, documents, uploads } from '../db/schema';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { sha256Hex } from '../crypto/tokens';
import { ApiError, validationError } from '../http/errors';
import { bearer, errorResponses } from '../http/responses';
import { sniffMediaType } from '../lib/magic';

const RAW_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];

export const uploadRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const requireAuth = authenticate(ctx);
    app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));

    app.put(
      '/uploads/:id',
      {
        onRequest: requireAuth,
        bodyLimit: MAX_UPLOAD_BYTES,
        schema: {
          tags: ['uploads'],
          summary: 'Déposer un fichier (PDF, JPEG, PNG ; 10 Mo au plus)',
          security: bearer,
          params: uploadParamsSchema,
          headers: uploadHeadersSchema,
          response: { 200: uploadResponseSchema, 201: uploadResponseSchema, ...errorResponses(400, 401, 413, 415, 422) },
        },
      },
      async (request, reply) => {
        const auth = authOf(request);
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new ApiError('UNSUPPORTED_MEDIA_TYPE', { message: 'Envoyez le fichier brut (PDF, JPEG ou PNG) comme corps de la requête.' });
        }
        const sha256 = sha256Hex(body);
        if (sha256 !== request.headers['x-content-sha256']) {
          throw validationError([{ path: 'headers.x-content-sha256', message: 'L\'empreinte SHA-256 ne correspond pas au contenu reçu' }]);
        }
        const mediaType = sniffMediaType(body);
        if (!mediaType) throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
        const view = (u: typeof uploads.$inferSelect) => ({ id: u.id, sha256: u.sha256, mediaType, size: u.size, createdAt: u.createdAt.toISOString() });

        const [existing] = await ctx.db.select().from(uploads).where(eq(uploads.id, request.params.id));
        if (existing) {
          if (existing.tenantId !== auth.tenantId || existing.sha256 !== sha256) throw new ApiError('IDEMPOTENCY_MISMATCH');
          return reply.code(200).send(view(existing));
        }
        const now = ctx.clock();
        const row = { id: request.params.id, tenantId: auth.tenantId, sha256, mediaType, size: body.length, createdAt: now };
        await ctx.db.transaction(async (tx) => {
          await tx.insert(blobs).values({ sha256, mediaType, size: body.length, content: body, createdAt: now }).onConflictDoNothing();
          await tx.insert(uploads).values(row);
        });
        return reply.code(201).send(view(row));
      },
    );

    app.get(
      '/blobs/:sha256',
      {
        onRequest: requireAuth,
        schema: { tags: ['uploads'], summary: 'Contenu d\'un fichier (immuable)', security: bearer, params: blobParamsSchema, response: errorResponses(400, 401, 404) },
      },
      async (request, reply) => {
        const auth = authOf(request);
        const { sha256 } = request.params;
        const [mine] = await ctx.db.select({ sha256: uploads.sha256 }).from(uploads).where(and(eq(uploads.tenantId, auth.tenantId), eq(uploads.sha256, sha256))).limit(1);
        const [doc] = mine
          ? [mine]
          : await ctx.db.select({ sha256: documents.sha256 }).from(documents).where(and(eq(documents.tenantId, auth.tenantId), eq(documents.sha256, sha256), eq(documents.deleted, false))).limit(1);
        if (!doc) throw new ApiError('NOT_FOUND');
        const etag = `"${sha256}"`;
        void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
        if (request.headers['if-none-match'] === etag) return reply.code(304).send(undefined as never);
        const [blob] = await ctx.db.select().from(blobs).where(eq(blobs.sha256, sha256));
        if (!blob) throw new ApiError('NOT_FOUND');
        // A Buffer payload skips the serializer: the bytes go out as they are.
        return reply.type(blob.mediaType).send(blob.content as never);
      },
    );
  };
