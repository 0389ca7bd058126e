/** The tenant's idempotent writes: change requests, insurance, requests, messages, paperless. */
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idempotencyHeadersSchema } from '../../../src-shared/api/common';
import { bankDetailsChangeBodySchema } from '../../../src-shared/balance/api';
import { createRequestBodySchema, requestMessageBodySchema, requestParamsSchema } from '../../../src-shared/requests/api';
import { insuranceBodySchema } from '../../../src-shared/insurance/api';
import { occupantsChangeBodySchema } from '../../../src-shared/contract/api';
import { paperlessBodySchema } from '../../../src-shared/documents/api';
import { personalInfoChangeBodySchema } from '../../../src-shared/dossier/api';
import { writeResultSchema } from '../../../src-shared/api/writes';
import { formatFrenchPhone, maskBic, maskIban, normalizeBic, normalizeIban, validateFrenchPhone } from '../../../src-shared/validation';
import type { Tx } from '../db/client';
import { changeRequests, dossiers, insuranceCertificates, requestMessages, requests, tenants, uploads } from '../db/schema';
import type { AppContext } from '../context';
import { authOf } from '../context';
import { authenticate } from '../auth/sessions';
import { ApiError, validationError, type FieldProblem } from '../http/errors';
import { idempotent } from '../http/idempotency';
import { bearer, errorResponses } from '../http/responses';
import { bicProblem, ibanProblem } from '../lib/field-checks';
import { addActivity, addRequestEvent, nextRequestNumber } from '../domain/tenants';

async function requireDossier(tx: Tx, tenantId: string, dossierId: string): Promise<void> {
  const [row] = await tx.select({ id: dossiers.id }).from(dossiers).where(and(eq(dossiers.id, dossierId), eq(dossiers.tenantId, tenantId), eq(dossiers.deleted, false)));
  if (!row) throw new ApiError('NOT_FOUND', { message: 'Dossier introuvable.' });
}

/**
 * The uploads must be the tenant's own; returns their SHA-256 in the given order. `path` names
 * the field; for a list field (`list`), the error points at the item ("photoUploadIds.1").
 */
async function requireUploads(tx: Tx, tenantId: string, ids: string[], path: string, list = false): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: uploads.id, sha256: uploads.sha256 }).from(uploads).where(and(eq(uploads.tenantId, tenantId), inArray(uploads.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r.sha256]));
  const missing = ids.findIndex((id) => !byId.has(id));
  if (missing >= 0) throw validationError([{ path: list ? `${path}.${missing}` : path, message: 'Pièce jointe introuvable : déposez le fichier avant d\'envoyer la demande' }]);
  return ids.map((id) => byId.get(id)!);
}

const CHANGE_REQUEST_LABELS = {
  personal_info: 'Demande de mise à jour de mes informations',
  occupants: 'Demande de modification des occupants',
  bank_details: 'Demande de mise à jour du RIB',
} as const;

/** A change request for staff, and its line in "Mes dernières actions". */
async function insertChangeRequest(
  tx: Tx,
  at: { id: string; version: number; now: Date; tenantId: string },
  request: { kind: keyof typeof CHANGE_REQUEST_LABELS; dossierId?: string; summary: object; payload: object; attachmentSha256?: string },
) {
  const { id, version, now, tenantId } = at;
  await tx.insert(changeRequests).values({ id, tenantId, version, updatedAt: now, status: 'pending', createdAt: now, ...request });
  await addActivity(tx, version, now, tenantId, 'changeRequest', CHANGE_REQUEST_LABELS[request.kind], id);
  return { id, version };
}

