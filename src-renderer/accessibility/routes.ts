/** The accessibility statement and the site map: for everyone, signed in or not (linked from the footer). */
import { EVERY_WORDS_AREA } from '../i18n/page-words';
import type { AreaRoutes } from '../lib/route-types';

export const accessibilityRoutes = [
  { slug: 'accessibilite', page: 'accessibility', access: 'any', words: ['accessibility'], load: () => import('./AccessibilityPage.svelte') },
  // The site map names every page by its title: it loads every area's words.
  { slug: 'plan-du-site', page: 'siteMap', access: 'any', words: EVERY_WORDS_AREA, load: () => import('./SiteMapPage.svelte') },
] as const satisfies AreaRoutes;
