import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  checkBirthDate,
  daysInMonth,
  formatFrenchDate,
  formatLongDate,
  formatMonthYear,
  formatOfMonthYear,
  isLeapYear,
  isValidIsoDate,
  parseFrenchDate,
  parseIsoDate,
  todayIso,
} from '../../../src-shared/validation/dates';

describe('parseFrenchDate (jj/mm/aaaa)', () => {
  it('reads real dates into ISO', () => {
    expect(parseFrenchDate('18/04/2023')).toEqual({ ok: true, iso: '2023-04-18' });
    expect(parseFrenchDate('01/01/1900')).toEqual({ ok: true, iso: '1900-01-01' });
    expect(parseFrenchDate('31/12/1999')).toEqual({ ok: true, iso: '1999-12-31' });
  });

  it('tolerates one-digit day and month, surrounding spaces, dots or dashes', () => {
    expect(parseFrenchDate('1/4/1950')).toEqual({ ok: true, iso: '1950-04-01' });
    expect(parseFrenchDate('  18/04/2023 ')).toEqual({ ok: true, iso: '2023-04-18' });
    expect(parseFrenchDate('18.04.2023')).toEqual({ ok: true, iso: '2023-04-18' });
    expect(parseFrenchDate('18-04-2023')).toEqual({ ok: true, iso: '2023-04-18' });
  });

  it('knows leap years (29/02 only when the year has it)', () => {
    expect(parseFrenchDate('29/02/2020')).toEqual({ ok: true, iso: '2020-02-29' });
    expect(parseFrenchDate('29/02/2000')).toEqual({ ok: true, iso: '2000-02-29' }); // divisible by 400
    expect(parseFrenchDate('29/02/2023')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseFrenchDate('29/02/1900')).toEqual({ ok: false, reason: 'invalid' }); // divisible by 100
  });

  it("'invalid' for dates that do not exist (no rollover into the next month)", () => {
    for (const input of ['31/02/2020', '30/02/2020', '31/04/2023', '31/06/2023', '31/09/2023', '31/11/2023', '00/01/2020', '01/00/2020', '01/13/2020', '32/01/2020', '01/01/0000']) {
      expect(parseFrenchDate(input), input).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it("'format' for other shapes, 'empty' for blank", () => {
    expect(parseFrenchDate('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseFrenchDate('   ')).toEqual({ ok: false, reason: 'empty' });
    for (const input of ['18/04/23', '2023-04-18', '18/04-2023', '18 04 2023', '18/4/20233', 'aa/bb/cccc', '18042023', '123/04/2023']) {
      expect(parseFrenchDate(input), input).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('property: every day of 1999-2001 round-trips through jj/mm/aaaa', () => {
    let days = 0;
    for (let year = 1999; year <= 2001; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= daysInMonth(year, month); day++) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(parseFrenchDate(formatFrenchDate(iso))).toEqual({ ok: true, iso });
          days++;
        }
        expect(parseFrenchDate(`${daysInMonth(year, month) + 1}/${month}/${year}`).ok).toBe(false);
      }
    }
    expect(days).toBe(365 + 366 + 365);
  });
});

describe('ISO helpers', () => {
  it('formats ISO as jj/mm/aaaa and refuses non-dates loudly', () => {
    expect(formatFrenchDate('2023-04-18')).toBe('18/04/2023');
    expect(formatFrenchDate('0999-01-02')).toBe('02/01/0999');
    expect(() => formatFrenchDate('2023-02-31')).toThrow(RangeError);
    expect(() => formatFrenchDate('18/04/2023')).toThrow(RangeError);
    expect(() => formatFrenchDate('2023-04-18T00:00:00Z')).toThrow(RangeError);
  });

  it('validates ISO dates strictly', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('2023-4-18')).toBe(false);
    expect(parseIsoDate('2023-04-18')).toEqual({ year: 2023, month: 4, day: 18 });
  });

  it('leap-year and month-length rules', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2023, month))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
  });

  it('todayIso is the Paris calendar date of the given instant, whatever the machine\'s time zone', () => {
    // Winter (UTC+1): 22:59 UTC on 31 December is still the 31st in Paris, 23:00 UTC is New Year.
    expect(todayIso(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(todayIso(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    // Summer (UTC+2): 22:30 UTC on 30 June is already 1 July in Paris.
    expect(todayIso(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(todayIso(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    // The days the clocks change: midnight Paris is 23:00 UTC before spring forward and 22:00 UTC before fall back.
    expect(todayIso(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(todayIso(new Date('2026-03-29T22:30:00Z'))).toBe('2026-03-30');
    expect(todayIso(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(todayIso(new Date('2026-10-25T22:59:00Z'))).toBe('2026-10-25');
    expect(todayIso(new Date('2028-02-29T12:00:00Z'))).toBe('2028-02-29');
  });
});

describe('calendar arithmetic (periods and days, no time zone)', () => {
  it('moves a rent period across year ends both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-03', -23)).toBe('2024-04');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });

  it('moves a date by calendar days, through 29 February and the days the clocks change', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-04-03', -16)).toBe('2026-03-18');
  });
});

describe('birth dates', () => {
  const today = '2023-04-18';

  it('accepts past dates from 1900 on, and today', () => {
    expect(checkBirthDate('1950-04-01', today)).toEqual({ ok: true });
    expect(checkBirthDate('1900-01-01', today)).toEqual({ ok: true });
    expect(checkBirthDate(today, today)).toEqual({ ok: true });
  });

  it('refuses the future and before 1900', () => {
    expect(checkBirthDate('2023-04-19', today)).toEqual({ ok: false, reason: 'future' });
    expect(checkBirthDate('1899-12-31', today)).toEqual({ ok: false, reason: 'tooOld' });
    expect(() => checkBirthDate('1950-02-30', today)).toThrow(RangeError);
  });

  it('computes completed years, including for 29 February', () => {
    expect(ageOn('1950-04-18', '2023-04-18')).toBe(73);
    expect(ageOn('1950-04-19', '2023-04-18')).toBe(72);
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
    expect(ageOn('2000-02-29', '2024-02-29')).toBe(24);
  });
});

describe('formatLongDate (home page)', () => {
  it('writes the seed date exactly', () => {
    expect(formatLongDate('2023-04-18', 'fr')).toBe('mardi 18 avril 2023');
    expect(formatLongDate('2023-04-18', 'en')).toBe('Tuesday 18 April 2023');
  });

  it('writes "1er" on the first of the month in French only', () => {
    expect(formatLongDate('2025-04-01', 'fr')).toBe('mardi 1er avril 2025');
    expect(formatLongDate('2025-04-01', 'en')).toBe('Tuesday 1 April 2025');
    expect(formatLongDate('2024-08-15', 'fr')).toBe('jeudi 15 août 2024');
    expect(formatLongDate('2024-02-29', 'fr')).toBe('jeudi 29 février 2024');
    expect(formatLongDate('2000-01-01', 'fr')).toBe('samedi 1er janvier 2000');
    expect(formatLongDate('1970-01-01', 'en')).toBe('Thursday 1 January 1970');
    expect(formatLongDate('1900-01-01', 'fr')).toBe('lundi 1er janvier 1900');
    expect(formatLongDate('2023-12-31', 'fr')).toBe('dimanche 31 décembre 2023');
  });

  it('property: weekday agrees with the platform calendar for 2000-2030, in both languages', () => {
    const frenchDays = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
    const englishDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    for (let time = Date.UTC(2000, 0, 1); time <= Date.UTC(2030, 11, 31); time += 86_400_000) {
      const date = new Date(time);
      const iso = date.toISOString().slice(0, 10);
      expect(formatLongDate(iso, 'fr').split(' ')[0]).toBe(frenchDays[date.getUTCDay()]);
      expect(formatLongDate(iso, 'en').split(' ')[0]).toBe(englishDays[date.getUTCDay()]);
    }
  });

  it('refuses what is not an ISO calendar date', () => {
    expect(() => formatLongDate('18/04/2023', 'fr')).toThrow(RangeError);
  });
});

describe('formatOfMonthYear (a document\'s accessible name)', () => {
  it('elides "de" before a vowel in French, for every month', () => {
    const fr = Array.from({ length: 12 }, (_, index) => formatOfMonthYear(`2026-${String(index + 1).padStart(2, '0')}`, 'fr'));
    expect(fr).toEqual([
      'de janvier 2026', 'de février 2026', 'de mars 2026', "d'avril 2026", 'de mai 2026', 'de juin 2026',
      'de juillet 2026', "d'août 2026", 'de septembre 2026', "d'octobre 2026", 'de novembre 2026', 'de décembre 2026',
    ]);
    expect(formatOfMonthYear('2026-10', 'en')).toBe('October 2026');
  });
});

describe('formatMonthYear (receipts list)', () => {
  it('names the month in each language', () => {
    expect(formatMonthYear('2023-03', 'fr')).toBe('mars 2023');
    expect(formatMonthYear('2023-03', 'en')).toBe('March 2023');
    expect(formatMonthYear('2023-08-31', 'fr')).toBe('août 2023');
    expect(formatMonthYear('2023-12', 'fr')).toBe('décembre 2023');
    expect(formatMonthYear('2024-02', 'fr')).toBe('février 2024');
  });

  it('refuses months that do not exist', () => {
    expect(() => formatMonthYear('2023-13', 'fr')).toThrow(RangeError);
    expect(() => formatMonthYear('2023-00', 'fr')).toThrow(RangeError);
    expect(() => formatMonthYear('03/2023', 'fr')).toThrow(RangeError);
  });
});