export const writeRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const requireAuth = authenticate(ctx);
    const common = { onRequest: requireAuth } as const;
    const schemaBase = { security: bearer, headers: idempotencyHeadersSchema, response: { 201: writeResultSchema, 200: writeResultSchema, ...errorResponses(400, 401, 404, 409, 422) } };

    app.post(
      '/change-requests/personal-info',
      { ...common, schema: { ...schemaBase, tags: ['dossier'], summary: 'Modifier mes informations personnelles (demande)', body: personalInfoChangeBodySchema } },
      async (request, reply) => {
        const body = request.body;
        const problems: FieldProblem[] = [];
        const normalized: Record<string, string | null> = {};
        for (const [field, value] of Object.entries(body)) {
          if (field.startsWith('phone') && value) {
            const phone = validateFrenchPhone(value);
            if (!phone.ok) problems.push({ path: field, message: 'Numéro de téléphone invalide' });
            else normalized[field] = formatFrenchPhone(value); // seed's display form, "06.01.02.03.04"
          } else normalized[field] = value ?? null;
        }
        if (problems.length) throw validationError(problems);
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          async run(tx, version, id) {
            return insertChangeRequest(tx, { id, version, now: ctx.clock(), tenantId }, { kind: 'personal_info', summary: normalized, payload: normalized });
          },
        });
      },
    );

    app.post(
      '/change-requests/occupants',
      { ...common, schema: { ...schemaBase, tags: ['contrat'], summary: 'Modifier les occupants (demande)', body: occupantsChangeBodySchema } },
      async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          async run(tx, version, id) {
            await requireDossier(tx, tenantId, request.body.dossierId);
            const proposal = { occupants: request.body.occupants };
            return insertChangeRequest(tx, { id, version, now: ctx.clock(), tenantId }, { kind: 'occupants', dossierId: request.body.dossierId, summary: proposal, payload: proposal });
          },
        });
      },
    );

    app.post(
      '/change-requests/bank-details',
      { ...common, schema: { ...schemaBase, tags: ['solde'], summary: 'Mettre à jour le RIB (demande avec pièce justificative)', body: bankDetailsChangeBodySchema } },
      async (request, reply) => {
        const body = request.body;
        const problems = [ibanProblem('iban', body.iban), bicProblem('bic', body.bic)].filter((p): p is FieldProblem => p !== null);
        if (problems.length) throw validationError(problems);
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          async run(tx, version, id) {
            await requireDossier(tx, tenantId, body.dossierId);
            const [attachment] = await requireUploads(tx, tenantId, [body.attachmentUploadId], 'attachmentUploadId');
            const summary = { ibanMasked: maskIban(body.iban), bicMasked: maskBic(body.bic), bankName: body.bankName, holder: body.holder };
            const payload = { ibanEncrypted: ctx.cipher.encrypt(normalizeIban(body.iban)), bicEncrypted: ctx.cipher.encrypt(normalizeBic(body.bic)), bankName: body.bankName, holder: body.holder };
            return insertChangeRequest(tx, { id, version, now: ctx.clock(), tenantId }, { kind: 'bank_details', dossierId: body.dossierId, summary, payload, attachmentSha256: attachment! });
          },
        });
      },
    );

    app.post(
      '/insurance',
      { ...common, schema: { ...schemaBase, tags: ['assurance'], summary: 'Transmettre mon attestation d\'assurance', body: insuranceBodySchema } },
      async (request, reply) => {
        const body = request.body;
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          async run(tx, version, id) {
            const now = ctx.clock();
            await requireDossier(tx, tenantId, body.dossierId);
            const [attachment] = await requireUploads(tx, tenantId, [body.attachmentUploadId], 'attachmentUploadId');
            await tx.insert(insuranceCertificates).values({
              id, tenantId, version, updatedAt: now, dossierId: body.dossierId, insurer: body.insurer, policyNumber: body.policyNumber,
              validFrom: body.validFrom, validTo: body.validTo, attachmentSha256: attachment!, status: 'pending', createdAt: now,
            });
            await addActivity(tx, version, now, tenantId, 'insurance', 'Attestation d\'assurance transmise', id);
            return { id, version };
          },
        });
      },
    );

    app.post(
      '/requests',
      { ...common, schema: { ...schemaBase, tags: ['demandes'], summary: 'Nouvelle demande technique ou administrative', body: createRequestBodySchema } },
      async (request, reply) => {
        const body = request.body;
        const { tenantId } = authOf(request);
        if (body.kind === 'administrative') {
          const services = (await ctx.landlord()).contacts.services.map((s) => s.id);
          if (!services.includes(body.serviceId)) throw validationError([{ path: 'serviceId', message: 'Service inconnu' }]);
        }
        return idempotent(ctx, request, reply, {
          status: 201,
          async run(tx, version, id) {
            const now = ctx.clock();
            await requireDossier(tx, tenantId, body.dossierId);
            const photos = body.kind === 'technical' ? await requireUploads(tx, tenantId, body.photoUploadIds, 'photoUploadIds', true) : [];
            const number = await nextRequestNumber(tx);
            await tx.insert(requests).values({
              id, tenantId, version, updatedAt: now, dossierId: body.dossierId, number, kind: body.kind,
              category: body.kind === 'technical' ? body.category : body.serviceId,
              subject: body.kind === 'technical' ? body.description.slice(0, 80) : body.subject,
              description: body.description,
              permissionToEnter: body.kind === 'technical' ? body.permissionToEnter : null,
              photoSha256s: photos, status: 'open', createdAt: now,
            });
            await addRequestEvent(tx, version, now, tenantId, id, 'open', 'tenant');
            await addActivity(tx, version, now, tenantId, 'request', `Demande n° ${number}`, id);
            return { id, version };
          },
        });
      },
    );

    async function requireRequest(tx: Tx, tenantId: string, id: string) {
      const [row] = await tx.select().from(requests).where(and(eq(requests.id, id), eq(requests.tenantId, tenantId), eq(requests.deleted, false)));
      if (!row) throw new ApiError('NOT_FOUND', { message: 'Demande introuvable.' });
      return row;
    }

    app.post(
      '/requests/:id/messages',
      { ...common, schema: { ...schemaBase, tags: ['demandes'], summary: 'Écrire un message sur une demande', params: requestParamsSchema, body: requestMessageBodySchema } },
      async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 201,
          async run(tx, version, id) {
            const now = ctx.clock();
            const target = await requireRequest(tx, tenantId, request.params.id);
            if (target.status === 'cancelled' || target.status === 'closed') throw new ApiError('CONFLICT', { message: 'Cette demande est close.' });
            await tx.insert(requestMessages).values({ id, tenantId, version, updatedAt: now, requestId: target.id, author: 'tenant', body: request.body.body, createdAt: now });
            await tx.update(requests).set({ version, updatedAt: now }).where(eq(requests.id, target.id));
            return { id, version };
          },
        });
      },
    );

    app.post(
      '/requests/:id/cancel',
      { ...common, schema: { ...schemaBase, tags: ['demandes'], summary: 'Annuler une demande', params: requestParamsSchema } },
      async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 200,
          async run(tx, version) {
            const now = ctx.clock();
            const target = await requireRequest(tx, tenantId, request.params.id);
            if (target.status !== 'open' && target.status !== 'in_progress') throw new ApiError('CONFLICT', { message: 'Cette demande ne peut plus être annulée.' });
            await tx.update(requests).set({ status: 'cancelled', version, updatedAt: now }).where(eq(requests.id, target.id));
            await addRequestEvent(tx, version, now, tenantId, target.id, 'cancelled', 'tenant');
            await addActivity(tx, version, now, tenantId, 'request', `Demande n° ${target.number} annulée`, target.id);
            return { id: target.id, version };
          },
        });
      },
    );

    app.post(
      '/paperless',
      { ...common, schema: { ...schemaBase, tags: ['documents'], summary: 'Avis d\'échéance numériques : souscrire ou arrêter', body: paperlessBodySchema } },
      async (request, reply) => {
        const { tenantId } = authOf(request);
        return idempotent(ctx, request, reply, {
          status: 200,
          async run(tx, version) {
            const now = ctx.clock();
            const enabled = request.body.enabled;
            await tx.update(tenants).set({ paperless: enabled, paperlessSince: enabled ? now : null, version, updatedAt: now }).where(eq(tenants.id, tenantId));
            await addActivity(tx, version, now, tenantId, 'paperless', enabled ? 'Souscription aux avis d\'échéance numériques' : 'Arrêt des avis d\'échéance numériques', null);
            return { id: tenantId, version };
          },
        });
      },
    );
  };
