/** The UI languages: French first, English second. A primitive of its own, so that nothing imports the bridge for it. */
import { z } from 'zod';

export const localeSchema = z.enum(['fr', 'en']);

export type Locale = z.infer<typeof localeSchema>;
