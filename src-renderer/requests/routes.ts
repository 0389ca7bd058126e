/** MES DEMANDES: the list, one request (messages, cancel) and a new request (with a preset). */
import type { AreaRoutes } from '../lib/route-types';
import NewRequestPage from './NewRequestPage.svelte';
import RequestDetailPage from './RequestDetailPage.svelte';
import RequestsPage from './RequestsPage.svelte';

export const requestsRoutes = [
  { slug: 'mes-demandes', page: 'requests', access: 'private', component: RequestsPage, menu: 'requests' },
  { slug: 'demande/:id', page: 'request', access: 'private', component: RequestDetailPage },
  { slug: 'nouvelle-demande', page: 'newRequest', access: 'private', component: NewRequestPage },
  { slug: 'nouvelle-demande/:preset', page: 'newRequest', access: 'private', component: NewRequestPage },
] as const satisfies AreaRoutes;
