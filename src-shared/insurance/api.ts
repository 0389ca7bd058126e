/** Mon assurance (insurance): the HTTP contract (insurance rows of the feed, the certificate body). */
import { z } from 'zod';
import { uuidSchema, text, isoDateSchema, sha256Schema, isoDateTimeSchema } from '../api/common';

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
  .refine((v) => v.validTo > v.validFrom, { message: 'La date de fin doit être après la date de début', path: ['validTo'], params: { key: 'fields.date.endBeforeStart' } });

export type InsuranceBody = z.infer<typeof insuranceBodySchema>;


export const insuranceDataSchema = z.object({
  dossierId: uuidSchema,
  insurer: z.string(),
  policyNumber: z.string(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema,
  attachmentSha256: sha256Schema,
  status: z.enum(['pending', 'accepted', 'refused']),
  createdAt: isoDateTimeSchema,
  /** Staff's reason when they refused it (issue 19), and when they decided; absent from rows cached before. */
  staffComment: z.string().nullable().default(null),
  decidedAt: isoDateTimeSchema.nullable().default(null),
});
