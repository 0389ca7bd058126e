/** NOUS CONTACTER: the landlord's contacts. */
import type { AreaRoutes } from '../lib/route-types';

export const contactRoutes = [
  { slug: 'nous-contacter', page: 'contact', access: 'private', words: ['contact'], load: () => import('./ContactPage.svelte'), menu: 'contact' },
] as const satisfies AreaRoutes;
