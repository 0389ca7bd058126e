/** Mon assurance: the home-insurance certificate wizard (reached from MON DOSSIER and ACCUEIL). */
import type { AreaRoutes } from '../lib/route-types';

export const insuranceRoutes = [
  { slug: 'mon-assurance', page: 'insurance', access: 'private', words: ['insurance', 'dossier'], load: () => import('./InsurancePage.svelte') },
] as const satisfies AreaRoutes;
