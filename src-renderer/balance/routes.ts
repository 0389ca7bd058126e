/** MA SITUATION DE SOLDE: balance, ledger, bank details, and the RIB change wizard. */
import type { AreaRoutes } from '../lib/route-types';
import BalancePage from './BalancePage.svelte';
import BankDetailsPage from './BankDetailsPage.svelte';

export const balanceRoutes = [
  { slug: 'ma-situation-de-solde', page: 'balance', access: 'private', component: BalancePage, menu: 'balance' },
  { slug: 'mettre-a-jour-rib', page: 'bankDetails', access: 'private', component: BankDetailsPage },
] as const satisfies AreaRoutes;
