import { errorResponseSchema, idempotencyHeadersSchema } from '../../../src-shared/api/common';
import { writeResultSchema } from '../../../src-shared/api/writes';

/** Error entries of a route's `response` map, for the OpenAPI document and serialization. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorResponseSchema> {
  return Object.fromEntries([...statuses, 500].map((s) => [s, errorResponseSchema]));
}

export const bearer = [{ bearerAuth: [] }];

/**
 * The schema parts every tenant write shares: bearer, Idempotency-Key, the write result and its
 * errors (429: the tenant's daily quota, http/quotas.ts).
 */
export const tenantWriteSchema = {
  security: bearer,
  headers: idempotencyHeadersSchema,
  response: { 201: writeResultSchema, 200: writeResultSchema, ...errorResponses(400, 401, 404, 409, 422, 429) },
};
