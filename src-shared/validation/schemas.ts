/**
 * Zod schemas over the validators, for the bridge contract, the Portal API and the forms.
 *
 * Every message is an i18n KEY under `fields.` (see errors.ts: FieldError.message), never a
 * sentence: the renderer words it in the user's language. All keys these schemas can emit are
 * listed in FIELD_MESSAGE_KEYS so the i18n catalogue can be checked against them.
 *
 * The phone schemas live in phone-schemas.ts, so that a form without a phone field does not
 * load the phone library and its metadata.
 *
 * Schemas that have a canonical form output it (IBAN without spaces, E.164 phone, ISO date,
 * cents), so services never see what was typed. Those are transforms: fine for inputs and for
 * OpenAPI generation in input mode.
 */

import { z } from 'zod';
import { parisDate, systemClock } from '../clock';
import { parseEurosInput, type EurosInputFailure } from '../format/money';
import { validateBic, type BicFailure } from './bic';
import { checkBirthDate, isValidIsoDate, parseFrenchDate, type BirthDateFailure, type FrenchDateFailure } from './dates';
import { validateIban, type IbanFailure } from './iban';
import { checkPassword } from './password';
import type { PhoneFailure } from './phone';
import { createTenantReferenceValidator, type TenantReferenceValidator } from './tenant-reference';

type Keys<Prefix extends string, Reason extends string> = `${Prefix}.${Reason}`;

export const FIELD_MESSAGE_KEYS = [
  'fields.required',
  'fields.invalid',
  'fields.iban.format',
  'fields.iban.country',
  'fields.iban.length',
  'fields.iban.checksum',
  'fields.bic.length',
  'fields.bic.format',
  'fields.phone.format',
  'fields.phone.length',
  'fields.phone.prefix',
  'fields.password.weak',
  'fields.password.tooLong',
  'fields.date.format',
  'fields.date.invalid',
  'fields.birthDate.future',
  'fields.birthDate.tooOld',
  'fields.tenantReference.format',
  'fields.amount.format',
  'fields.amount.negative',
  'fields.amount.decimals',
  'fields.amount.grouping',
  'fields.amount.tooLarge',
  'fields.email',
  'fields.unexpected',
  'fields.consentRequired',
  'fields.passwordMismatch',
  'fields.file.type',
  'fields.file.tooLarge',
  'fields.file.content',
  'fields.photos.tooMany',
  'fields.occupants.signatoryRequired',
  'fields.postalCode',
  'fields.date.endBeforeStart',
  'fields.noChange',
  'fields.emailMismatch',
  'fields.controlCharacter',
  'fields.tooLong',
  // Problems only the Portal API server finds (its data, its stronger checks).
  'fields.date.outOfRange',
  'fields.amount.ceiling',
  'fields.signupNoMatch',
  'fields.emailTaken',
  'fields.emailUnchanged',
  'fields.password.incorrect',
  'fields.password.personal',
  'fields.password.common',
  'fields.password.same',
  'fields.linkInvalid',
  'fields.file.missing',
  'fields.file.imageTooLarge',
] as const satisfies readonly (
  | 'fields.required'
  | 'fields.invalid'
  | Keys<'fields.iban', IbanFailure>
  | Keys<'fields.bic', BicFailure>
  | Keys<'fields.phone', PhoneFailure>
  | 'fields.password.weak'
  | 'fields.password.tooLong'
  | Keys<'fields.date', Exclude<FrenchDateFailure, 'empty'>>
  | Keys<'fields.birthDate', BirthDateFailure>
  | 'fields.tenantReference.format'
  | Keys<'fields.amount', Exclude<EurosInputFailure, 'empty'>>
  | 'fields.email'
  | 'fields.unexpected'
  | 'fields.controlCharacter'
  | 'fields.tooLong'
  | 'fields.consentRequired'
  | 'fields.passwordMismatch'
  | Keys<'fields.file', 'type' | 'tooLarge' | 'content'>
  | 'fields.photos.tooMany'
  | 'fields.occupants.signatoryRequired'
  | 'fields.postalCode'
  | 'fields.date.endBeforeStart'
  | 'fields.noChange'
  | 'fields.emailMismatch'
  | 'fields.date.outOfRange'
  | 'fields.amount.ceiling'
  | 'fields.signupNoMatch'
  | 'fields.emailTaken'
  | 'fields.emailUnchanged'
  | Keys<'fields.password', 'incorrect' | 'personal' | 'common' | 'same'>
  | 'fields.linkInvalid'
  | Keys<'fields.file', 'missing' | 'imageTooLarge'>
)[];

