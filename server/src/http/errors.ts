/**
 * API errors: one JSON shape `{ error: { code, message, fields?, retryAfter? } }` for every
 * non-2xx answer, never a stack trace. Field messages are French sentences (older clients, the HTML
 * link pages); every field problem also carries `key`, an i18n key of FIELD_MESSAGE_KEYS, and the
 * numbers of its sentence in `params`, which the desktop words in the tenant's language.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorResponseSchema, type ApiErrorCode, type ErrorResponse } from '../../../src-shared/api/common';
import { MAX_UPLOAD_BYTES } from '../../../src-shared/limits';
import type { ErrorDetailKey } from '../../../src-shared/errors';
import type { FieldMessageKey } from '../../../src-shared/validation/schemas';

export interface FieldProblem {
  path: string;
  /** French, for older clients and the HTML link pages. */
  message: string;
  /**
   * The same problem as an i18n key, worded by the desktop in the tenant's language. Every
   * tenant-facing check sets one; the staff tools' CSV problems (read in French by the office)
   * leave it out and are sent as 'fields.invalid'.
   */
  key?: FieldMessageKey;
  params?: Record<string, number>;
}

/** HTTP status per code; codes of the desktop bridge only (not listed) would be 500. */
const STATUS: Partial<Record<ApiErrorCode, number>> = {
  VALIDATION: 400,
  UNKNOWN_PROCEDURE: 404,
  FORBIDDEN_ORIGIN: 403,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  THROTTLED: 429,
  OFFLINE: 503,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DATABASE_TOO_NEW: 409,
  SERVER: 500,
  INTERNAL: 500,
  IDEMPOTENCY_MISMATCH: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
};

const DEFAULT_MESSAGES: Partial<Record<ApiErrorCode, string>> = {
  VALIDATION: 'Certains champs sont invalides.',
  UNAUTHENTICATED: 'Veuillez vous connecter.',
  INVALID_CREDENTIALS: 'Adresse mail ou mot de passe incorrect.',
  THROTTLED: 'Trop de tentatives. Veuillez réessayer plus tard.',
  NOT_FOUND: 'Ressource introuvable.',
  CONFLICT: 'Cette opération est en conflit avec l\'état actuel.',
  INTERNAL: 'Une erreur inattendue est survenue.',
  IDEMPOTENCY_MISMATCH: 'Cette clé d\'idempotence a déjà servi pour une autre requête.',
  PAYLOAD_TOO_LARGE: `Le fichier dépasse la taille maximale autorisée (${MAX_UPLOAD_BYTES / (1024 * 1024)} Mo).`,
  UNSUPPORTED_MEDIA_TYPE: 'Seuls les fichiers PDF, JPEG et PNG sont acceptés.',
  FORBIDDEN: 'Accès refusé.',
};

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly fields?: FieldProblem[];
  readonly retryAfter?: number;
  readonly attemptsLeft?: number;
  /** A key more precise than `errors.<code>` (a quota's limit, what conflicted), with its numbers. */
  readonly key?: ErrorDetailKey;
  readonly params?: Record<string, number>;

  constructor(
    code: ApiErrorCode,
    options: { message?: string; fields?: FieldProblem[]; retryAfter?: number; attemptsLeft?: number; key?: ErrorDetailKey; params?: Record<string, number> } = {},
  ) {
    super(options.message ?? DEFAULT_MESSAGES[code] ?? code);
    this.name = 'ApiError';
    this.code = code;
    this.status = STATUS[code] ?? 500;
    this.fields = options.fields?.map((field) => (field.key ? field : { ...field, key: 'fields.invalid' }));
    this.retryAfter = options.retryAfter;
    this.attemptsLeft = options.attemptsLeft;
    this.key = options.key;
    this.params = options.params;
  }

  toBody(): ErrorResponse {
    // `key`: the desktop words the error in the tenant's language: the precise key, else the code's (errors.<code>).
    const error: ErrorResponse['error'] = { code: this.code, key: this.key ?? `errors.${this.code}`, message: this.message };
    if (this.params) error.params = this.params;
    if (this.fields) error.fields = this.fields;
    if (this.retryAfter !== undefined) error.retryAfter = this.retryAfter;
    if (this.attemptsLeft !== undefined) error.attemptsLeft = this.attemptsLeft;
    return { error };
  }
}

export function validationError(fields: FieldProblem[]): ApiError {
  return new ApiError('VALIDATION', { fields });
}

