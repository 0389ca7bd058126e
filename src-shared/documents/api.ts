/** Mes documents (documents): the HTTP contract (document rows of the feed, the paperless body). */
import { z } from 'zod';
import { uuidSchema, sha256Schema, isoDateTimeSchema } from '../api/common';

/** Paperless rent notices: "Arrêter la souscription de ce service" / subscribe again. */
export const paperlessBodySchema = z.object({ enabled: z.boolean() });

export type PaperlessBody = z.infer<typeof paperlessBodySchema>;


export const documentDataSchema = z.object({
  dossierId: uuidSchema,
  kind: z.enum(['quittance', 'avis_echeance', 'recu']),
  period: z.string(),
  title: z.string(),
  /** Fetch from /v1/blobs/{sha256}; verify the hash before keeping the file. */
  sha256: sha256Schema,
  size: z.number().int(),
  issuedAt: isoDateTimeSchema,
  /** The sum the document states, in cents (null: not known); absent in rows cached before it existed. */
  amountCents: z.number().int().nullable().default(null),
});
