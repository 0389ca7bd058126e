/** Mon contrat (contract): the HTTP contract (contract and occupant rows of the feed, the occupants change body). */
import { z } from 'zod';
import { text, isoDateSchema, uuidSchema } from '../api/common';

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


export const contractDataSchema = z.object({
  dossierId: uuidSchema,
  kind: z.enum(['logement', 'stationnement', 'facturation']),
  label: z.string(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  startDate: isoDateSchema,
});


export const occupantDataSchema = z.object({
  dossierId: uuidSchema,
  civility: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: isoDateSchema,
  /** "enfant", "conjoint"...; empty for the signatory. */
  relationship: z.string(),
  signatory: z.boolean(),
});
