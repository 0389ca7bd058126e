/** Payer en ligne (payment): preparing, starting and following an online payment. */
import { z } from 'zod';
import { dossierSummarySchema, isoDateTime } from '../view-parts';
import { euroAmountInputSchema } from '../validation/schemas';
import { type AreaProcedures, empty, procedure } from '../procedure';

// ---- online payment ("Payer en ligne", issue 7) -------------------------------------------

/** Step 1: the contracts with their up-to-date balance; the amount proposed is what is owed. */
export const paymentPrepareViewSchema = z.object({
  dossiers: z.array(
    dossierSummarySchema.extend({
      /** The balance when the tenant owes something, else 0 (the field then starts empty). */
      proposedAmountCents: z.number().int().nonnegative(),
    }),
  ),
  /** Largest amount per payment; null until the server has said (offline since the app started). */
  ceilingCents: z.number().int().positive().nullable(),
  /** 'offline': a payment needs the server (never queued); 'disabled': the landlord offers none. */
  availability: z.enum(['available', 'offline', 'disabled']),
});

export type PaymentPrepareView = z.infer<typeof paymentPrepareViewSchema>;


export const paymentStartInputSchema = z
  .object({
    dossierId: z.string().uuid('fields.required'),
    /** As typed ("12,34"): more than 0, two decimals at most, at most the ceiling (checked by main). */
    amount: euroAmountInputSchema,
  })
  .strict();


export const paymentStartedSchema = z.object({
  paymentId: z.string(),
  /** The bank's origin, shown to the tenant: the payment window can reach nothing else. */
  pspOrigin: z.string(),
  /** The bank's name ("Banque de démonstration"); null from an older server: show the origin's host. */
  pspName: z.string().nullable(),
  /** Browser preview only: the page to open in a popup (it posts the signed form to the bank). */
  popupUrl: z.string().nullable(),
});

export type PaymentStarted = z.infer<typeof paymentStartedSchema>;


export const paymentStatusInputSchema = z.object({ paymentId: z.string().uuid() }).strict();


export const paymentStatusViewSchema = z.object({
  paymentId: z.string(),
  dossierId: z.string(),
  status: z.enum(['created', 'pending', 'accepted', 'refused', 'cancelled']),
  amountCents: z.number().int(),
  transId: z.string(),
  decidedAt: isoDateTime.nullable(),
  /** The quittance or reçu, once it has reached this PC by sync. */
  document: z.object({ id: z.string(), kind: z.enum(['quittance', 'recu', 'avis_echeance']), title: z.string(), sha256: z.string() }).nullable(),
});

export type PaymentStatusView = z.infer<typeof paymentStatusViewSchema>;

/** The payment area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const paymentProcedures = {
  'payment.prepare': procedure(empty, paymentPrepareViewSchema),
  'payment.start': procedure(paymentStartInputSchema, paymentStartedSchema),
  'payment.status': procedure(paymentStatusInputSchema, paymentStatusViewSchema),
} as const satisfies AreaProcedures;
