/** The accessibility statement and the site map: for everyone, signed in or not (linked from the footer). */
import type { AreaRoutes } from '../lib/route-types';
import AccessibilityPage from './AccessibilityPage.svelte';
import SiteMapPage from './SiteMapPage.svelte';

export const accessibilityRoutes = [
  { slug: 'accessibilite', page: 'accessibility', access: 'any', component: AccessibilityPage },
  { slug: 'plan-du-site', page: 'siteMap', access: 'any', component: SiteMapPage },
] as const satisfies AreaRoutes;
