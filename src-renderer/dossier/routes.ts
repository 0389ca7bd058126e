/** MON DOSSIER: the tenant's identity and contact details, and their dossiers. */
import type { AreaRoutes } from '../lib/route-types';

export const dossierRoutes = [
  { slug: 'mon-dossier', page: 'dossier', access: 'private', words: ['dossier', 'contract', 'insurance'], load: () => import('./DossierPage.svelte'), menu: 'dossier' },
] as const satisfies AreaRoutes;
