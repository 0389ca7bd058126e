/** MA SITUATION DE SOLDE: balance, ledger, bank details, and the RIB change wizard. */
import type { AreaRoutes } from '../lib/route-types';

export const balanceRoutes = [
  { slug: 'ma-situation-de-solde', page: 'balance', access: 'private', words: ['balance'], load: () => import('./BalancePage.svelte'), menu: 'balance' },
  { slug: 'mettre-a-jour-rib', page: 'bankDetails', access: 'private', words: ['balance'], load: () => import('./BankDetailsPage.svelte') },
] as const satisfies AreaRoutes;
