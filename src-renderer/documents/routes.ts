/** MES DOCUMENTS: the list (and paperless choice) and the viewer of one document. */
import type { AreaRoutes } from '../lib/route-types';

export const documentsRoutes = [
  { slug: 'mes-documents', page: 'documents', access: 'private', words: ['documents'], load: () => import('./DocumentsPage.svelte'), menu: 'documents' },
  { slug: 'document/:sha256', page: 'document', access: 'private', words: ['documents'], load: () => import('./DocumentViewerPage.svelte') },
] as const satisfies AreaRoutes;
