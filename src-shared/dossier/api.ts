/** Mon dossier (dossier): the HTTP contract (the profile and dossier rows of the sync feed, the change request body). */
import { z } from 'zod';
import { optionalText, isoDateSchema, nullableText, isoDateTimeSchema, centsSchema } from '../api/common';

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
  .refine((v) => Object.keys(v).length > 0, { message: 'Aucune modification à envoyer', path: [], params: { key: 'fields.noChange' } });

export type PersonalInfoChangeBody = z.infer<typeof personalInfoChangeBodySchema>;


export const profileDataSchema = z.object({
  reference: z.string(),
  civility: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: isoDateSchema,
  email: nullableText,
  phoneHome: nullableText,
  phoneMobile: nullableText,
  phoneWork: nullableText,
  /** Numéro d'allocataire CAF; null = "Non renseigné". */
  cafNumber: nullableText,
  paperless: z.boolean(),
  paperlessSince: isoDateTimeSchema.nullable(),
});


export const dossierDataSchema = z.object({
  number: z.string(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  /** "prélevé le 3 de chaque échéance"; null without direct debit. */
  directDebitDay: z.number().int().nullable(),
  /** Positive: the tenant owes ("débiteur"); negative or zero: "créditeur". */
  balanceCents: centsSchema,
});
