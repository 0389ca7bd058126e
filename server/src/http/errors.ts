/**
 * API errors: one JSON shape `{ error: { code, message, fields?, retryAfter? } }` for every
 * non-2xx answer, never a stack trace. Field messages are French sentences; where the problem has
 * an i18n key of the desktop (FIELD_MESSAGE_KEYS), `key` carries it too.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ApiErrorCode, ErrorResponse } from '../../../src-shared/api/common';
import { MAX_UPLOAD_BYTES } from '../../../src-shared/limits';
import type { FieldMessageKey } from '../../../src-shared/validation/schemas';

export interface FieldProblem {
  path: string;
  /** French, for older clients and the HTML link pages. */
  message: string;
  /** The same problem as an i18n key, worded by the desktop in the tenant's language. */
  key?: FieldMessageKey;
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

  constructor(code: ApiErrorCode, options: { message?: string; fields?: FieldProblem[]; retryAfter?: number } = {}) {
    super(options.message ?? DEFAULT_MESSAGES[code] ?? code);
    this.name = 'ApiError';
    this.code = code;
    this.status = STATUS[code] ?? 500;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
  }

  toBody(): ErrorResponse {
    const error: ErrorResponse['error'] = { code: this.code, message: this.message };
    if (this.fields) error.fields = this.fields;
    if (this.retryAfter !== undefined) error.retryAfter = this.retryAfter;
    return { error };
  }
}

export function validationError(fields: FieldProblem[]): ApiError {
  return new ApiError('VALIDATION', { fields });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(new ApiError('NOT_FOUND').toBody());
  });

  app.setErrorHandler((err: FastifyError, request, reply) => {
    let apiError: ApiError;
    if (err instanceof ApiError) {
      apiError = err;
    } else if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext === 'body' || !err.validationContext ? '' : `${err.validationContext}.`;
      apiError = validationError(
        err.validation.map((issue) => ({
          path: where + issue.instancePath.replace(/^\//, '').replace(/\//g, '.'),
          message: issue.message ?? 'Valeur invalide',
        })),
      );
    } else if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema');
      apiError = new ApiError('INTERNAL');
    } else if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      apiError = new ApiError('PAYLOAD_TOO_LARGE');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      apiError = new ApiError('UNSUPPORTED_MEDIA_TYPE', { message: 'Type de contenu non pris en charge.' });
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Fastify's own client errors (malformed JSON, empty body...): a generic validation error.
      apiError = new ApiError('VALIDATION', { message: 'Requête invalide.' });
    } else {
      request.log.error({ err }, 'unhandled error');
      apiError = new ApiError('INTERNAL');
    }
    if (apiError.retryAfter !== undefined) void reply.header('retry-after', String(apiError.retryAfter));
    void reply.code(apiError.status).send(apiError.toBody());
  });
}
