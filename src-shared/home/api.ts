/** Accueil (home): the "Mes dernières actions" entries of the sync feed. */
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from '../api/common';

/** "Mes dernières actions". */
export const activityDataSchema = z.object({
  at: isoDateTimeSchema,
  kind: z.string(),
  label: z.string(),
  refId: uuidSchema.nullable(),
});
