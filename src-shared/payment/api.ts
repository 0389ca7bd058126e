/** Payer en ligne (payment): the HTTP contract between the desktop, the Portal API and the bank. */
import { z } from 'zod';
import { uuidSchema, isoDateTimeSchema } from '../api/common';

/** GET /v1/payments/settings: what the tenant may pay online. */
export const paymentSettingsSchema = z.object({
  /** False when the landlord has no payment service configured. */
  enabled: z.boolean(),
  /** Largest amount accepted per payment, in cents. */
  ceilingCents: z.number().int().positive(),
  /** Origin of the bank's card page (the only place the payment window may go). */
  pspOrigin: z.string().nullable(),
  /** The bank's name, shown to the tenant (absent from servers older than issue 15). */
  pspName: z.string().nullable().optional(),
  ctxMode: z.enum(['TEST', 'PRODUCTION']),
});

export type PaymentSettings = z.infer<typeof paymentSettingsSchema>;


/** POST /v1/payments (Idempotency-Key = the new payment's id). */
export const createPaymentBodySchema = z
  .object({
    dossierId: uuidSchema,
    /** Integer cents, > 0 and at most the ceiling. */
    amountCents: z.number().int().positive('Le montant doit être supérieur à 0'),
  })
  .strict();

export type CreatePaymentBody = z.infer<typeof createPaymentBodySchema>;


export const paymentFormSchema = z.object({
  paymentId: uuidSchema,
  /** The bank's form URL (method POST). */
  formAction: z.string(),
  /** vads_* fields and `signature`, to post as they are. */
  fields: z.record(z.string(), z.string()),
  /** Where the bank sends the tenant back (vads_url_return): the payment window closes there. */
  returnUrl: z.string(),
});

export type PaymentForm = z.infer<typeof paymentFormSchema>;


export const PAYMENT_STATUSES = ['created', 'pending', 'accepted', 'refused', 'cancelled'] as const;

export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];


/** GET /v1/payments/{id}. */
export const paymentViewSchema = z.object({
  id: uuidSchema,
  dossierId: uuidSchema,
  amountCents: z.number().int(),
  status: z.enum(PAYMENT_STATUSES),
  /** vads_trans_id, shown as the transaction number. */
  transId: z.string(),
  createdAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.nullable(),
  /** The quittance or reçu issued after acceptance (arrives by sync). */
  documentId: uuidSchema.nullable(),
});

export type PaymentView = z.infer<typeof paymentViewSchema>;


export const paymentParamsSchema = z.object({ id: uuidSchema });
