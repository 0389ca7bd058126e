/** Mon assurance (insurance): the certificate's status per dossier and sending a new one. */
import { z } from 'zod';
import { isoDate, attachmentInputSchema, decisionSchema } from '../view-parts';
import { requiredTextSchema, frenchDateSchema } from '../validation/schemas';
import { type AreaProcedures, procedure } from '../procedure';
import { writeQueuedSchema } from '../view-parts';

export const insuranceStatusSchema = z.object({
  dossierId: z.string(),
  number: z.string(),
  status: z.enum(['none', 'valid', 'expired', 'pending', 'refused']),
  insurer: z.string().nullable(),
  policyNumber: z.string().nullable(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  /** Staff's answer to the latest certificate sent, once decided (a refusal with its reason). */
  decision: decisionSchema.nullable(),
});


export const insuranceSubmitInputSchema = z
  .object({
    dossierId: z.string().uuid(),
    insurer: requiredTextSchema(100),
    policyNumber: requiredTextSchema(50),
    validFrom: frenchDateSchema,
    validTo: frenchDateSchema,
    attachment: attachmentInputSchema,
  })
  .strict()
  .refine((value) => value.validTo > value.validFrom, { path: ['validTo'], message: 'fields.date.endBeforeStart' });

/** The insurance area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const insuranceProcedures = {
  'insurance.submit': procedure(insuranceSubmitInputSchema, writeQueuedSchema),
} as const satisfies AreaProcedures;
