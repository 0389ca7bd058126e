/** MON CONTRAT: the tenant's contracts and their occupants. */
import type { AreaRoutes } from '../lib/route-types';
import ContractPage from './ContractPage.svelte';

export const contractRoutes = [
  { slug: 'mon-contrat', page: 'contract', access: 'private', component: ContractPage, menu: 'contract' },
] as const satisfies AreaRoutes;
