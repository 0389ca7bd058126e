import { errorResponseSchema } from '../../../src-shared/api/common';

/** Error entries of a route's `response` map, for the OpenAPI document and serialization. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorResponseSchema> {
  return Object.fromEntries([...statuses, 500].map((s) => [s, errorResponseSchema]));
}

export const bearer = [{ bearerAuth: [] }];
