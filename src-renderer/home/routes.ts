/** ACCUEIL: the tenant's landing page once signed in. */
import type { AreaRoutes } from '../lib/route-types';
import HomePage from './HomePage.svelte';

export const homeRoutes = [
  { slug: 'accueil', page: 'home', access: 'private', component: HomePage, menu: 'home' },
] as const satisfies AreaRoutes;
