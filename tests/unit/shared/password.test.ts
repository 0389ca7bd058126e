import { describe, expect, it } from 'vitest';
import { checkPassword, countWords, isStrongPassword, PASSWORD_MAX_LENGTH } from '../../../src-shared/validation/password';

describe('checkPassword (CNIL deliberation 2022-100)', () => {
  it('accepts 12 characters with all four classes', () => {
    expect(checkPassword('Abcdefgh1!xy')).toEqual({
      ok: true,
      length: 12,
      words: 2,
      classes: { lower: true, upper: true, digit: true, symbol: true },
      failing: [],
    });
  });

  it('accepts a passphrase of 7 words or more, whatever its classes (CNIL: « phrase de passe »)', () => {
    expect(checkPassword('cheval agrafe correct batterie lune soleil porte')).toMatchObject({ ok: true, words: 7 });
    // Six words are not a passphrase; one-letter "words" do not count.
    expect(checkPassword('cheval agrafe correct batterie lune soleil')).toMatchObject({ ok: false });
    expect(checkPassword('a b c d e f g h i j k l m n')).toMatchObject({ ok: false });
  });

  it('refuses 11 characters even with all four classes', () => {
    expect(checkPassword('Abcdefg1!xy')).toMatchObject({ ok: false, failing: ['length'] });
  });

  it('accepts 14 characters with any three classes', () => {
    expect(isStrongPassword('Abcdefghijkl12')).toBe(true); // no symbol
    expect(isStrongPassword('abcdefghijk1!-')).toBe(true); // no upper
    expect(isStrongPassword('ABCDEFGHIJK1!-')).toBe(true); // no lower
    expect(isStrongPassword('Abcdefghijkl!-')).toBe(true); // no digit
  });

  it('refuses 13 characters with three classes, listing the missing class', () => {
    expect(checkPassword('Abcdefghijk12')).toMatchObject({ ok: false, failing: ['symbol'] });
  });

  it('refuses 14+ characters with only two classes', () => {
    expect(checkPassword('abcdefghijklmnop1234')).toMatchObject({ ok: false, failing: ['upper', 'symbol'] });
    expect(checkPassword('a'.repeat(40))).toMatchObject({ ok: false, failing: ['upper', 'digit', 'symbol'] });
  });

  it('lists every unmet checklist item for a short password, in checklist order', () => {
    expect(checkPassword('')).toMatchObject({ ok: false, length: 0, failing: ['length', 'lower', 'upper', 'digit', 'symbol'] });
    expect(checkPassword('abc')).toMatchObject({ failing: ['length', 'upper', 'digit', 'symbol'] });
    expect(checkPassword('A1!')).toMatchObject({ failing: ['length', 'lower'] });
  });

  it('counts accented letters as letters and space or punctuation as symbols', () => {
    expect(checkPassword('Élève été 2024')).toMatchObject({
      ok: true,
      classes: { lower: true, upper: true, digit: true, symbol: true },
    });
    expect(checkPassword('ééééééééééé1')).toMatchObject({ classes: { lower: true, upper: false, digit: true, symbol: false } });
  });

  it('counts characters, not UTF-16 units, for the minimum', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(checkPassword('😀'.repeat(11)).length).toBe(11);
    expect(checkPassword('Aa1' + '😀'.repeat(8))).toMatchObject({ ok: false, failing: ['length'] });
    expect(checkPassword('Aa1' + '😀'.repeat(9))).toMatchObject({ ok: true });
  });

  it('refuses more than 256 UTF-16 units, the sign-in limit', () => {
    const atLimit = 'Aa1!' + 'x'.repeat(PASSWORD_MAX_LENGTH - 4);
    expect(checkPassword(atLimit).ok).toBe(true);
    expect(checkPassword(`${atLimit}x`)).toMatchObject({ ok: false, failing: ['maxLength'] });
    // 130 emoji = 260 units: refused though only 130 characters.
    expect(checkPassword('Aa1!' + '😀'.repeat(130))).toMatchObject({ ok: false, failing: ['maxLength'] });
  });

  it('does not trim: leading and trailing spaces are part of the password', () => {
    expect(checkPassword('  abcdefgh1A ')).toMatchObject({ ok: true, length: 13 });
  });

  it('property: ok exactly when one of the three CNIL rules holds', () => {
    const pools = { lower: 'abcé', upper: 'ABCÉ', digit: '0123', symbol: '!@ -' };
    const names = Object.keys(pools) as (keyof typeof pools)[];
    for (let mask = 0; mask < 16; mask++) {
      const used = names.filter((_, index) => mask & (1 << index));
      if (used.length === 0) continue;
      for (let length = 8; length <= 16; length++) {
        const password = Array.from({ length }, (_, index) => {
          const pool = pools[used[index % used.length]!];
          return pool[index % pool.length];
        }).join('');
        const expected = (length >= 12 && used.length === 4) || (length >= 14 && used.length >= 3) || countWords(password) >= 7;
        expect(isStrongPassword(password), `${JSON.stringify(password)}`).toBe(expected);
      }
    }
  });
});
