/** NOUS CONTACTER: the landlord's contacts. */
import type { AreaRoutes } from '../lib/route-types';
import ContactPage from './ContactPage.svelte';

export const contactRoutes = [
  { slug: 'nous-contacter', page: 'contact', access: 'private', component: ContactPage, menu: 'contact' },
] as const satisfies AreaRoutes;
