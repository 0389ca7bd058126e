/**
 * Typed error codes shared by the bridge (renderer <-> main) and the Portal API.
 * The renderer turns a code into a sentence in the user's language (i18n key `errors.<code>`);
 * no stack trace or raw exception text ever crosses a process boundary.
 */
export const ERROR_CODES = [
  'VALIDATION', // input did not match the contract; `fields` says which and why
  'UNKNOWN_PROCEDURE', // the channel is not in the contract
  'FORBIDDEN_ORIGIN', // the caller's frame or origin is not the app's own
  'UNAUTHENTICATED', // no session, or it expired
  'INVALID_CREDENTIALS', // sign-in refused (never says whether the account exists)
  'THROTTLED', // too many attempts; retry later
  'OFFLINE', // the Portal API server cannot be reached
  'NOT_FOUND',
  'CONFLICT',
  'DATABASE_TOO_NEW', // the local cache was written by a newer version of the app
  'UNSENT_ITEMS', // sign-out asked while writes wait in the outbox; confirm to discard them
  'FORBIDDEN', // signed in, but this is not yours
  'IDEMPOTENCY_MISMATCH', // an outbox key was reused with another body (a bug: never retried)
  'PAYLOAD_TOO_LARGE', // an attachment over the size limit
  'UNSUPPORTED_MEDIA_TYPE', // an attachment that is not a PDF, JPEG or PNG (checked by content)
  'SERVER', // the Portal API answered an error we cannot recover from
  'INTERNAL', // a bug on our side; details are in the main-process log only
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Keys more precise than `errors.<code>` the Portal API sends for some refusals, with the numbers
 * of their sentence in `params` (the renderer adds the wait from `retryAfter` as {wait}): a daily
 * quota says its limit and when it resets, a conflict says what conflicted. Each has its words in
 * the renderer's dictionaries (`errorDetails.*`; tests/integration/server/error-keys.test.ts).
 */
export const ERROR_DETAIL_KEYS = [
  // THROTTLED by a daily quota (server/src/http/quotas.ts): { limit }.
  'errorDetails.quota.paymentsPerDay',
  'errorDetails.quota.requestsPerDay',
  'errorDetails.quota.messagesPerDay',
  'errorDetails.quota.changeRequestsPerDay',
  // { files, megabytes, limitFiles, limitMegabytes }.
  'errorDetails.quota.uploads',
  // CONFLICT: what conflicted.
  'errorDetails.conflict.requestClosed',
  'errorDetails.conflict.requestNotCancellable',
  'errorDetails.conflict.accountExists',
  'errorDetails.conflict.emailTaken',
  'errorDetails.conflict.paymentUnavailable',
  'errorDetails.conflict.paymentsExhausted',
  'errorDetails.conflict.idempotencyKeyTaken',
] as const;

export type ErrorDetailKey = (typeof ERROR_DETAIL_KEYS)[number];

/**
 * One field-level problem: `path` is the dotted field path, `message` an i18n key (fields.*),
 * `params` the numbers its sentence needs ({ max: 4000 } for 'fields.tooLong'). `fallback`: the
 * Portal API's own French sentence, shown (marked French) when this build has no words for the key.
 */
export interface FieldError {
  path: string;
  message: string;
  params?: Record<string, number>;
  fallback?: string;
}

export interface PortalErrorShape {
  code: ErrorCode;
  /** Field problems, for VALIDATION. */
  fields?: FieldError[];
  /** Seconds before a retry makes sense, for THROTTLED (and for a refused sign-in a pause follows). */
  retryAfter?: number;
  /** INVALID_CREDENTIALS: password tries left before a pause (0: the next failure pauses). */
  attemptsLeft?: number;
  /** The Portal API's precise key (ERROR_DETAIL_KEYS, or one this build does not know yet) and its numbers. */
  key?: string;
  params?: Record<string, number>;
  /** The Portal API's French sentence: what the renderer shows, marked French, for a key it has no words for. */
  message?: string;
}

/** Thrown in main-process services; the router turns it into a PortalErrorShape. */
export class PortalError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldError[];
  readonly retryAfter?: number;
  readonly attemptsLeft?: number;
  readonly detail?: Pick<PortalErrorShape, 'key' | 'params' | 'message'>;

  constructor(
    code: ErrorCode,
    options: { fields?: FieldError[]; retryAfter?: number; attemptsLeft?: number; detail?: Pick<PortalErrorShape, 'key' | 'params' | 'message'>; cause?: unknown } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'PortalError';
    this.code = code;
    this.fields = options.fields;
    this.retryAfter = options.retryAfter;
    this.attemptsLeft = options.attemptsLeft;
    this.detail = options.detail;
  }

  toShape(): PortalErrorShape {
    const shape: PortalErrorShape = { code: this.code };
    if (this.fields) shape.fields = this.fields;
    if (this.retryAfter !== undefined) shape.retryAfter = this.retryAfter;
    if (this.attemptsLeft !== undefined) shape.attemptsLeft = this.attemptsLeft;
    if (this.detail?.key !== undefined) shape.key = this.detail.key;
    if (this.detail?.params !== undefined) shape.params = this.detail.params;
    if (this.detail?.message !== undefined) shape.message = this.detail.message;
    return shape;
  }
}

/** What travels over IPC / the preview's HTTP for one call: never an exception. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: PortalErrorShape };
