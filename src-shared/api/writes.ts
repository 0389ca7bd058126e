/**
 * Idempotent writes. Every POST here needs `Idempotency-Key: <uuid>`: the outbox row's UUID,
 * which also becomes the id of the entity created. The server stores the first answer per key
 * and replays it (header `Idempotent-Replayed: true`); the same key with another body -> 422
 * IDEMPOTENCY_MISMATCH. Results arrive in the sync feed; the answer only says id + version.
 *
 * Attachments and photos are uploaded first (PUT /v1/uploads/{uuid}, see uploads.ts) and
 * referred to by upload id.
 */
import { z } from 'zod';
import { uuidSchema } from './common';

export const writeResultSchema = z.object({
  /** The new (or changed) entity's id. */
  id: uuidSchema,
  /** The tenant's sync version that contains this write. */
  version: z.number().int(),
});
export type WriteResult = z.infer<typeof writeResultSchema>;
