/** Nous contacter (contact): the tenant's residence contact as the sync feed carries it (issue 19). */
import { z } from 'zod';
import { uuidSchema } from '../api/common';

/**
 * One row per dossier that belongs to a residence (its id is the dossier's): the residence's
 * caretaker and on-call arrangement, as the landlord wrote them (French). A dossier without a
 * residence has no row; "Nous contacter" then shows the landlord's own contacts.
 */
export const residenceDataSchema = z.object({
  dossierId: uuidSchema,
  /** The residence's name ("Résidence Les Tilleuls"). */
  name: z.string(),
  caretakerName: z.string().nullable(),
  caretakerPhone: z.string().nullable(),
  caretakerHours: z.string().nullable(),
  lodgeAddress: z.string().nullable(),
  onCallPhone: z.string().nullable(),
  onCallHours: z.string().nullable(),
});
export type ResidenceData = z.infer<typeof residenceDataSchema>;
