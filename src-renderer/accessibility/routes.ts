/** The accessibility statement and the site map: for everyone, signed in or not (linked from the footer). */
import type { AreaRoutes } from '../lib/route-types';

export const accessibilityRoutes = [
  { slug: 'accessibilite', page: 'accessibility', access: 'any', load: () => import('./AccessibilityPage.svelte') },
  { slug: 'plan-du-site', page: 'siteMap', access: 'any', load: () => import('./SiteMapPage.svelte') },
] as const satisfies AreaRoutes;
