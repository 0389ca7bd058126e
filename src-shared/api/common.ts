/**
 * Building blocks of the Portal HTTP API contract (/v1). Pure TypeScript + zod: no Node, no DOM,
 * so the desktop main process imports the same schemas the server validates with.
 *
 * Conventions: amounts are integer cents; dates are ISO `YYYY-MM-DD`; instants are ISO 8601 UTC;
 * ids are UUIDs. Field error messages are French sentences written by the server, each with an
 * i18n `key` (and `params`) the desktop words in the tenant's language.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../errors';

export const uuidSchema = z.uuid();
/**
 * Calendar date, `YYYY-MM-DD` (the desktop converts from and to `jj/mm/aaaa`), of the years 1900
 * to 2199: no date of a tenancy lies outside, and PostgreSQL refuses the year 0000 (a tenant or a
 * ledger line dated 0000-01-01 answered 500).
 */
// zod runs a refinement even when the format check failed: only judge the range of a well-formed
// date, so "01/01/1970" is told its format, not that it is out of range.
const WELL_FORMED_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isoDateSchema = z.iso
  .date()
  .refine((date) => !WELL_FORMED_DATE.test(date) || (date >= '1900-01-01' && date <= '2199-12-31'), {
    message: 'Date hors limites (entre 1900 et 2199)',
    params: { key: 'fields.date.outOfRange' },
  });
/** Instant, ISO 8601 with offset (the server always answers in UTC, `...Z`). */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
/** Integer number of euro cents (may be negative for balances). */
export const centsSchema = z.number().int();
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'Empreinte SHA-256 invalide');
export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

/**
 * `message`: a French sentence (what older clients show); `key`: the same problem as an i18n key
 * of FIELD_MESSAGE_KEYS ('fields.iban.checksum'), which the desktop words in the tenant's language,
 * with `params` for its numbers. Every field problem the server sends has a key.
 */
export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  key: z.string().optional(),
  /** The numbers the key's sentence needs ({ max: 4000 } for 'fields.tooLong'). */
  params: z.record(z.string(), z.number()).optional(),
});

/** Every non-2xx answer of the API. `code` is one of src-shared/errors.ts ERROR_CODES. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    /**
     * The i18n key the desktop words the error with (the message is French): `errors.<code>`, or
     * a precise one of ERROR_DETAIL_KEYS (a quota's limit, what conflicted) with its `params`.
     */
    key: z.string().optional(),
    params: z.record(z.string(), z.number()).optional(),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
    retryAfter: z.number().int().optional(),
    /** INVALID_CREDENTIALS: password tries left before a pause (from this device's address). */
    attemptsLeft: z.number().int().min(0).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
export type ApiErrorCode = ErrorResponse['error']['code'];

/** Answer of endpoints that must not reveal whether an account exists (recovery). */
export const acceptedResponseSchema = z.object({ status: z.literal('accepted') });
export type AcceptedResponse = z.infer<typeof acceptedResponseSchema>;

export const okResponseSchema = z.object({ status: z.literal('ok') });

/** Header carried by every idempotent write: the outbox row's UUID. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const idempotencyHeadersSchema = z.looseObject({ 'idempotency-key': uuidSchema });
export const text = (max: number) => z.string().trim().min(1, 'Champ obligatoire').max(max);

export const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();


export const nullableText = z.string().nullable();
