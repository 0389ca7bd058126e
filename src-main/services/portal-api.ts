/**
 * HTTP client of the Portal API server, for the main process only (tokens never reach the
 * renderer). Turns every transport or server failure into a PortalError with a code the UI can
 * explain: OFFLINE when the server cannot be reached, THROTTLED with its wait, VALIDATION with the
 * server's field errors, and so on.
 */
import type { z } from 'zod';
import { ERROR_CODES, PortalError, type ErrorCode, type FieldError } from '../../src-shared/errors';

export interface PortalApiOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:8787 (no trailing /v1). */
  baseUrl: string;
  /** Milliseconds before a request is abandoned and counted as offline. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface RequestOptions<T extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  body?: unknown;
  accessToken?: string;
  idempotencyKey?: string;
  /** Schema of a successful answer; the answer is refused if it does not match. */
  response: T;
}

interface ServerErrorBody {
  error?: { code?: string; fields?: FieldError[] };
}

function errorCodeFrom(status: number, body: ServerErrorBody): ErrorCode {
  const code = body.error?.code;
  if (code && (ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 429) return 'THROTTLED';
  if (status === 400) return 'VALIDATION';
  return 'SERVER';
}

export class PortalApi {
  readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor({ baseUrl, timeoutMs = 15_000, fetch: fetchImpl = fetch }: PortalApiOptions) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs;
    this.fetchImpl = fetchImpl;
  }

  async request<T extends z.ZodType>(path: string, options: RequestOptions<T>): Promise<z.output<T>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.accessToken) headers.authorization = `Bearer ${options.accessToken}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw new PortalError('OFFLINE', { cause });
    }

    const text = await response.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }

    if (!response.ok) {
      const errorBody = (body ?? {}) as ServerErrorBody;
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new PortalError(errorCodeFrom(response.status, errorBody), {
        fields: Array.isArray(errorBody.error?.fields) ? errorBody.error.fields : undefined,
        retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        cause: new Error(`${options.method ?? 'GET'} ${path} -> HTTP ${response.status}`),
      });
    }

    const parsed = options.response.safeParse(body);
    if (!parsed.success) {
      throw new PortalError('SERVER', { cause: new Error(`${path}: answer outside the API contract`) });
    }
    return parsed.data;
  }
}
