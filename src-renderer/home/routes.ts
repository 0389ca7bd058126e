/** ACCUEIL: the tenant's landing page once signed in. */
import type { AreaRoutes } from '../lib/route-types';

export const homeRoutes = [
  { slug: 'accueil', page: 'home', access: 'private', load: () => import('./HomePage.svelte'), menu: 'home' },
] as const satisfies AreaRoutes;
