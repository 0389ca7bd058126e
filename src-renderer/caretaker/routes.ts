/** The caretaker's space (issue 19): the staff sign-in and the residences' technical requests. */
import type { AreaRoutes } from '../lib/route-types';

export const caretakerRoutes = [
  // 'any': the lodge PC may have a tenant signed in or not; the caretaker's own session is separate.
  { slug: 'espace-gardien', page: 'caretaker', access: 'any', words: ['caretaker', 'requests'], load: () => import('./CaretakerPage.svelte') },
  { slug: 'espace-gardien/demande/:id', page: 'caretakerRequest', access: 'any', words: ['caretaker', 'requests'], load: () => import('./CaretakerRequestPage.svelte') },
] as const satisfies AreaRoutes;
