/** Payer en ligne: paying what is owed. */
import type { AreaRoutes } from '../lib/route-types';
import PaymentPage from './PaymentPage.svelte';

export const paymentRoutes = [
  { slug: 'payer', page: 'payment', access: 'private', component: PaymentPage },
] as const satisfies AreaRoutes;
