/** The accessibility statement: for everyone, signed in or not (linked from the footer). */
import type { AreaRoutes } from '../lib/route-types';
import AccessibilityPage from './AccessibilityPage.svelte';

export const accessibilityRoutes = [
  { slug: 'accessibilite', page: 'accessibility', access: 'any', component: AccessibilityPage },
] as const satisfies AreaRoutes;
