/** ACCUEIL: the tenant's landing page once signed in. */
import type { AreaRoutes } from '../lib/route-types';
import { readHomeEarly } from './home-read';

export const homeRoutes = [
  { slug: 'accueil', page: 'home', access: 'private', words: ['home'], load: () => import('./HomePage.svelte'), readEarly: readHomeEarly, menu: 'home' },
] as const satisfies AreaRoutes;
