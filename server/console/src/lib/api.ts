/**
 * The console's one way to the Portal API: `staffApi(name, { params, query, body })` with the
 * staff bearer token, paths from the route table (src-shared/api/routes.ts). A non-2xx answer
 * becomes an `ApiFailure` carrying the documented error shape (server/src/http/errors.ts).
 */
import { apiPath, API_ROUTES, type ApiRouteName } from '../../../../src-shared/api/routes';
import { session } from './session.svelte';

export interface FieldProblem {
  path: string;
  message: string;
  key?: string;
  params?: Record<string, number>;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  /** Sign-in and activation run before there is a token. */
  anonymous?: boolean;
}

function queryString(query: CallOptions['query']): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function failureOf(response: Response): Promise<ApiFailure> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; fields?: FieldProblem[]; retryAfter?: number } };
    const error = body.error ?? {};
    return new ApiFailure(response.status, error.code ?? 'INTERNAL', error.message ?? '', error.fields ?? [], error.retryAfter);
  } catch {
    return new ApiFailure(response.status, response.status >= 500 ? 'SERVER' : 'INTERNAL', '');
  }
}

export async function staffFetch(url: string, init: RequestInit = {}, anonymous = false): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!anonymous && session.token) headers.set('authorization', `Bearer ${session.token}`);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch {
    throw new ApiFailure(0, 'OFFLINE', '');
  }
  if (response.status === 401 && !anonymous) session.expired();
  return response;
}

export async function staffApi<T>(name: ApiRouteName, options: CallOptions = {}): Promise<T> {
  const route = API_ROUTES[name];
  const url = `${apiPath(name, options.params)}${queryString(options.query)}`;
  const init: RequestInit = { method: route.method };
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await staffFetch(url, init, options.anonymous);
  if (!response.ok) throw await failureOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A blob the staff member may see (a request's photo, a certificate), as an object URL for <img> or a link. */
export async function blobUrl(sha256: string): Promise<string> {
  const response = await staffFetch(apiPath('staffBlob', { sha256 }));
  if (!response.ok) throw await failureOf(response);
  return URL.createObjectURL(await response.blob());
}
