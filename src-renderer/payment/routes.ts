/** Payer en ligne: paying what is owed. */
import type { AreaRoutes } from '../lib/route-types';

export const paymentRoutes = [
  { slug: 'payer', page: 'payment', access: 'private', words: ['payment'], load: () => import('./PaymentPage.svelte') },
] as const satisfies AreaRoutes;
