/** Mes demandes (requests): the list, a request's page, a new request, messages, cancelling. */
import { z } from 'zod';
import { isoDate, isoDateTime, deliverySchema, refusalSchema, attachmentInputSchema } from '../view-parts';
import { TECHNICAL_CATEGORIES } from './api';
import { MAX_REQUEST_PHOTOS, REQUEST_TEXT_MAX_CHARS } from '../limits';
import { requiredTextSchema } from '../validation/schemas';
import { type AreaProcedures, empty, procedure } from '../procedure';
import { writeQueuedSchema } from '../view-parts';

export const requestSummarySchema = z.object({
  id: z.string(),
  dossierId: z.string(),
  /** "Demande n° 1000013"; null until the server has numbered it. */
  number: z.number().int().nullable(),
  kind: z.enum(['technical', 'administrative']),
  category: z.string(),
  subject: z.string(),
  status: z.enum(['open', 'in_progress', 'closed', 'cancelled']),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  delivery: deliverySchema,
  refusal: refusalSchema.nullable(),
});


export const requestsViewSchema = z.object({ requests: z.array(requestSummarySchema) });

export type RequestsView = z.infer<typeof requestsViewSchema>;


export const requestDetailSchema = requestSummarySchema.extend({
  description: z.string(),
  permissionToEnter: z.boolean().nullable(),
  photoCount: z.number().int(),
  /** The intervention date staff planned (issue 19). */
  plannedDate: isoDate.nullable(),
  messages: z.array(
    z.object({
      id: z.string(),
      author: z.enum(['tenant', 'staff']),
      /** Who answered for the landlord ("M. Petit, gardien"), when the server says. */
      authorName: z.string().nullable(),
      body: z.string(),
      createdAt: isoDateTime,
      delivery: deliverySchema,
    }),
  ),
});

export type RequestDetail = z.infer<typeof requestDetailSchema>;


export const createRequestInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('technical'),
      dossierId: z.string().uuid(),
      category: z.enum(TECHNICAL_CATEGORIES, { error: 'fields.required' }),
      description: requiredTextSchema(REQUEST_TEXT_MAX_CHARS),
      permissionToEnter: z.boolean(),
      photos: z.array(attachmentInputSchema).max(MAX_REQUEST_PHOTOS, 'fields.photos.tooMany').default([]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('administrative'),
      dossierId: z.string().uuid(),
      serviceId: requiredTextSchema(50),
      subject: requiredTextSchema(200),
      description: requiredTextSchema(REQUEST_TEXT_MAX_CHARS),
    })
    .strict(),
]);


export const requestMessageInputSchema = z.object({ requestId: z.string().uuid(), body: requiredTextSchema(REQUEST_TEXT_MAX_CHARS) }).strict();

export const requestIdInputSchema = z.object({ requestId: z.string().uuid() }).strict();

/** The requests area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const requestsProcedures = {
  'requests.list': procedure(empty, requestsViewSchema),
  'requests.get': procedure(requestIdInputSchema, requestDetailSchema),
  'requests.create': procedure(createRequestInputSchema, writeQueuedSchema),
  'requests.addMessage': procedure(requestMessageInputSchema, writeQueuedSchema),
  'requests.cancel': procedure(requestIdInputSchema, writeQueuedSchema),
} as const satisfies AreaProcedures;
