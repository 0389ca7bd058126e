/**
 * PUT /v1/uploads/{uuid}: the raw file as the body (Content-Type application/pdf, image/jpeg,
 * image/png or application/octet-stream) with `X-Content-SHA256: <hex>`. The kind is checked
 * on the content (magic bytes), 10 MB at most. Same id + same content again: the same answer.
 *
 * GET /v1/blobs/{sha256}: the bytes, immutable, with ETag; only blobs the tenant may see.
 */
import { z } from 'zod';
import { MAX_UPLOAD_BYTES } from '../limits';
import { isoDateTimeSchema, sha256Schema, uuidSchema } from './common';

export { MAX_UPLOAD_BYTES };
export const UPLOAD_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type UploadMediaType = (typeof UPLOAD_MEDIA_TYPES)[number];

export const uploadParamsSchema = z.object({ id: uuidSchema });
export const uploadHeadersSchema = z.looseObject({ 'x-content-sha256': sha256Schema });

export const uploadResponseSchema = z.object({
  id: uuidSchema,
  sha256: sha256Schema,
  mediaType: z.enum(UPLOAD_MEDIA_TYPES),
  size: z.number().int(),
  createdAt: isoDateTimeSchema,
});
export type UploadResponse = z.infer<typeof uploadResponseSchema>;

export const blobParamsSchema = z.object({ sha256: sha256Schema });
