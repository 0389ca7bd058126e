/** MES DEMANDES: the list, one request (messages, cancel) and a new request (with a preset). */
import type { AreaRoutes } from '../lib/route-types';

export const requestsRoutes = [
  { slug: 'mes-demandes', page: 'requests', access: 'private', words: ['requests'], load: () => import('./RequestsPage.svelte'), menu: 'requests' },
  { slug: 'demande/:id', page: 'request', access: 'private', words: ['requests'], load: () => import('./RequestDetailPage.svelte') },
  { slug: 'nouvelle-demande', page: 'newRequest', access: 'private', words: ['requests'], load: () => import('./NewRequestPage.svelte') },
  { slug: 'nouvelle-demande/:preset', page: 'newRequest', access: 'private', words: ['requests'], load: () => import('./NewRequestPage.svelte') },
] as const satisfies AreaRoutes;
