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
  error?: { code?: string; key?: unknown; params?: unknown; message?: unknown; fields?: (FieldError & { key?: string })[]; attemptsLeft?: unknown };
}

/** The numbers of a server's params (anything else is dropped), or undefined when there are none. */
function numbersOf(params: unknown): Record<string, number> | undefined {
  if (!params || typeof params !== 'object') return undefined;
  const numbers = Object.entries(params).filter(([, value]) => typeof value === 'number' && Number.isFinite(value));
  return numbers.length > 0 ? Object.fromEntries(numbers) : undefined;
}

const sentence = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * The server's key and its numbers (worded by the renderer in the tenant's language), with its
 * French sentence as the fallback for a key this build has no words for; else the sentence alone.
 */
function fieldFromServer(field: FieldError & { key?: string }): FieldError {
  const fallback = sentence(field.message);
  if (!field.key) return { path: field.path, message: fallback ?? 'fields.invalid' };
  const params = numbersOf(field.params);
  return { path: field.path, message: field.key, ...(params ? { params } : {}), ...(fallback ? { fallback } : {}) };
}

/**
 * The error's precise key (a quota, a conflict), its numbers and its French sentence, which the
 * renderer shows for a key it has no words for; nothing when the key is just `errors.<code>`.
 */
function detailFromServer(code: ErrorCode, body: ServerErrorBody): { key: string; params?: Record<string, number>; message?: string } | undefined {
  const key = body.error?.key;
  if (typeof key !== 'string' || !/^[\w.]+$/.test(key) || key === `errors.${code}`) return undefined;
  const params = numbersOf(body.error?.params);
  const message = sentence(body.error?.message);
  return { key, ...(params ? { params } : {}), ...(message ? { message } : {}) };
}

function errorCodeFrom(status: number, body: ServerErrorBody): ErrorCode {
  const code = body.error?.code;
  if (code && (ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 403) return 'FORBIDDEN';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 422) return 'IDEMPOTENCY_MISMATCH';
  if (status === 429) return 'THROTTLED';
  if (status === 400) return 'VALIDATION';
  return 'SERVER';
}

export interface DownloadProgress {
  received: number;
  /** From Content-Length; null when the server did not say. */
  total: number | null;
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

    if (!response.ok) throw this.failure(response, body, `${options.method ?? 'GET'} ${path}`);

    const parsed = options.response.safeParse(body);
    if (!parsed.success) {
      throw new PortalError('SERVER', { cause: new Error(`${path}: answer outside the API contract`) });
    }
    return parsed.data;
  }

  /** PUT of raw bytes (attachments: PUT /v1/uploads/{id} with their SHA-256). */
  async upload<T extends z.ZodType>(
    path: string,
    options: { bytes: Uint8Array; mediaType: string; sha256: string; accessToken: string; response: T },
  ): Promise<z.output<T>> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method: 'PUT',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${options.accessToken}`,
          'content-type': options.mediaType,
          'x-content-sha256': options.sha256,
        },
        // A copy on a plain ArrayBuffer: what fetch's BodyInit accepts under both DOM and Node types.
        body: options.bytes.slice(),
        // Large photos on a slow line: more time than a JSON call.
        signal: AbortSignal.timeout(this.timeoutMs * 8),
      });
    } catch (cause) {
      throw new PortalError('OFFLINE', { cause });
    }
    const body = await response.json().catch(() => undefined);
    if (!response.ok) throw this.failure(response, body, `PUT ${path}`);
    const parsed = options.response.safeParse(body);
    if (!parsed.success) throw new PortalError('SERVER', { cause: new Error(`${path}: answer outside the API contract`) });
    return parsed.data;
  }

  /** GET of raw bytes (documents: GET /v1/blobs/{sha256}), reporting progress. */
  async download(
    path: string,
    options: { accessToken: string; onProgress?: (progress: DownloadProgress) => void },
  ): Promise<Uint8Array> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${options.accessToken}` },
        signal: AbortSignal.timeout(this.timeoutMs * 8),
      });
    } catch (cause) {
      throw new PortalError('OFFLINE', { cause });
    }
    if (!response.ok || !response.body) {
      throw this.failure(response, await response.json().catch(() => undefined), `GET ${path}`);
    }
    const length = Number(response.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        options.onProgress?.({ received, total });
      }
    } catch (cause) {
      throw new PortalError('OFFLINE', { cause });
    }
    return Buffer.concat(chunks);
  }

  private failure(response: Response, body: unknown, what: string): PortalError {
    const errorBody = (body ?? {}) as ServerErrorBody;
    const retryAfter = Number(response.headers.get('retry-after'));
    const attemptsLeft = errorBody.error?.attemptsLeft;
    const code = errorCodeFrom(response.status, errorBody);
    return new PortalError(code, {
      // The server's key (worded by the renderer in the tenant's language), else its French sentence.
      fields: Array.isArray(errorBody.error?.fields) ? errorBody.error.fields.map(fieldFromServer) : undefined,
      retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      attemptsLeft: Number.isInteger(attemptsLeft) && (attemptsLeft as number) >= 0 ? (attemptsLeft as number) : undefined,
      detail: detailFromServer(code, errorBody),
      cause: new Error(`${what} -> HTTP ${response.status}`),
    });
  }
}
