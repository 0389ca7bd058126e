/** PUT /v1/uploads/:id: the raw bytes of a file a later write refers to (see uploads/service.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uploadHeadersSchema, uploadParamsSchema, uploadResponseSchema } from '../../../src-shared/api/uploads';
import { MAX_UPLOAD_BYTES } from '../../../src-shared/limits';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { sha256Hex } from '../crypto/tokens';
import { ApiError, validationError } from '../http/errors';
import { bearer, errorResponses } from '../http/responses';
import { endpoint } from '../http/routes';
import { sniffMediaType } from '../lib/magic';
import { storeUpload } from './service';
import { checkUploadContent } from './content-check';

const RAW_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'];

export const uploadRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(RAW_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));

    app.route({
      ...endpoint('upload'),
      onRequest: authenticate(ctx),
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags: ['uploads'],
        summary: `Déposer un fichier (PDF, JPEG, PNG ; ${MAX_UPLOAD_BYTES / (1024 * 1024)} Mo au plus)`,
        security: bearer,
        params: uploadParamsSchema,
        headers: uploadHeadersSchema,
        response: { 200: uploadResponseSchema, 201: uploadResponseSchema, ...errorResponses(400, 401, 413, 415, 422, 429) },
      },
      handler: async (request, reply) => {
        const auth = authOf(request);
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new ApiError('UNSUPPORTED_MEDIA_TYPE', { message: 'Envoyez le fichier brut (PDF, JPEG ou PNG) comme corps de la requête.' });
        }
        const sha256 = sha256Hex(body);
        if (sha256 !== request.headers['x-content-sha256']) {
          throw validationError([{ path: 'headers.x-content-sha256', message: 'L\'empreinte SHA-256 ne correspond pas au contenu reçu', key: 'fields.file.content' }]);
        }
        const mediaType = sniffMediaType(body);
        if (!mediaType) throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
        await checkUploadContent(mediaType, body);
        const { row, created } = await storeUpload(ctx.db, { id: request.params.id, tenantId: auth.tenantId, sha256, mediaType, content: body, now: ctx.clock(), quotas: ctx.quotas });
        return reply.code(created ? 201 : 200).send({ id: row.id, sha256: row.sha256, mediaType, size: row.size, createdAt: row.createdAt.toISOString() });
      },
    });
  };
