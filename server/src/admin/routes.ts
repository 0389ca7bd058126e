/** /v1/admin: staff routes, `X-Api-Key` = PORTAL_ADMIN_API_KEY. Absent key -> routes answer 401. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminChangeRequestListSchema,
  adminChangeRequestsQuerySchema,
  adminCreateTenantBodySchema,
  adminCreateTenantResponseSchema,
  adminDocumentBodySchema,
  adminDocumentResponseSchema,
  adminDecisionBodySchema,
  adminHeadersSchema,
  adminLedgerBodySchema,
  adminLedgerResponseSchema,
  adminRequestListSchema,
  adminRequestsQuerySchema,
  adminUpdateRequestBodySchema,
  dossierNumberParamsSchema,
  idParamsSchema,
} from '../../../src-shared/api/admin';
import { writeResultSchema } from '../../../src-shared/api/writes';
import { landlordSchema } from '../../../src-shared/api/landlord';
import type { AppContext } from '../context';
import { adminDepsForRoutes } from './deps';
import { sha256Hex } from '../crypto/tokens';
import { ApiError } from '../http/errors';
import { errorResponses } from '../http/responses';
import { endpoint } from '../http/routes';
import { MAX_UPLOAD_BYTES } from '../../../src-shared/limits';
import {
  adminAddDocument,
  adminSetLandlord,
  adminCreateTenant,
  adminDecideChangeRequest,
  adminListChangeRequests,
  adminListRequests,
  adminPostLedger,
  adminPublishNotices,
  adminUpdateRequest,
  type AdminDeps,
} from './service';
import { publishNoticesBodySchema, publishNoticesResponseSchema } from '../documents/publish-api';

export const adminRoutes =
  (ctx: AppContext, apiKey: string | undefined): FastifyPluginAsyncZod =>
  async (app) => {
    const expected = apiKey ? Buffer.from(sha256Hex(apiKey)) : null;
    app.addHook('onRequest', async (request: FastifyRequest) => {
      const given = request.headers['x-api-key'];
      if (!expected || typeof given !== 'string' || !timingSafeEqual(Buffer.from(sha256Hex(given)), expected)) throw new ApiError('UNAUTHENTICATED');
    });
    const deps: AdminDeps = adminDepsForRoutes(ctx, app.log);
    const security = [{ adminApiKey: [] }];
    const tags = ['admin'];

    app.route({
      ...endpoint('adminTenants'),
      schema: { tags, security, summary: 'Créer un locataire et son dossier', headers: adminHeadersSchema, body: adminCreateTenantBodySchema, response: { 201: adminCreateTenantResponseSchema, ...errorResponses(400, 401, 409) } },
      handler: async (request, reply) => reply.code(201).send(await adminCreateTenant(deps, request.body)),
    });
    app.route({
      ...endpoint('adminLedger'),
      schema: { tags, security, summary: 'Passer des écritures au compte d\'un dossier', headers: adminHeadersSchema, params: dossierNumberParamsSchema, body: adminLedgerBodySchema, response: { 201: adminLedgerResponseSchema, ...errorResponses(400, 401, 404) } },
      handler: async (request, reply) => reply.code(201).send(await adminPostLedger(deps, request.params.number, request.body.entries)),
    });
    app.route({
      ...endpoint('adminNotices'),
      schema: { tags, security, summary: 'Publier les avis d\'échéance d\'un mois (tous les locataires ou un seul)', headers: adminHeadersSchema, body: publishNoticesBodySchema, response: { 200: publishNoticesResponseSchema, ...errorResponses(400, 401) } },
      handler: async (request) => adminPublishNotices(deps, request.body.period, request.body.reference),
    });
    app.route({
      ...endpoint('adminLandlord'),
      schema: { tags, security, summary: 'Paramètres du bailleur (marque blanche)', headers: adminHeadersSchema, body: landlordSchema, response: { 200: landlordSchema, ...errorResponses(400, 401) } },
      handler: async (request) => adminSetLandlord(deps, request.body),
    });
    app.route({
      ...endpoint('adminDocuments'),
      // The PDF comes base64 in JSON: 4/3 of its bytes and the fields around, so half as much again as a raw upload.
      bodyLimit: MAX_UPLOAD_BYTES * 1.5,
      schema: { tags, security, summary: 'Déposer un document PDF (quittance, avis d\'échéance, reçu) sur un dossier', headers: adminHeadersSchema, params: dossierNumberParamsSchema, body: adminDocumentBodySchema, response: { 201: adminDocumentResponseSchema, ...errorResponses(400, 401, 404, 413) } },
      handler: async (request, reply) => {
        const { pdfBase64, ...meta } = request.body;
        return reply.code(201).send(await adminAddDocument(deps, request.params.number, { ...meta, pdf: Buffer.from(pdfBase64, 'base64') }));
      },
    });
    app.route({
      ...endpoint('adminRequests'),
      schema: { tags, security, summary: 'Lister les demandes', headers: adminHeadersSchema, querystring: adminRequestsQuerySchema, response: { 200: adminRequestListSchema, ...errorResponses(400, 401) } },
      handler: async (request) => ({ requests: await adminListRequests(deps, request.query.status) }),
    });
    app.route({
      ...endpoint('adminRequest'),
      schema: { tags, security, summary: 'Changer le statut d\'une demande (et répondre)', headers: adminHeadersSchema, params: idParamsSchema, body: adminUpdateRequestBodySchema, response: { 200: writeResultSchema, ...errorResponses(400, 401, 404) } },
      handler: async (request) => adminUpdateRequest(deps, request.params.id, { status: request.body.status, message: request.body.message }),
    });
    app.route({
      ...endpoint('adminChangeRequests'),
      schema: { tags, security, summary: 'Lister les demandes de modification', headers: adminHeadersSchema, querystring: adminChangeRequestsQuerySchema, response: { 200: adminChangeRequestListSchema, ...errorResponses(400, 401) } },
      handler: async (request) => ({ changeRequests: await adminListChangeRequests(deps, request.query.status) }),
    });
    app.route({
      ...endpoint('adminChangeRequestDecision'),
      schema: { tags, security, summary: 'Accepter ou refuser une demande de modification', headers: adminHeadersSchema, params: idParamsSchema, body: adminDecisionBodySchema, response: { 200: writeResultSchema, ...errorResponses(400, 401, 404, 409) } },
      handler: async (request) => adminDecideChangeRequest(deps, request.params.id, request.body.decision, request.body.comment),
    });
  };
