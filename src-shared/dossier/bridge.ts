/** Mon dossier (dossier): the tenant's identity and contact details, and the change request for them. */
import { z } from 'zod';
import { insuranceStatusSchema } from '../insurance/bridge';
import { CAF_NUMBER_MAX } from '../limits';
import { optionalFrenchPhoneSchema } from '../validation/phone-schemas';
import { type AreaProcedures, empty, procedure } from '../procedure';
import { decisionSchema, writeQueuedSchema } from '../view-parts';

export const dossierViewSchema = z.object({
  profile: z.object({
    civility: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string().nullable(),
    phoneHome: z.string().nullable(),
    phoneMobile: z.string().nullable(),
    phoneWork: z.string().nullable(),
    cafNumber: z.string().nullable(),
  }),
  /** "Une demande de mise à jour de ces informations est actuellement en cours." */
  pendingUpdate: z.boolean(),
  /** Staff's latest answer to a change of these details, while none is pending. */
  lastDecision: decisionSchema.nullable(),
  insurance: z.array(insuranceStatusSchema),
});

export type DossierView = z.infer<typeof dossierViewSchema>;


export const personalInfoUpdateInputSchema = z
  .object({
    phoneHome: optionalFrenchPhoneSchema,
    phoneMobile: optionalFrenchPhoneSchema,
    phoneWork: optionalFrenchPhoneSchema,
    cafNumber: z.string().trim().max(CAF_NUMBER_MAX, 'fields.tooLong').transform((value) => (value === '' ? null : value)),
  })
  .strict();

/** The dossier area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const dossierProcedures = {
  'dossier.get': procedure(empty, dossierViewSchema),
  'dossier.requestUpdate': procedure(personalInfoUpdateInputSchema, writeQueuedSchema),
} as const satisfies AreaProcedures;
