/** MON DOSSIER: the tenant's identity and contact details, and their dossiers. */
import type { AreaRoutes } from '../lib/route-types';
import DossierPage from './DossierPage.svelte';

export const dossierRoutes = [
  { slug: 'mon-dossier', page: 'dossier', access: 'private', component: DossierPage, menu: 'dossier' },
] as const satisfies AreaRoutes;
