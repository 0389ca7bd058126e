/** MES DOCUMENTS: the list (and paperless choice) and the viewer of one document. */
import type { AreaRoutes } from '../lib/route-types';
import DocumentsPage from './DocumentsPage.svelte';
import DocumentViewerPage from './DocumentViewerPage.svelte';

export const documentsRoutes = [
  { slug: 'mes-documents', page: 'documents', access: 'private', component: DocumentsPage, menu: 'documents' },
  { slug: 'document/:sha256', page: 'document', access: 'private', component: DocumentViewerPage },
] as const satisfies AreaRoutes;