export type FieldMessageKey = (typeof FIELD_MESSAGE_KEYS)[number];

/** A missing value is 'required'; a value of the wrong type (a number for a string) 'invalid'. */
export const text = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'fields.required' : 'fields.invalid') });

export type Check<T> = { ok: true; value: T } | { ok: false; key: FieldMessageKey; params?: Record<string, unknown> };

/** A string schema that runs `check` and outputs its canonical value, or reports its key. */
export function canonical<T>(check: (input: string) => Check<T>) {
  return text().transform((input, ctx): T => {
    if (input.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'fields.required' });
      return z.NEVER;
    }
    const result = check(input);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.key, params: result.params });
      return z.NEVER;
    }
    return result.value;
  });
}

/** An email address, trimmed and lower-cased (logins are case-insensitive). */
export const emailSchema = text()
  .trim()
  .min(1, { error: 'fields.required', abort: true })
  .max(254, 'fields.email')
  .pipe(z.email('fields.email'))
  .transform((email) => email.toLowerCase());

/** A required free-text field of at most `max` characters, trimmed; the form words the limit ('fields.tooLong' takes {max}). */
export const requiredTextSchema = (max: number) => text().trim().min(1, 'fields.required').max(max, 'fields.tooLong');

/** Output: electronic-format IBAN ("FR7630006000011234567890189"). */
export const ibanSchema = canonical((input) => {
  const result = validateIban(input);
  return result.ok ? { ok: true, value: result.iban } : { ok: false, key: `fields.iban.${result.reason}` };
});

/** Output: upper-case BIC without spaces. */
export const bicSchema = canonical((input) => {
  const result = validateBic(input);
  return result.ok ? { ok: true, value: result.bic } : { ok: false, key: `fields.bic.${result.reason}` };
});

/**
 * CNIL 2022-100 policy. The password is output unchanged (never trimmed: spaces are characters
 * the person chose). `params.failing` carries the unmet checklist items.
 */
export const passwordSchema = text().superRefine((password, ctx) => {
  const result = checkPassword(password);
  if (result.ok) return;
  const tooLong = result.failing.includes('maxLength');
  ctx.addIssue({
    code: 'custom',
    message: tooLong ? 'fields.password.tooLong' : 'fields.password.weak',
    params: { failing: result.failing },
  });
});

function frenchDateCheck(input: string): Check<string> {
  const result = parseFrenchDate(input);
  if (result.ok) return { ok: true, value: result.iso };
  return { ok: false, key: result.reason === 'invalid' ? 'fields.date.invalid' : 'fields.date.format' };
}

/** "jj/mm/aaaa" in, ISO "yyyy-mm-dd" out. */
export const frenchDateSchema = canonical(frenchDateCheck);

/** A birth date typed "jj/mm/aaaa": a real date, not in the future, not before 1900. ISO out. */
export const birthDateSchema = canonical((input) => {
  const date = frenchDateCheck(input);
  if (!date.ok) return date;
  // The one tolerated wall-clock read outside src-shared/clock.ts: a zod schema is a module-level
  // value with no Clock to be given, and "not born after today" wants the real day (Paris rule),
  // not a test's pinned one; no test or flow depends on a birth date within days of today.
  const sanity = checkBirthDate(date.value, parisDate(systemClock()));
  return sanity.ok ? date : { ok: false, key: `fields.birthDate.${sanity.reason}` };
});

/** An ISO date from another program (API, cache), not typed by a person. */
export const isoDateSchema = text()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'fields.date.format', abort: true })
  .refine(isValidIsoDate, 'fields.date.invalid');

/**
 * The landlord's tenant reference, built from its configured format. `params.example` lets the
 * message show the expected shape ("par exemple 0123456789").
 */
export function tenantReferenceSchema(validator: TenantReferenceValidator = createTenantReferenceValidator()) {
  return canonical((input) => {
    const result = validator.validate(input);
    return result.ok
      ? { ok: true, value: result.reference }
      : { ok: false, key: 'fields.tenantReference.format', params: { example: validator.format.example } };
  });
}

/** An amount typed in euros ("1 234,50") -> integer cents. */
export const euroAmountInputSchema = canonical((input) => {
  const result = parseEurosInput(input);
  if (result.ok) return { ok: true, value: result.cents };
  // 'empty' cannot happen: canonical() answers blank input with fields.required first.
  return { ok: false, key: result.reason === 'empty' ? 'fields.required' : `fields.amount.${result.reason}` };
});

/** Integer cents as they travel between programs: never a float (zod's int() is safe-integer). */
export const centsSchema = z.number({ error: 'fields.invalid' }).int('fields.invalid');
