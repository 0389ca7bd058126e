import { describe, expect, it } from 'vitest';
import { formatFrenchPhone, isValidFrenchPhone, toE164, validateFrenchPhone } from '../../../src-shared/validation/phone';

describe('validateFrenchPhone: metropolitan numbers', () => {
  const sameNumber = [
    '0601020304',
    '06 01 02 03 04',
    '06.01.02.03.04',
    '06-01-02-03-04',
    '06/01/02/03/04',
    ' 06 01\u00a002 03\u202f04 ',
    '+33601020304',
    '+33 6 01 02 03 04',
    '+33 (0)6 01 02 03 04',
    '+33(0)601020304',
    '+33 06 01 02 03 04',
    '0033 6 01 02 03 04',
    '0033601020304',
  ];
  for (const input of sameNumber) {
    it(`reads "${input}" as +33601020304`, () => {
      expect(validateFrenchPhone(input)).toEqual({
        ok: true,
        e164: '+33601020304',
        national: '0601020304',
        region: 'metropole',
      });
    });
  }

  it('accepts landlines, 07 mobiles, 09 and 08 numbers', () => {
    expect(toE164('01 23 45 67 89')).toBe('+33123456789');
    expect(toE164('07 12 34 56 78')).toBe('+33712345678');
    expect(toE164('09 70 12 34 56')).toBe('+33970123456');
    expect(toE164('0 800 123 456')).toBe('+33800123456');
  });

  it("'length' for too few or too many digits", () => {
    expect(validateFrenchPhone('06 01 02 03 0')).toEqual({ ok: false, reason: 'length' });
    expect(validateFrenchPhone('06 01 02 03 04 5')).toEqual({ ok: false, reason: 'length' });
    expect(validateFrenchPhone('+33 6 01 02 03')).toEqual({ ok: false, reason: 'length' });
    expect(validateFrenchPhone('+33 6 01 02 03 04 05')).toEqual({ ok: false, reason: 'length' });
  });

  it("'format' for letters, empty input or stray symbols", () => {
    expect(validateFrenchPhone('')).toEqual({ ok: false, reason: 'format' });
    expect(validateFrenchPhone('06 01 02 03 OA')).toEqual({ ok: false, reason: 'format' });
    expect(validateFrenchPhone('06#01020304')).toEqual({ ok: false, reason: 'format' });
    expect(validateFrenchPhone('++33601020304')).toEqual({ ok: false, reason: 'format' });
  });

  it("'prefix' for foreign numbers and national numbers not starting 0[1-9]", () => {
    expect(validateFrenchPhone('+32 2 123 45 67')).toEqual({ ok: false, reason: 'prefix' });
    expect(validateFrenchPhone('+44 20 7946 0958')).toEqual({ ok: false, reason: 'prefix' });
    expect(validateFrenchPhone('6601020304')).toEqual({ ok: false, reason: 'prefix' });
    expect(validateFrenchPhone('+33 0 01 02 03 04')).toEqual({ ok: false, reason: 'prefix' });
  });
});

describe('validateFrenchPhone: overseas (DOM)', () => {
  const cases: [string, string][] = [
    ['0262 12 34 56', '+262262123456'], // Réunion fixed
    ['0692 12 34 56', '+262692123456'], // Réunion mobile
    ['0269 61 23 45', '+262269612345'], // Mayotte fixed
    ['0639 12 34 56', '+262639123456'], // Mayotte mobile
    ['0590 12 34 56', '+590590123456'], // Guadeloupe fixed
    ['0690 12 34 56', '+590690123456'], // Guadeloupe mobile
    ['0594 12 34 56', '+594594123456'], // Guyane fixed
    ['0694 12 34 56', '+594694123456'], // Guyane mobile
    ['0596 12 34 56', '+596596123456'], // Martinique fixed
    ['0696 12 34 56', '+596696123456'], // Martinique mobile
  ];
  for (const [national, e164] of cases) {
    it(`${national} -> ${e164}, and back from the international form`, () => {
      expect(validateFrenchPhone(national)).toMatchObject({ ok: true, e164, region: 'outremer' });
      expect(validateFrenchPhone(e164)).toMatchObject({ ok: true, e164, national: national.replace(/ /g, '') });
      expect(validateFrenchPhone(`00${e164.slice(1)}`)).toMatchObject({ ok: true, e164 });
    });
  }

  it('files a DOM number typed with +33 under its own country code', () => {
    expect(toE164('+33 6 92 12 34 56')).toBe('+262692123456');
  });

  it("'prefix' when the overseas country code does not own the number", () => {
    expect(validateFrenchPhone('+262 590 12 34 56')).toEqual({ ok: false, reason: 'prefix' });
    expect(validateFrenchPhone('+596 6 01 02 03 04')).toEqual({ ok: false, reason: 'prefix' });
  });
});

describe('formatFrenchPhone', () => {
  it('shows the seed format "06.01.02.03.04" whatever was typed', () => {
    expect(formatFrenchPhone('+33601020304')).toBe('06.01.02.03.04');
    expect(formatFrenchPhone('0033 6 01 02 03 04')).toBe('06.01.02.03.04');
    expect(formatFrenchPhone('06 00 00 00 00')).toBe('06.00.00.00.00');
    expect(formatFrenchPhone('+262692123456')).toBe('06.92.12.34.56');
  });

  it('shows an invalid stored value as it is', () => {
    expect(formatFrenchPhone('12')).toBe('12');
    expect(formatFrenchPhone('')).toBe('');
    expect(isValidFrenchPhone('12')).toBe(false);
    expect(toE164('12')).toBeNull();
  });

  it('round-trips: formatting then validating gives the same E.164', () => {
    for (const e164 of ['+33123456789', '+33601020304', '+262262123456', '+596696123456']) {
      expect(toE164(formatFrenchPhone(e164))).toBe(e164);
    }
  });
});
