/**
 * Idempotent writes. Every POST here needs `Idempotency-Key: <uuid>`: the outbox row's UUID,
 * which also becomes the id of the entity created. The server stores the first answer per key
 * and replays it (header `Idempotent-Replayed: true`); the same key with another body -> 422
 * IDEMPOTENCY_MISMATCH. Results arrive in the sync feed; the answer only says id + version.
 *
 * Attachments and photos are uploaded first (PUT /v1/uploads/{uuid}, see uploads.ts) and
 * referred to by upload id.
 */
import { z } from 'zod';
import { isoDateSchema, uuidSchema } from './common';

const text = (max: number) => z.string().trim().min(1, 'Champ obligatoire').max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const writeResultSchema = z.object({
  /** The new (or changed) entity's id. */
  id: uuidSchema,
  /** The tenant's sync version that contains this write. */
  version: z.number().int(),
});
export type WriteResult = z.infer<typeof writeResultSchema>;

/** "Mon dossier" -> Modifier -> Valider: a change request handled by staff. */
export const personalInfoChangeBodySchema = z
  .object({
    email: z.email().nullable().optional(),
    phoneHome: optionalText(30),
    phoneMobile: optionalText(30),
    phoneWork: optionalText(30),
    cafNumber: optionalText(20),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Aucune modification à envoyer', path: [] });
export type PersonalInfoChangeBody = z.infer<typeof personalInfoChangeBodySchema>;

export const occupantInputSchema = z.object({
  civility: text(10),
  lastName: text(100),
  firstName: text(100),
  birthDate: isoDateSchema,
  relationship: z.string().trim().max(50),
  signatory: z.boolean(),
});

/** "Mon contrat" -> occupants -> Modifier: the full proposed list. */
export const occupantsChangeBodySchema = z.object({
  dossierId: uuidSchema,
  occupants: z.array(occupantInputSchema).min(1).max(20),
});
export type OccupantsChangeBody = z.infer<typeof occupantsChangeBodySchema>;

/** "Mettre à jour le RIB": any SEPA IBAN (checked by checksum), holder, proof attached. */
export const bankDetailsChangeBodySchema = z.object({
  dossierId: uuidSchema,
  iban: text(50),
  bic: text(20),
  bankName: text(100),
  holder: z.object({
    lastName: text(100),
    firstNames: text(100),
    address: text(200),
    city: text(100),
    postalCode: z.string().trim().regex(/^[0-9A-Z -]{3,10}$/i, 'Code postal invalide'),
  }),
  attachmentUploadId: uuidSchema,
});
export type BankDetailsChangeBody = z.infer<typeof bankDetailsChangeBodySchema>;

/** "Mon assurance logement": insurer, policy, validity, certificate. */
export const insuranceBodySchema = z
  .object({
    dossierId: uuidSchema,
    insurer: text(100),
    policyNumber: text(50),
    validFrom: isoDateSchema,
    validTo: isoDateSchema,
    attachmentUploadId: uuidSchema,
  })
  .refine((v) => v.validTo > v.validFrom, { message: 'La date de fin doit être après la date de début', path: ['validTo'] });
export type InsuranceBody = z.infer<typeof insuranceBodySchema>;

export const TECHNICAL_CATEGORIES = ['plomberie', 'electricite', 'chauffage', 'serrurerie', 'ascenseur', 'parties_communes', 'nuisibles', 'autre'] as const;

export const technicalRequestBodySchema = z.object({
  kind: z.literal('technical'),
  dossierId: uuidSchema,
  category: z.enum(TECHNICAL_CATEGORIES),
  description: text(4000),
  photoUploadIds: z.array(uuidSchema).max(6).default([]),
  /** The tenant allows staff to enter in their absence. */
  permissionToEnter: z.boolean(),
});

export const administrativeRequestBodySchema = z.object({
  kind: z.literal('administrative'),
  dossierId: uuidSchema,
  /** A `contacts.services[].id` of GET /v1/landlord. */
  serviceId: text(50),
  subject: text(200),
  description: text(4000),
});

export const createRequestBodySchema = z.discriminatedUnion('kind', [technicalRequestBodySchema, administrativeRequestBodySchema]);
export type CreateRequestBody = z.input<typeof createRequestBodySchema>;

export const requestMessageBodySchema = z.object({ body: text(4000) });
export type RequestMessageBody = z.infer<typeof requestMessageBodySchema>;

export const requestParamsSchema = z.object({ id: uuidSchema });

/** Paperless rent notices: "Arrêter la souscription de ce service" / subscribe again. */
export const paperlessBodySchema = z.object({ enabled: z.boolean() });
export type PaperlessBody = z.infer<typeof paperlessBodySchema>;
