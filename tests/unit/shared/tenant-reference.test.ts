import { describe, expect, it } from 'vitest';
import {
  createTenantReferenceValidator,
  DEFAULT_TENANT_REFERENCE_FORMAT,
  normalizeTenantReference,
} from '../../../src-shared/validation/tenant-reference';

describe('tenant reference (Numéro TG), default format', () => {
  const validator = createTenantReferenceValidator();

  it('uses the seed example, 10 digits', () => {
    expect(validator.format).toEqual({ pattern: '[0-9]{10}', example: '0123456789' });
    expect(validator.validate('0123456789')).toEqual({ ok: true, reference: '0123456789' });
  });

  it('tolerates spaces of any kind', () => {
    expect(validator.validate(' 01 2345 6789 ')).toEqual({ ok: true, reference: '0123456789' });
    expect(validator.validate('01\u00a023\t45 67 89')).toEqual({ ok: true, reference: '0123456789' });
  });

  it("'empty' for blank input, 'format' for wrong length or characters", () => {
    expect(validator.validate('')).toEqual({ ok: false, reason: 'empty' });
    expect(validator.validate('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(validator.validate('012345678')).toEqual({ ok: false, reason: 'format' });
    expect(validator.validate('01234567890')).toEqual({ ok: false, reason: 'format' });
    expect(validator.validate('01234-56789')).toEqual({ ok: false, reason: 'format' });
    expect(validator.validate('012345678A')).toEqual({ ok: false, reason: 'format' });
  });

  it('anchors the pattern: a valid reference inside a longer text does not pass', () => {
    expect(validator.validate('x0123456789')).toEqual({ ok: false, reason: 'format' });
  });
});

describe('tenant reference, landlord-configured format', () => {
  it('applies another pattern and upper-cases letters', () => {
    const validator = createTenantReferenceValidator({ pattern: '[A-Z]{2}-?[0-9]{6}', example: 'AB-123456' });
    expect(validator.validate('ab 123456')).toEqual({ ok: true, reference: 'AB123456' });
    expect(validator.validate('AB-123 456')).toEqual({ ok: true, reference: 'AB-123456' });
    expect(validator.validate('0123456789')).toEqual({ ok: false, reason: 'format' });
  });

  it('anchors alternations as a whole ("a|b" means exactly a or exactly b)', () => {
    const validator = createTenantReferenceValidator({ pattern: '[0-9]{6}|T[0-9]{8}', example: '123456' });
    expect(validator.validate('123456').ok).toBe(true);
    expect(validator.validate('T12345678').ok).toBe(true);
    expect(validator.validate('1234567').ok).toBe(false);
    expect(validator.validate('T123456789').ok).toBe(false);
  });

  it('accepts a pattern that already carries ^ and $', () => {
    const validator = createTenantReferenceValidator({ pattern: '^[0-9]{8}$', example: '12345678' });
    expect(validator.validate('1234 5678').ok).toBe(true);
  });

  it('refuses very long input before running the configured pattern', () => {
    const validator = createTenantReferenceValidator({ pattern: '[0-9]+', example: '1' });
    expect(validator.validate('1'.repeat(64)).ok).toBe(true);
    expect(validator.validate('1'.repeat(65))).toEqual({ ok: false, reason: 'format' });
  });

  it('fails at configuration time on a broken pattern or an example that does not match', () => {
    expect(() => createTenantReferenceValidator({ pattern: '[0-9', example: '1' })).toThrow(SyntaxError);
    expect(() => createTenantReferenceValidator({ pattern: '[0-9]{10}', example: '12345' })).toThrow(/example/);
  });

  it('keeps the configured format readable and unchanged', () => {
    const validator = createTenantReferenceValidator();
    expect(Object.isFrozen(validator.format)).toBe(true);
    expect(DEFAULT_TENANT_REFERENCE_FORMAT.example).toBe('0123456789');
    expect(normalizeTenantReference(' ab 12 ')).toBe('AB12');
  });
});
