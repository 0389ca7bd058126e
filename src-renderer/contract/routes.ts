/** MON CONTRAT: the tenant's contracts and their occupants. */
import type { AreaRoutes } from '../lib/route-types';

export const contractRoutes = [
  { slug: 'mon-contrat', page: 'contract', access: 'private', words: ['contract'], load: () => import('./ContractPage.svelte'), menu: 'contract' },
] as const satisfies AreaRoutes;
