/** Mon assurance: the home-insurance certificate wizard (reached from MON DOSSIER and ACCUEIL). */
import type { AreaRoutes } from '../lib/route-types';
import InsurancePage from './InsurancePage.svelte';

export const insuranceRoutes = [
  { slug: 'mon-assurance', page: 'insurance', access: 'private', component: InsurancePage },
] as const satisfies AreaRoutes;
