import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  bicSchema,
  birthDateSchema,
  centsSchema,
  euroAmountInputSchema,
  FIELD_MESSAGE_KEYS,
  frenchDateSchema,
  frenchPhoneSchema,
  ibanSchema,
  isoDateSchema,
  optionalFrenchPhoneSchema,
  passwordSchema,
  tenantReferenceSchema,
} from '../../../src-shared/validation';
import { personalInfoUpdateInputSchema } from '../../../src-shared/dossier/bridge';
import { toFieldErrors } from '../../../src-shared/validation/field-errors';
import { requiredTextSchema } from '../../../src-shared/validation/schemas';
import { createTenantReferenceValidator } from '../../../src-shared/validation/tenant-reference';

/** The messages of a failed parse (they must be i18n keys). */
function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  expect(result.success, `expected ${JSON.stringify(input)} to fail`).toBe(false);
  return result.error!.issues.map((issue) => issue.message);
}

function output(schema: z.ZodType, input: unknown): unknown {
  const result = schema.safeParse(input);
  expect(result.success, `expected ${JSON.stringify(input)} to pass: ${JSON.stringify(result.error?.issues)}`).toBe(true);
  return result.data;
}

describe('schemas output the canonical value', () => {
  it('IBAN, BIC, phone, dates, amount', () => {
    expect(output(ibanSchema, 'fr76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(output(ibanSchema, 'DE89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(output(bicSchema, 'bnpa fr pp')).toBe('BNPAFRPP');
    expect(output(frenchPhoneSchema, '06.01.02.03.04')).toBe('+33601020304');
    expect(output(optionalFrenchPhoneSchema, '0692 12 34 56')).toBe('+262692123456');
    expect(output(optionalFrenchPhoneSchema, '  ')).toBeNull();
    expect(output(frenchDateSchema, '18/04/2023')).toBe('2023-04-18');
    expect(output(birthDateSchema, '01/04/1950')).toBe('1950-04-01');
    expect(output(isoDateSchema, '2024-02-29')).toBe('2024-02-29');
    expect(output(euroAmountInputSchema, '1 234,5')).toBe(123450);
    expect(output(centsSchema, -1200)).toBe(-1200);
    expect(output(tenantReferenceSchema(), '01 2345 6789')).toBe('0123456789');
  });

  it('passwords pass through untouched', () => {
    expect(output(passwordSchema, ' Abcdefgh1!x ')).toBe(' Abcdefgh1!x ');
  });
});

describe('schemas report i18n keys, not sentences', () => {
  it('IBAN reasons', () => {
    expect(messages(ibanSchema, 'FR76 3000 6000 0112 3456 7890 180')).toEqual(['fields.iban.checksum']);
    expect(messages(ibanSchema, 'US12 3456 7890 1234 5678 90')).toEqual(['fields.iban.country']);
    expect(messages(ibanSchema, 'FR76 3000 6000 0112 3456 7890 18')).toEqual(['fields.iban.length']);
    expect(messages(ibanSchema, 'FR76-3000')).toEqual(['fields.iban.format']);
  });

  it('BIC, phone, password, dates, reference, amount', () => {
    expect(messages(bicSchema, 'BNPAFR')).toEqual(['fields.bic.length']);
    expect(messages(bicSchema, 'BNP1FRPP')).toEqual(['fields.bic.format']);
    expect(messages(frenchPhoneSchema, '06 01 02')).toEqual(['fields.phone.length']);
    expect(messages(frenchPhoneSchema, '+44 20 7946 0958')).toEqual(['fields.phone.prefix']);
    expect(messages(optionalFrenchPhoneSchema, 'abc')).toEqual(['fields.phone.format']);
    expect(messages(passwordSchema, 'password')).toEqual(['fields.password.weak']);
    expect(messages(passwordSchema, `Aa1!${'x'.repeat(300)}`)).toEqual(['fields.password.tooLong']);
    expect(messages(frenchDateSchema, '31/02/2020')).toEqual(['fields.date.invalid']);
    expect(messages(frenchDateSchema, '2020-02-01')).toEqual(['fields.date.format']);
    expect(messages(birthDateSchema, '01/01/1899')).toEqual(['fields.birthDate.tooOld']);
    expect(messages(birthDateSchema, '01/01/2999')).toEqual(['fields.birthDate.future']);
    expect(messages(birthDateSchema, '31/02/1950')).toEqual(['fields.date.invalid']);
    expect(messages(isoDateSchema, '2023-02-29')).toEqual(['fields.date.invalid']);
    expect(messages(isoDateSchema, '29/02/2024')).toEqual(['fields.date.format']);
    expect(messages(tenantReferenceSchema(), '12345')).toEqual(['fields.tenantReference.format']);
    expect(messages(euroAmountInputSchema, '12,345')).toEqual(['fields.amount.decimals']);
    expect(messages(euroAmountInputSchema, '-5')).toEqual(['fields.amount.negative']);
    expect(messages(euroAmountInputSchema, 'douze')).toEqual(['fields.amount.format']);
    expect(messages(euroAmountInputSchema, '9999999999999')).toEqual(['fields.amount.tooLarge']);
    expect(messages(centsSchema, 12.5)).toEqual(['fields.invalid']);
  });

  it("blank, missing and wrongly typed values are 'fields.required' / 'fields.invalid'", () => {
    const required = [ibanSchema, bicSchema, frenchPhoneSchema, frenchDateSchema, birthDateSchema, euroAmountInputSchema, tenantReferenceSchema()];
    for (const schema of required) {
      expect(messages(schema, '')).toEqual(['fields.required']);
      expect(messages(schema, '   ')).toEqual(['fields.required']);
      expect(messages(schema, undefined)).toEqual(['fields.required']);
      expect(messages(schema, 42)).toEqual(['fields.invalid']);
    }
    expect(messages(passwordSchema, undefined)).toEqual(['fields.required']);
    expect(messages(centsSchema, '12')).toEqual(['fields.invalid']);
  });

  it('carries parameters the UI needs: unmet password rules, the reference example', () => {
    const password = passwordSchema.safeParse('abc');
    expect(password.error?.issues[0]).toMatchObject({ params: { failing: ['length', 'upper', 'digit', 'symbol'] } });
    const custom = tenantReferenceSchema(createTenantReferenceValidator({ pattern: '[A-Z]{2}[0-9]{4}', example: 'AB1234' }));
    expect(custom.safeParse('1234').error?.issues[0]).toMatchObject({
      message: 'fields.tenantReference.format',
      params: { example: 'AB1234' },
    });
    expect(output(custom, 'ab 1234')).toBe('AB1234');
  });

  it("a text over its limit is 'fields.tooLong' with the limit, so the form can say it (not 'invalid')", () => {
    const description = requiredTextSchema(4000);
    const result = description.safeParse('a'.repeat(25_500));
    expect(toFieldErrors(result.error!.issues)).toEqual([{ path: '', message: 'fields.tooLong', params: { max: 4000 } }]);
    // Counted as the contract counts: trimmed first.
    expect(output(description, `  ${'a'.repeat(4000)}  `)).toHaveLength(4000);
    const caf = personalInfoUpdateInputSchema.safeParse({ phoneHome: '', phoneMobile: '', phoneWork: '', cafNumber: '1'.repeat(21) });
    expect(toFieldErrors(caf.error!.issues)).toEqual([{ path: 'cafNumber', message: 'fields.tooLong', params: { max: 20 } }]);
  });

  it('every key the schemas emitted in this file is a declared key, under fields.', () => {
    const emitted = [
      'fields.iban.checksum', 'fields.iban.country', 'fields.iban.length', 'fields.iban.format', 'fields.bic.length',
      'fields.bic.format', 'fields.phone.length', 'fields.phone.prefix', 'fields.phone.format', 'fields.password.weak',
      'fields.password.tooLong', 'fields.date.invalid', 'fields.date.format', 'fields.birthDate.tooOld',
      'fields.birthDate.future', 'fields.tenantReference.format', 'fields.amount.decimals', 'fields.amount.negative',
      'fields.amount.format', 'fields.amount.tooLarge', 'fields.required', 'fields.invalid', 'fields.email',
      'fields.tooLong',
    ];
    expect(FIELD_MESSAGE_KEYS).toEqual(expect.arrayContaining(emitted));
    for (const key of FIELD_MESSAGE_KEYS) expect(key).toMatch(/^fields\.[a-zA-Z.]+$/);
  });
});

describe('emailSchema', () => {
  it('trims and lower-cases a valid address (logins are case-insensitive)', async () => {
    const { emailSchema } = await import('../../../src-shared/validation/schemas');
    expect(emailSchema.parse('  Martine.Dupont@Example.ORG ')).toBe('martine.dupont@example.org');
  });

  it('says required when blank and fields.email when malformed or too long', async () => {
    const { emailSchema } = await import('../../../src-shared/validation/schemas');
    const firstMessage = (input: unknown) => {
      const result = emailSchema.safeParse(input);
      return result.success ? null : result.error.issues[0]?.message;
    };
    expect(firstMessage('   ')).toBe('fields.required');
    expect(firstMessage(undefined)).toBe('fields.required');
    for (const bad of ['martine', 'martine@', '@example.org', 'a b@example.org', `${'a'.repeat(250)}@example.org`]) {
      expect(firstMessage(bad), bad).toBe('fields.email');
    }
  });
});
