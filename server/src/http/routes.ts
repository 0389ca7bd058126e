/**
 * Where a route's method and path come from: the route table (src-shared/api/routes.ts), so every
 * Portal API path is written once and the server cannot drift from the desktop's client.
 */
import { API_ROUTES, type ApiRouteName } from '../../../src-shared/api/routes';

/** `app.route({ ...endpoint('createRequest'), schema, handler })`: the table's method and path. */
export function endpoint<N extends ApiRouteName>(name: N): { method: (typeof API_ROUTES)[N]['method']; url: (typeof API_ROUTES)[N]['path'] } {
  const { method, path } = API_ROUTES[name];
  return { method, url: path };
}

/**
 * The only routes under /v1 that are not in the route table: pages and documents for a browser,
 * not calls of the desktop's client, hidden from the OpenAPI document. The bank sends the tenant
 * back to the return page (its URL is in the signed payment form, so it keeps its place under
 * /v1), and the OpenAPI document describes the table itself.
 */
export const V1_HIDDEN_PAGES = {
  paymentReturn: '/payments/return',
  openapi: '/openapi.json',
} as const;
