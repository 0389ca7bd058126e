/** Pieces every area's view models use: addresses, where a write stands, attachments, the answer to a queued write. */
import { z } from 'zod';
import { UPLOAD_MEDIA_TYPES } from './api/uploads';

export const isoDate = z.string();

export const isoDateTime = z.string();


export const addressSchema = z.object({ line: z.string(), postalCode: z.string(), city: z.string() });


/** Where a write stands on its way to the server (optimistic rows are 'pending'). */
export const deliverySchema = z.enum(['synced', 'pending', 'refused']);

/**
 * Why the landlord refused a write: field problems as keys (with their numbers, and the server's
 * French sentence as the fallback for a key this build has no words for), the error's precise key.
 */
export const refusalSchema = z.object({
  code: z.string(),
  fields: z
    .array(z.object({ path: z.string(), message: z.string(), params: z.record(z.string(), z.number()).optional(), fallback: z.string().optional() }))
    .optional(),
  key: z.string().optional(),
  params: z.record(z.string(), z.number()).optional(),
  message: z.string().optional(),
});


export const dossierSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  address: addressSchema,
  /** Positive: the tenant owes ("débiteur"); zero or negative: "créditeur". */
  balanceCents: z.number().int(),
});


/**
 * The landlord's latest answer to something the tenant asked (a change of details, of occupants,
 * of RIB, an insurance certificate), with staff's comment (issue 19): what the page says once
 * the "en cours" banner has gone.
 */
export const decisionSchema = z.object({
  status: z.enum(['approved', 'refused']),
  /** Staff's comment or refusal reason, as written (French). */
  comment: z.string().nullable(),
  requestedAt: isoDateTime,
  decidedAt: isoDateTime,
});
export type Decision = z.infer<typeof decisionSchema>;


// ---- writes -------------------------------------------------------------------------------

/** 10 MB once decoded; base64 is about 4/3 of it. */
export const MAX_ATTACHMENT_BASE64 = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 4;


/** A file the tenant picked; its real kind is checked on its content by main. */
export const attachmentInputSchema = z.object({
  name: z.string().trim().min(1, 'fields.required').max(255),
  mediaType: z.enum(UPLOAD_MEDIA_TYPES, { error: 'fields.file.type' }),
  dataBase64: z.string().min(1, 'fields.required').max(MAX_ATTACHMENT_BASE64, 'fields.file.tooLarge'),
});

export type AttachmentInput = z.infer<typeof attachmentInputSchema>;


export const writeQueuedSchema = z.object({
  id: z.string(),
  /** 'pending' until sent; the sync.state event says when it is. */
  delivery: deliverySchema,
});
