/**
 * /v1/staff: the staff console's and the caretaker's routes (docs/STAFF.md). Every route but
 * activation and sign-in needs a staff session (`Authorization: Bearer`, 401 otherwise, a
 * tenant's token included), then the capability of its role (403), then the object in the staff
 * member's scope (404). The writes go through the areas' staff functions, shared with the admin
 * API and the CLI, each of which writes one audit entry in its transaction.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okResponseSchema } from '../../../src-shared/api/common';
import { writeResultSchema } from '../../../src-shared/api/writes';
import {
  residenceBodySchema,
  residenceSchema,
  staffAccountCreateBodySchema,
  staffAccountCreatedSchema,
  staffAccountSchema,
  staffAccountsResponseSchema,
  staffAccountUpdateBodySchema,
  staffActivateBodySchema,
  staffActivationQuerySchema,
  staffActivationResponseSchema,
  staffAuditQuerySchema,
  staffAuditResponseSchema,
  staffBlobParamsSchema,
  staffChangeDecisionBodySchema,
  staffChangeRequestDetailSchema,
  staffChangeRequestsQuerySchema,
  staffChangeRequestsResponseSchema,
  staffIdParamsSchema,
  staffInsuranceDecisionBodySchema,
  staffInsurancesQuerySchema,
  staffInsurancesResponseSchema,
  staffLandlordSchema,
  staffMeSchema,
  staffNoticeRunBodySchema,
  staffNoticeRunCreatedSchema,
  staffNoticeRunSchema,
  staffRequestDetailSchema,
  staffRequestReplyBodySchema,
  staffRequestsQuerySchema,
  staffRequestsResponseSchema,
  staffRequestStatusBodySchema,
  staffResidencesResponseSchema,
  staffSessionResponseSchema,
  staffSignInBodySchema,
  staffSignInResponseSchema,
  staffTenantDetailSchema,
  staffTenantsQuerySchema,
  staffTenantsResponseSchema,
  staffTotpBodySchema,
} from '../../../src-shared/api/staff';
import { UPLOAD_MEDIA_TYPES } from '../../../src-shared/api/uploads';
import type { AppContext } from '../context';
import { adminDepsForRoutes } from '../admin/deps';
import { ApiError } from '../http/errors';
import { bearer, errorResponses } from '../http/responses';
import { endpoint } from '../http/routes';
import { adminDecideChangeRequest, adminSetLandlord, adminUpdateRequest, type AdminDeps } from '../admin/service';
import { decideInsurance } from '../insurance/staff';
import { compose } from '../mail/templates';
import { readBlob } from '../documents/service';
import { createResidence, listResidences, updateResidence } from '../residences/service';
import { listAudit } from './audit';
import { createStaffAccount, listStaffAccounts, staffMe, updateStaffAccount } from './accounts';
import { staffActivate, staffActivation, staffSignIn, staffTotp } from './auth';
import { noticeRunView, startNoticeRun } from './notice-runs';
import { listStaffChangeRequests, listStaffInsurances, listStaffRequests, listStaffTenants, requireRequestInScope, staffChangeRequestDetail, staffMayReadBlob, staffRequestDetail, staffTenantDetail } from './queries';
import { can, seesEveryResidence, type StaffCapability } from './roles';
import { actorOf, authenticateStaff, revokeStaffSession, staffOf } from './sessions';

const blobResponses = {
  200: { description: 'Les octets du fichier, dans son type (PDF, JPEG ou PNG)', content: Object.fromEntries(UPLOAD_MEDIA_TYPES.map((type) => [type, { schema: z.string() }])) },
};

export const staffRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['staff'];
    const security = bearer;
    const deps: AdminDeps = adminDepsForRoutes(ctx, app.log);
    const staffDeps = { db: ctx.db, now: ctx.clock, publicUrl: ctx.publicUrl };

    /** onRequest (before the body is read): a live staff session, then one of the capabilities. */
    const signedIn = async (request: FastifyRequest) => {
      request.staff = await authenticateStaff(ctx.db, request.headers.authorization, ctx.clock());
    };
    const allowed =
      (...capabilities: StaffCapability[]) =>
      async (request: FastifyRequest) => {
        if (!capabilities.some((c) => can(staffOf(request).role, c))) throw new ApiError('FORBIDDEN');
      };
    const guard = (...capabilities: StaffCapability[]) => (capabilities.length ? [signedIn, allowed(...capabilities)] : [signedIn]);
    const requestCaps: StaffCapability[] = ['requests.technical', 'requests.administrative'];

    // --- authentication -------------------------------------------------------------------------

    app.route({
      ...endpoint('staffActivation'),
      schema: { tags, summary: 'Activation d\'un compte du personnel : adresse et secret TOTP à enregistrer', querystring: staffActivationQuerySchema, response: { 200: staffActivationResponseSchema, ...errorResponses(400, 404, 429) } },
      handler: async (request) => staffActivation(ctx, request.query.token, request.ip),
    });
    app.route({
      ...endpoint('staffActivate'),
      schema: { tags, summary: 'Activer mon compte : mot de passe et premier code TOTP', body: staffActivateBodySchema, response: { 200: okResponseSchema, ...errorResponses(400, 404, 409, 429) } },
      handler: async (request) => staffActivate(ctx, request.body, request.ip),
    });
    app.route({
      ...endpoint('staffSignIn'),
      schema: { tags, summary: 'Connexion du personnel, étape 1 : le mot de passe', body: staffSignInBodySchema, response: { 200: staffSignInResponseSchema, ...errorResponses(400, 401, 429) } },
      handler: async (request) => staffSignIn(ctx, request.body.email, request.body.password, request.ip),
    });
    app.route({
      ...endpoint('staffTotp'),
      schema: { tags, summary: 'Connexion du personnel, étape 2 : le code TOTP', body: staffTotpBodySchema, response: { 200: staffSessionResponseSchema, ...errorResponses(400, 401, 429) } },
      handler: async (request) => staffTotp(ctx, request.body.challenge, request.body.code),
    });
    app.route({
      ...endpoint('staffSignOut'),
      onRequest: guard(),
      schema: { tags, security, summary: 'Déconnexion du personnel', response: { 200: okResponseSchema, ...errorResponses(401) } },
      handler: async (request) => {
        await revokeStaffSession(ctx.db, staffOf(request).sessionId, ctx.clock());
        return { status: 'ok' as const };
      },
    });
    app.route({
      ...endpoint('staffMe'),
      onRequest: guard(),
      schema: { tags, security, summary: 'Le membre du personnel connecté', response: { 200: staffMeSchema, ...errorResponses(401) } },
      handler: async (request) => staffMe(ctx.db, staffOf(request).staffId),
    });

    // --- requests -------------------------------------------------------------------------------

    app.route({
      ...endpoint('staffRequests'),
      onRequest: guard(...requestCaps),
      schema: { tags, security, summary: 'File des demandes (les plus anciennes ouvertes d\'abord)', querystring: staffRequestsQuerySchema, response: { 200: staffRequestsResponseSchema, ...errorResponses(400, 401, 403) } },
      handler: async (request) => listStaffRequests(ctx.db, staffOf(request), request.query, ctx.clock()),
    });
    app.route({
      ...endpoint('staffRequest'),
      onRequest: guard(...requestCaps),
      schema: { tags, security, summary: 'Une demande : locataire, dossier, photos, échanges, historique', params: staffIdParamsSchema, response: { 200: staffRequestDetailSchema, ...errorResponses(400, 401, 403, 404) } },
      handler: async (request) => staffRequestDetail(ctx.db, staffOf(request), request.params.id),
    });
    app.route({
      ...endpoint('staffRequestReply'),
      onRequest: guard(...requestCaps),
      schema: { tags, security, summary: 'Répondre au locataire', params: staffIdParamsSchema, body: staffRequestReplyBodySchema, response: { 200: writeResultSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      handler: async (request) => {
        const staff = staffOf(request);
        await requireRequestInScope(ctx.db, staff, request.params.id);
        return adminUpdateRequest(deps, request.params.id, { message: request.body.body, messageId: request.body.clientMessageId, actor: actorOf(staff) });
      },
    });
    app.route({
      ...endpoint('staffRequestStatus'),
      onRequest: guard(...requestCaps),
      schema: { tags, security, summary: 'Changer le statut, planifier l\'intervention, clore', params: staffIdParamsSchema, body: staffRequestStatusBodySchema, response: { 200: writeResultSchema, ...errorResponses(400, 401, 403, 404) } },
      handler: async (request) => {
        const staff = staffOf(request);
        await requireRequestInScope(ctx.db, staff, request.params.id);
        const { status, plannedDate, comment } = request.body;
        return adminUpdateRequest(deps, request.params.id, { status, plannedDate, message: comment, actor: actorOf(staff) });
      },
    });
    app.route({
      ...endpoint('staffBlob'),
      onRequest: guard(),
      schema: { tags, security, summary: 'Un fichier joint (photo, attestation, RIB, document) dans mon périmètre', params: staffBlobParamsSchema, response: { ...blobResponses, ...errorResponses(400, 401, 404) } },
      handler: async (request, reply) => {
        const { sha256 } = request.params;
        if (!(await staffMayReadBlob(ctx.db, staffOf(request), sha256))) throw new ApiError('NOT_FOUND');
        const blob = await readBlob(ctx.db, sha256);
        if (!blob) throw new ApiError('NOT_FOUND');
        void reply.header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff');
        return reply.type(blob.mediaType).send(blob.content as never);
      },
    });

    // --- change requests, insurance ---------------------------------------------------------------

    app.route({
      ...endpoint('staffChangeRequests'),
      onRequest: guard('changeRequests.decide'),
      schema: { tags, security, summary: 'Demandes de modification (coordonnées, occupants, RIB)', querystring: staffChangeRequestsQuerySchema, response: { 200: staffChangeRequestsResponseSchema, ...errorResponses(400, 401, 403) } },
      handler: async (request) => listStaffChangeRequests(ctx.db, request.query),
    });
    app.route({
      ...endpoint('staffChangeRequest'),
      onRequest: guard('changeRequests.decide'),
      schema: { tags, security, summary: 'Une demande de modification, avec les valeurs actuelles', params: staffIdParamsSchema, response: { 200: staffChangeRequestDetailSchema, ...errorResponses(400, 401, 403, 404) } },
      handler: async (request) => staffChangeRequestDetail(ctx.db, request.params.id, (sealed) => ctx.cipher.decrypt(sealed)),
    });
    app.route({
      ...endpoint('staffChangeDecision'),
      onRequest: guard('changeRequests.decide'),
      schema: { tags, security, summary: 'Accepter ou refuser (avec un commentaire) une demande de modification', params: staffIdParamsSchema, body: staffChangeDecisionBodySchema, response: { 200: writeResultSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      handler: async (request) => {
        const { id, version } = await adminDecideChangeRequest(deps, request.params.id, request.body.decision, request.body.comment, actorOf(staffOf(request)));
        return { id, version };
      },
    });
    app.route({
      ...endpoint('staffInsurances'),
      onRequest: guard('insurance.decide'),
      schema: { tags, security, summary: 'Attestations d\'assurance', querystring: staffInsurancesQuerySchema, response: { 200: staffInsurancesResponseSchema, ...errorResponses(400, 401, 403) } },
      handler: async (request) => listStaffInsurances(ctx.db, request.query),
    });
    app.route({
      ...endpoint('staffInsuranceDecision'),
      onRequest: guard('insurance.decide'),
      schema: { tags, security, summary: 'Accepter ou refuser (avec le motif) une attestation d\'assurance', params: staffIdParamsSchema, body: staffInsuranceDecisionBodySchema, response: { 200: writeResultSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      handler: async (request) => decideInsurance(deps, request.params.id, request.body.decision, request.body.reason, actorOf(staffOf(request))),
    });

    // --- tenants, notice runs -----------------------------------------------------------------------

    app.route({
      ...endpoint('staffTenants'),
      onRequest: guard('tenants.read'),
      schema: { tags, security, summary: 'Locataires (recherche par nom, numéro TG, dossier)', querystring: staffTenantsQuerySchema, response: { 200: staffTenantsResponseSchema, ...errorResponses(400, 401, 403) } },
      handler: async (request) => listStaffTenants(ctx.db, request.query),
    });
    app.route({
      ...endpoint('staffTenant'),
      onRequest: guard('tenants.read'),
      schema: { tags, security, summary: 'La page d\'un locataire', params: staffIdParamsSchema, response: { 200: staffTenantDetailSchema, ...errorResponses(400, 401, 403, 404) } },
      handler: async (request) => staffTenantDetail(ctx.db, staffOf(request), request.params.id),
    });
    app.route({
      ...endpoint('staffNoticeRuns'),
      onRequest: guard('noticeRuns'),
      schema: { tags, security, summary: 'Publier les avis d\'échéance du mois (en arrière-plan)', body: staffNoticeRunBodySchema, response: { 202: staffNoticeRunCreatedSchema, ...errorResponses(400, 401, 403, 409) } },
      handler: async (request, reply) => reply.code(202).send(await startNoticeRun(deps, request.body.period, actorOf(staffOf(request)), (message, error) => app.log.error({ err: error }, message))),
    });
    app.route({
      ...endpoint('staffNoticeRun'),
      onRequest: guard('noticeRuns'),
      schema: { tags, security, summary: 'Avancement et bilan d\'une publication des avis', params: staffIdParamsSchema, response: { 200: staffNoticeRunSchema, ...errorResponses(400, 401, 403, 404) } },
      handler: async (request) => noticeRunView(deps, request.params.id),
    });

    // --- landlord, residences, accounts, audit ----------------------------------------------------

    app.route({
      ...endpoint('staffLandlord'),
      onRequest: guard('landlord.write'),
      schema: { tags, security, summary: 'Paramètres du bailleur', response: { 200: staffLandlordSchema, ...errorResponses(401, 403) } },
      handler: async () => ctx.landlord(),
    });
    app.route({
      ...endpoint('staffLandlordUpdate'),
      onRequest: guard('landlord.write'),
      schema: { tags, security, summary: 'Modifier les paramètres du bailleur', body: staffLandlordSchema, response: { 200: staffLandlordSchema, ...errorResponses(400, 401, 403) } },
      handler: async (request) => adminSetLandlord(deps, request.body, actorOf(staffOf(request))),
    });
    app.route({
      ...endpoint('staffResidences'),
      onRequest: guard('residences.read'),
      schema: { tags, security, summary: 'Résidences (celles du gardien, toutes pour les autres rôles)', response: { 200: staffResidencesResponseSchema, ...errorResponses(401, 403) } },
      handler: async (request) => {
        const staff = staffOf(request);
        return { items: await listResidences(ctx.db, seesEveryResidence(staff.role) ? undefined : staff.residenceIds) };
      },
    });
    app.route({
      ...endpoint('staffResidenceCreate'),
      onRequest: guard('residences.write'),
      schema: { tags, security, summary: 'Créer une résidence', body: residenceBodySchema, response: { 201: residenceSchema, ...errorResponses(400, 401, 403, 409) } },
      handler: async (request, reply) => reply.code(201).send(await createResidence(staffDeps, request.body, actorOf(staffOf(request)))),
    });
    app.route({
      ...endpoint('staffResidenceUpdate'),
      onRequest: guard('residences.write'),
      schema: { tags, security, summary: 'Modifier une résidence (gardien, astreinte)', params: staffIdParamsSchema, body: residenceBodySchema, response: { 200: residenceSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      handler: async (request) => updateResidence(staffDeps, request.params.id, request.body, actorOf(staffOf(request))),
    });
    app.route({
      ...endpoint('staffAccounts'),
      onRequest: guard('accounts'),
      schema: { tags, security, summary: 'Comptes du personnel', response: { 200: staffAccountsResponseSchema, ...errorResponses(401, 403) } },
      handler: async () => ({ items: await listStaffAccounts(ctx.db) }),
    });
    app.route({
      ...endpoint('staffAccountCreate'),
      onRequest: guard('accounts'),
      schema: { tags, security, summary: 'Créer un compte du personnel (lien d\'activation de 72 h)', body: staffAccountCreateBodySchema, response: { 201: staffAccountCreatedSchema, ...errorResponses(400, 401, 403, 409) } },
      handler: async (request, reply) => {
        const created = await createStaffAccount(staffDeps, request.body, actorOf(staffOf(request)));
        const until = created.activationExpiresAt.slice(0, 10).split('-').reverse().join('/');
        const mail = compose(await ctx.landlord(), created.account.email, 'Activez votre compte du personnel', [
          `Un compte du personnel a été créé pour vous (${created.account.displayName}). Activez-le avant le ${until} : vous choisirez votre mot de passe et enregistrerez votre application d'authentification (code à 6 chiffres).`,
        ], { label: 'Activer mon compte', url: created.activationUrl });
        ctx.mailer
          .send(mail)
          .catch((err: unknown) => app.log.error({ err }, 'staff activation mail not sent'));
        return reply.code(201).send({ account: created.account, activationUrl: created.activationUrl, activationExpiresAt: created.activationExpiresAt });
      },
    });
    app.route({
      ...endpoint('staffAccountUpdate'),
      onRequest: guard('accounts'),
      schema: { tags, security, summary: 'Modifier un compte du personnel (rôle, résidences, désactivation)', params: staffIdParamsSchema, body: staffAccountUpdateBodySchema, response: { 200: staffAccountSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      handler: async (request) => updateStaffAccount(staffDeps, request.params.id, request.body, actorOf(staffOf(request))),
    });
    app.route({
      ...endpoint('staffAudit'),
      onRequest: guard('audit.read'),
      schema: { tags, security, summary: 'Journal des actions du personnel (lecture seule)', querystring: staffAuditQuerySchema, response: { 200: staffAuditResponseSchema, ...errorResponses(400, 401, 403) } },
      handler: async (request) => listAudit(ctx.db, request.query),
    });
  };
