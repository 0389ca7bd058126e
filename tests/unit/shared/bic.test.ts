import { describe, expect, it } from 'vitest';
import { bicCountryMatchesIbanCountry, isValidBic, maskBic, normalizeBic, validateBic } from '../../../src-shared/validation/bic';

describe('validateBic', () => {
  it('accepts 8- and 11-character BICs and reports the country', () => {
    expect(validateBic('BNPAFRPP')).toEqual({ ok: true, bic: 'BNPAFRPP', country: 'FR' });
    expect(validateBic('BNPAFRPPXXX')).toEqual({ ok: true, bic: 'BNPAFRPPXXX', country: 'FR' });
    expect(validateBic('DEUTDEFF500')).toEqual({ ok: true, bic: 'DEUTDEFF500', country: 'DE' });
    expect(validateBic('SOGEFRPP')).toMatchObject({ ok: true });
    expect(validateBic('NWBKGB2L')).toMatchObject({ ok: true, country: 'GB' }); // digit in location
    expect(validateBic('CEPAFRPP751')).toMatchObject({ ok: true });
  });

  it('normalises case and spaces', () => {
    expect(normalizeBic(' bnpa fr pp xxx ')).toBe('BNPAFRPPXXX');
    expect(validateBic('agri frpp 882')).toEqual({ ok: true, bic: 'AGRIFRPP882', country: 'FR' });
  });

  it("'length' for anything but 8 or 11 characters", () => {
    for (const input of ['', 'BNPAFRP', 'BNPAFRPPX', 'BNPAFRPPXX', 'BNPAFRPPXXXX']) {
      expect(validateBic(input), input).toEqual({ ok: false, reason: 'length' });
    }
  });

  it("'format' for digits in the bank or country part, or punctuation", () => {
    expect(validateBic('BNP1FRPP')).toEqual({ ok: false, reason: 'format' });
    expect(validateBic('BNPAF1PP')).toEqual({ ok: false, reason: 'format' });
    expect(validateBic('BNPAFRP-')).toEqual({ ok: false, reason: 'format' });
    expect(validateBic('BNPAFRPPXX-')).toEqual({ ok: false, reason: 'format' });
    expect(validateBic('BNPAFRPPÉXX')).toEqual({ ok: false, reason: 'format' });
    expect(isValidBic('12345678')).toBe(false);
  });

  it("'format' for a country code ISO 3166-1 does not assign (issue 14)", () => {
    for (const unassigned of ['LUMPPZIV', 'BNPAUKPP', 'BNPAEUPPXXX', 'BNPAZZPP', 'BNPAFXPP']) {
      expect(validateBic(unassigned), unassigned).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('accepts the codes of territories and Kosovo, which have their own banks', () => {
    for (const bic of ['BNPARERX', 'BDAFGPGP', 'ABCDJESH', 'RBKOXKPR', 'CMCIMCM1', 'BPOTPFTP']) {
      expect(validateBic(bic), bic).toMatchObject({ ok: true });
    }
  });
});

describe('bicCountryMatchesIbanCountry', () => {
  it('matches the same country', () => {
    expect(bicCountryMatchesIbanCountry('DEUTDEFF', 'DE')).toBe(true);
    expect(bicCountryMatchesIbanCountry('DEUTDEFF', 'FR')).toBe(false);
  });

  it('knows territories whose BIC country differs from the IBAN prefix', () => {
    expect(bicCountryMatchesIbanCountry('BNPARERX', 'FR')).toBe(true); // La Réunion, IBAN FR76...
    expect(bicCountryMatchesIbanCountry('BDAFGPGP', 'FR')).toBe(true); // Guadeloupe
    expect(bicCountryMatchesIbanCountry('ABCDJESH', 'GB')).toBe(true); // Jersey
    expect(bicCountryMatchesIbanCountry('BNPARERX', 'GB')).toBe(false);
    expect(bicCountryMatchesIbanCountry('CMCIMCM1', 'MC')).toBe(true);
  });
});

describe('maskBic', () => {
  it('shows only the last three characters, like the seed ("#####ABC")', () => {
    expect(maskBic('BNPAFRPPABC')).toBe('#####ABC');
    expect(maskBic('bnpa frpp')).toBe('#####RPP');
    expect(maskBic('')).toBe('#####');
    expect(maskBic('AB')).toBe('#####');
  });
});
