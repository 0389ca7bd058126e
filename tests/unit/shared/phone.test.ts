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
    expect(toE164('07 81 23 45 67')).toBe('+33781234567');
    expect(toE164('09 70 12 34 56')).toBe('+33970123456');
    expect(toE164('0 800 123 456')).toBe('+33800123456');
  });

  it("'length' for too few or too many digits", () => {
    expect(validateFrenchPhone('06 01 02 03 0')).toEqual({ ok: false, reason: 'length' });
    expect(validateFrenchPhone('06 01 02 03 04 5')).toEqual({ ok: false, reason: 'length' });
    expect(validateFrenchPhone('+33 6 01 02 03')).toEqual({ ok: false, reason: 'length' });
    expect(validateFrenchPhone('+33 6 01 02 03 04 05')).toEqual({ ok: false, reason: 'length' });
    expect(validateFrenchPhone('6601020304')).toEqual({ ok: false, reason: 'length' }); // ten digits, no trunk 0
  });

  it("'prefix' for ranges of the plan that are not allocated (issue 14)", () => {
    // The hand-written check took any 0[1-9] followed by eight digits.
    for (const unallocated of ['07 00 00 00 00', '07 12 34 56 78', '04 00 12 34 56', '04 05 12 34 56', '08 70 12 34 56', '08 79 99 99 99']) {
      expect(validateFrenchPhone(unallocated), unallocated).toEqual({ ok: false, reason: 'prefix' });
    }
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
    expect(validateFrenchPhone('+33 0 01 02 03 04')).toEqual({ ok: false, reason: 'prefix' });
  });
});

describe('validateFrenchPhone: overseas (DOM)', () => {
  const cases: [string, string][] = [
    ['0262 12 34 56', '+262262123456'], // Réunion fixed
    ['0692 12 34 56', '+262692123456'], // Réunion mobile
    ['0269 61 23 45', '+262269612345'], // Mayotte fixed (0269 is also in the metropolitan metadata)
    ['0639 01 23 45', '+262639012345'], // Mayotte mobile
    ['0590 12 34 56', '+590590123456'], // Guadeloupe fixed
    ['0690 12 34 56', '+590690123456'], // Guadeloupe mobile
    ['0594 12 34 56', '+594594123456'], // Guyane fixed
    ['0694 12 34 56', '+594694123456'], // Guyane mobile
    ['0596 30 12 34', '+596596301234'], // Martinique fixed (0596 too)
    ['0696 12 34 56', '+596696123456'], // Martinique mobile
    ['041 12 34', '+508411234'], // Saint-Pierre-et-Miquelon fixed
    ['055 12 34', '+508551234'], // Saint-Pierre-et-Miquelon mobile
  ];
  for (const [national, e164] of cases) {
    it(`${national} -> ${e164}, and back from the international form`, () => {
      expect(validateFrenchPhone(national)).toMatchObject({ ok: true, e164, region: 'outremer' });
      expect(validateFrenchPhone(e164)).toMatchObject({ ok: true, e164, national: national.replace(/ /g, '') });
      expect(validateFrenchPhone(`00${e164.slice(1)}`)).toMatchObject({ ok: true, e164 });
    });
  }

  it('accepts the overseas numbers the hand-written check refused (issue 14)', () => {
    expect(toE164('+508 41 12 34')).toBe('+508411234');
    expect(toE164('00508 55 12 34')).toBe('+508551234');
    expect(toE164('+262 939 90 12 34')).toBe('+262939901234'); // Réunion VoIP
    expect(toE164('+262 976 27 12 34')).toBe('+262976271234'); // Réunion VoIP
    expect(toE164('+590 891 23 45 67')).toBe('+590891234567'); // Guadeloupe premium rate
    expect(toE164('+596 976 60 12 34')).toBe('+596976601234'); // Martinique VoIP
  });

  it('reads a non-geographic 08 or 09 number typed nationally as metropolitan', () => {
    expect(validateFrenchPhone('0800 12 34 56')).toMatchObject({ ok: true, e164: '+33800123456', region: 'metropole' });
    expect(validateFrenchPhone('0939 90 12 34')).toMatchObject({ ok: true, e164: '+33939901234', region: 'metropole' });
  });

  it('refuses a DOM mobile after +33: the metropolitan plan does not number it', () => {
    expect(validateFrenchPhone('+33 6 92 12 34 56')).toEqual({ ok: false, reason: 'prefix' });
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
    expect(formatFrenchPhone('0 800 123 456')).toBe('08.00.12.34.56');
  });

  it("groups Saint-Pierre-et-Miquelon's seven-digit national numbers as the library does", () => {
    expect(formatFrenchPhone('+508411234')).toBe('041.12.34');
  });

  it('shows an invalid stored value as it is', () => {
    expect(formatFrenchPhone('12')).toBe('12');
    expect(formatFrenchPhone('')).toBe('');
    expect(isValidFrenchPhone('12')).toBe(false);
    expect(toE164('12')).toBeNull();
  });

  it('round-trips: formatting then validating gives the same E.164', () => {
    for (const e164 of ['+33123456789', '+33601020304', '+262262123456', '+262269612345', '+596696123456', '+508411234', '+33939901234']) {
      expect(toE164(formatFrenchPhone(e164))).toBe(e164);
    }
  });
});