/** The largest JSON body a route takes unless it sets its own (`bodyLimit` of buildServer). */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * French messages for the client errors Fastify itself raises before a route runs (body parsing,
 * URL decoding), by Fastify error code; each is a 400 in the documented error shape.
 */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Le corps de la requête n\'est pas un JSON valide.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Le corps de la requête est vide alors qu\'il est annoncé en JSON.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'La taille du corps de la requête ne correspond pas à son en-tête Content-Length.',
  FST_ERR_BAD_URL: 'Adresse invalide.',
  FST_ERR_MAX_PARAM_LENGTH: 'Adresse invalide : un paramètre est trop long.',
};

/** "1 Mo", "64 Ko". */
function sizeInFrench(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} Mo` : `${Math.round(bytes / 1024)} Ko`;
}

/** Any error reaching Fastify's error handler, as the ApiError the client receives. */
function toApiError(err: FastifyError, request: FastifyRequest): ApiError {
  if (err instanceof ApiError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext === 'body' || !err.validationContext ? '' : `${err.validationContext}.`;
    return validationError(
      err.validation.map((issue) => {
        // The key and params frenchValidatorCompiler took from the shared zod mapping.
        const { key, params } = issue.params as { key?: FieldMessageKey; params?: Record<string, number> };
        const problem: FieldProblem = {
          path: where + issue.instancePath.replace(/^\//, '').replace(/\//g, '.'),
          message: issue.message ?? 'Valeur invalide',
          key: key ?? 'fields.invalid',
        };
        if (params) problem.params = params;
        return problem;
      }),
    );
  }
  if (isResponseSerializationError(err)) {
    request.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema');
    return new ApiError('INTERNAL');
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const limit = request.routeOptions.bodyLimit ?? JSON_BODY_LIMIT;
    // Uploads keep the message about a file; any other body is a request that is too large.
    return limit >= MAX_UPLOAD_BYTES
      ? new ApiError('PAYLOAD_TOO_LARGE')
      : new ApiError('PAYLOAD_TOO_LARGE', { message: `La requête dépasse la taille maximale autorisée (${sizeInFrench(limit)}).` });
  }
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ApiError('UNSUPPORTED_MEDIA_TYPE', { message: 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).' });
  }
  const frameworkMessage = FRAMEWORK_MESSAGES[err.code];
  // The JSON parser reports a syntax error (or a forbidden __proto__ key) as a SyntaxError with status 400.
  if (frameworkMessage || (err instanceof SyntaxError && err.statusCode === 400)) {
    return new ApiError('VALIDATION', { message: frameworkMessage ?? FRAMEWORK_MESSAGES.FST_ERR_CTP_INVALID_JSON_BODY });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Any other client error of Fastify's own: a generic validation error.
    return new ApiError('VALIDATION', { message: 'Requête invalide.' });
  }
  request.log.error({ err }, 'unhandled error');
  return new ApiError('INTERNAL');
}

function sendApiError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const apiError = toApiError(err, request);
  if (apiError.retryAfter !== undefined) void reply.header('retry-after', String(apiError.retryAfter));
  void reply.code(apiError.status).send(apiError.toBody());
}

/**
 * Errors Node's HTTP parser finds before Fastify sees a request (a control character in a header,
 * a malformed request line, headers too large, a request too slow): Fastify would write its own
 * body; this writes the documented error shape on the socket instead.
 */
function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let error = new ApiError('VALIDATION', { message: 'Requête HTTP invalide (un en-tête contient peut-être un caractère invisible).' });
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    error = new ApiError('VALIDATION', { message: 'La requête a mis trop de temps à arriver.' });
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    error = new ApiError('PAYLOAD_TOO_LARGE', { message: 'Les en-têtes de la requête sont trop volumineux.' });
  }
  this.log.debug({ err }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(error.toBody());
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Fastify options that send its framework errors (bad URL, parser errors) in the documented shape. */
export const errorShapeOptions = {
  clientErrorHandler,
  frameworkErrors: (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => sendApiError(err, request, reply),
};

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Documents on every route the answers Fastify itself can give whatever the route (onRoute hook):
 * 400 (a malformed URL, query or body), 413 and 415 where a body is read, 500. A route that
 * answers them in another shape (the bank's IPN, in text) declares them itself and keeps its own.
 */
export function documentFrameworkErrors(route: RouteOptions): void {
  const schema = route.schema as { hide?: boolean; response?: Record<string | number, unknown> } | undefined;
  if (!schema || schema.hide) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const statuses = [400, 500, ...(methods.some((m) => BODY_METHODS.has(m)) ? [413, 415] : [])];
  const response = (schema.response ??= {});
  for (const status of statuses) response[status] ??= errorResponseSchema;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(new ApiError('NOT_FOUND').toBody());
  });
  app.setErrorHandler(sendApiError);
  // JSON only: without this, Fastify reads a text/plain body as a string, which then fails the
  // route's schema with a confusing message; now it is a clear 415.
  app.removeContentTypeParser('text/plain');
}
