/** Mes documents (documents): the library, opening and saving a document, paperless on or off. */
import { z } from 'zod';
import { isoDateTime, deliverySchema } from '../view-parts';
import { type AreaProcedures, empty, procedure } from '../procedure';
import { writeQueuedSchema } from '../view-parts';

export const documentViewSchema = z.object({
  id: z.string(),
  dossierId: z.string(),
  kind: z.enum(['quittance', 'avis_echeance', 'recu']),
  period: z.string(),
  title: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  issuedAt: isoDateTime,
  /** The sum the document states, in cents; null when the landlord did not give it. */
  amountCents: z.number().int().nullable(),
  /** Kept on this PC: opens without a network. */
  offline: z.boolean(),
});


export const documentsViewSchema = z.object({
  paperless: z.object({ enabled: z.boolean(), since: isoDateTime.nullable(), delivery: deliverySchema }),
  dossiers: z.array(z.object({ id: z.string(), number: z.string(), documents: z.array(documentViewSchema) })),
});

export type DocumentsView = z.infer<typeof documentsViewSchema>;

export const paperlessInputSchema = z.object({ enabled: z.boolean() }).strict();

export const documentInputSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'fields.invalid') }).strict();


/** Where the renderer opens a document: the app's own URL for the verified offline copy. */
export const documentLocationSchema = z.object({ url: z.string() });

/** The documents area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const documentsProcedures = {
  'documents.get': procedure(empty, documentsViewSchema),
  'documents.open': procedure(documentInputSchema, documentLocationSchema),
  'documents.saveCopy': procedure(
    documentInputSchema,
    // 'unavailable': no save dialog here (browser preview: use a download link; kiosk: never).
    z.object({ result: z.enum(['saved', 'cancelled', 'unavailable']) }),
  ),
  'documents.setPaperless': procedure(paperlessInputSchema, writeQueuedSchema),
} as const satisfies AreaProcedures;
