/** Mes demandes (requests): the HTTP contract (request, message and status rows of the feed, the bodies). */
import { z } from 'zod';
import { uuidSchema, text, sha256Schema, isoDateSchema, isoDateTimeSchema } from '../api/common';

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


export const requestDataSchema = z.object({
  dossierId: uuidSchema,
  /** Shown as "Demande n° 1000013". */
  number: z.number().int(),
  kind: z.enum(['technical', 'administrative']),
  category: z.string(),
  subject: z.string(),
  description: z.string(),
  permissionToEnter: z.boolean().nullable(),
  photoSha256s: z.array(sha256Schema),
  status: z.enum(['open', 'in_progress', 'closed', 'cancelled']),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  /** The intervention staff planned (issue 19); absent from rows cached before it. */
  plannedDate: isoDateSchema.nullable().default(null),
});


export const requestMessageDataSchema = z.object({
  requestId: uuidSchema,
  author: z.enum(['tenant', 'staff']),
  body: z.string(),
  createdAt: isoDateTimeSchema,
  /** The staff member's name as the tenant sees it ("M. Petit, gardien"); null for the tenant's own and older replies. */
  authorName: z.string().nullable().default(null),
});


/** One step of a request's status history. */
export const requestEventDataSchema = z.object({
  requestId: uuidSchema,
  status: z.enum(['open', 'in_progress', 'closed', 'cancelled']),
  by: z.enum(['tenant', 'staff']),
  at: isoDateTimeSchema,
});

/** "Annuler la demande": the request named again in the body (the path carries it too). */
export const cancelRequestBodySchema = z.object({ requestId: uuidSchema });
