import { describe, expect, it } from 'vitest';
import {
  formatEuros,
  formatEurosForPdf,
  formatSignedEuros,
  parseEurosInput,
  toPdfSafeSpaces,
} from '../../../src-shared/format/money';

const NNBSP = '\u202F';
const NBSP = '\u00A0';

describe('formatEuros', () => {
  it('fr: narrow no-break space between thousands, comma, no-break space before €', () => {
    expect(formatEuros(123456)).toBe(`1${NNBSP}234,56${NBSP}€`);
    expect(formatEuros(0)).toBe(`0,00${NBSP}€`);
    expect(formatEuros(5)).toBe(`0,05${NBSP}€`);
    expect(formatEuros(100)).toBe(`1,00${NBSP}€`);
    expect(formatEuros(99999)).toBe(`999,99${NBSP}€`);
    expect(formatEuros(100000)).toBe(`1${NNBSP}000,00${NBSP}€`);
    expect(formatEuros(123456789012)).toBe(`1${NNBSP}234${NNBSP}567${NNBSP}890,12${NBSP}€`);
  });

  it('fr: negatives with a hyphen-minus, never "-0,00 €"', () => {
    expect(formatEuros(-1200)).toBe(`-12,00${NBSP}€`);
    expect(formatEuros(-123456)).toBe(`-1${NNBSP}234,56${NBSP}€`);
    expect(formatEuros(-0)).toBe(`0,00${NBSP}€`);
  });

  it('en: British usage', () => {
    expect(formatEuros(123456, { locale: 'en' })).toBe('€1,234.56');
    expect(formatEuros(-1200, { locale: 'en' })).toBe('-€12.00');
    expect(formatEuros(0, { locale: 'en' })).toBe('€0.00');
  });

  it('refuses floats and unsafe integers: money is integer cents', () => {
    expect(() => formatEuros(12.5)).toThrow(RangeError);
    expect(() => formatEuros(Number.NaN)).toThrow(RangeError);
    expect(() => formatEuros(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatEuros(2 ** 53)).toThrow(RangeError);
  });

  it('property: matches Intl fr-FR and en-GB on the platform, for many amounts', () => {
    const fr = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    const en = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
    const amounts = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 99999, 100000, 123456, 1000000, 98765432, 100000000000];
    for (const cents of [...amounts, ...amounts.map((value) => -value).filter((value) => value !== 0)]) {
      expect(formatEuros(cents), String(cents)).toBe(fr.format(cents / 100));
      expect(formatEuros(cents, { locale: 'en' }), String(cents)).toBe(en.format(cents / 100));
    }
  });
});

describe('signed amounts for ledgers', () => {
  it('signs both ways, not zero', () => {
    expect(formatSignedEuros(1200)).toBe(`+12,00${NBSP}€`);
    expect(formatSignedEuros(-1200)).toBe(`-12,00${NBSP}€`);
    expect(formatSignedEuros(0)).toBe(`0,00${NBSP}€`);
    expect(formatSignedEuros(1200, 'en')).toBe('+€12.00');
    expect(formatEuros(1200, { signed: true })).toBe(`+12,00${NBSP}€`);
  });
});

describe('PDF-safe formatting (pdf-lib standard fonts, WinAnsi)', () => {
  it('maps U+202F to U+00A0 and keeps U+00A0', () => {
    expect(formatEurosForPdf(123456)).toBe(`1${NBSP}234,56${NBSP}€`);
    expect(formatEurosForPdf(-123456789)).toBe(`-1${NBSP}234${NBSP}567,89${NBSP}€`);
    expect(formatEurosForPdf(123456, { locale: 'en' })).toBe('€1,234.56');
  });

  it('leaves no character outside WinAnsi in any amount', () => {
    for (const cents of [0, 1, 123456, -987654321, 100000000000]) {
      for (const text of [formatEurosForPdf(cents), formatEurosForPdf(cents, { signed: true })]) {
        // WinAnsi = Latin-1 printable range plus a few (the € sign among them); U+202F is not in it.
        expect(text).not.toContain(NNBSP);
        expect([...text].every((char) => char.charCodeAt(0) <= 0xff || char === '€'), text).toBe(true);
      }
    }
  });

  it('toPdfSafeSpaces works on any Intl output', () => {
    expect(toPdfSafeSpaces(`12${NNBSP}345`)).toBe(`12${NBSP}345`);
    expect(toPdfSafeSpaces('plain text')).toBe('plain text');
  });
});

describe('parseEurosInput', () => {
  const accepted: [string, number][] = [
    ['1 234,5', 123450],
    ['1 234,50', 123450],
    ['1234,56', 123456],
    ['1234.56', 123456],
    ['0.00', 0],
    ['0', 0],
    ['12', 1200],
    ['12,', 1200],
    [',5', 50],
    ['0,05', 5],
    ['12 €', 1200],
    ['€12', 1200],
    ['12€', 1200],
    ['12 EUR', 1200],
    ['12eur', 1200],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567', 123456700],
    ['1 234 567,89', 123456789],
    [`1${NNBSP}234,56${NBSP}€`, 123456], // our own display, pasted back
    ['  7,3 ', 730],
    ['12 345 678', 1234567800],
    ['€ 1 234,50', 123450],
    ['007,30', 730],
  ];
  for (const [input, cents] of accepted) {
    it(`reads ${JSON.stringify(input)} as ${cents} cents`, () => {
      expect(parseEurosInput(input)).toEqual({ ok: true, cents });
    });
  }

  const refused: [string, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['€', 'empty'],
    ['-12,00', 'negative'],
    ['\u221212,00', 'negative'],
    ['- 5', 'negative'],
    ['12,345', 'decimals'],
    ['1.234', 'decimals'], // ambiguous: 1 234 € or 1,234 €? refused, never guessed
    ['0,001', 'decimals'],
    ['12a', 'format'],
    ['abc', 'format'],
    ['1e3', 'format'],
    ['+12', 'format'],
    ['.', 'format'],
    [',', 'format'],
    ['12,50,1', 'format'],
    ['1.23.4', 'format'],
    ['1,234,56', 'format'],
    ['1.234,5.6', 'format'],
    ['12 € 50', 'format'],
    // Spaces group thousands only by three: these were read as 1 234 €, 125 € and 123 €.
    ['12 34', 'grouping'],
    ['12 5', 'grouping'],
    ['1 2 3', 'grouping'],
    ['1 2345,00', 'grouping'],
    ['1 234 56', 'grouping'],
    ['1 234,5 0', 'grouping'],
    ['1234567890123', 'tooLarge'],
  ];
  for (const [input, reason] of refused) {
    it(`refuses ${JSON.stringify(input)} as '${reason}'`, () => {
      expect(parseEurosInput(input)).toEqual({ ok: false, reason });
    });
  }

  it('property: parsing what formatEuros shows gives the cents back (fr and en)', () => {
    for (let cents = 0; cents < 2_000_000; cents += 7_919) {
      expect(parseEurosInput(formatEuros(cents))).toEqual({ ok: true, cents });
      expect(parseEurosInput(formatEuros(cents, { locale: 'en' }))).toEqual({ ok: true, cents });
    }
  });

  it('never produces a float: every accepted result is a safe integer', () => {
    for (const input of ['0,1', '0.7', '1.15', '4.35', '1 000 000,99', '999999999999,99']) {
      const result = parseEurosInput(input);
      expect(result.ok && Number.isSafeInteger(result.cents), input).toBe(true);
    }
    expect(parseEurosInput('4.35')).toEqual({ ok: true, cents: 435 }); // 4.35 * 100 = 434.99999...
  });
});
