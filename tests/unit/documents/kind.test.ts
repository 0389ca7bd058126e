import { describe, expect, it } from 'vitest';
import { documentKindForPeriod, DocumentRefusedError } from '../../../server/src/documents';

describe('documentKindForPeriod (loi n° 89-462, art. 21: quittance only after full payment)', () => {
  it('full payment gives a quittance', () => {
    expect(documentKindForPeriod({ dueCents: 138_888, paidCents: 138_888 })).toBe('quittance');
  });

  it('overpayment gives a quittance too (the surplus is a credit, not a reason to withhold it)', () => {
    expect(documentKindForPeriod({ dueCents: 138_888, paidCents: 138_889 })).toBe('quittance');
  });

  it('one cent short gives a reçu, never a quittance', () => {
    expect(documentKindForPeriod({ dueCents: 138_888, paidCents: 138_887 })).toBe('recu');
  });

  it('any partial payment gives a reçu', () => {
    expect(documentKindForPeriod({ dueCents: 138_888, paidCents: 1 })).toBe('recu');
    expect(documentKindForPeriod({ dueCents: 99_999, paidCents: 3 * 33_333 - 1 })).toBe('recu');
  });

  it('nothing paid gives no document', () => {
    expect(documentKindForPeriod({ dueCents: 138_888, paidCents: 0 })).toBeNull();
    expect(documentKindForPeriod({ dueCents: 0, paidCents: 0 })).toBeNull();
  });

  it('refuses amounts that are not integer cents or are negative', () => {
    expect(() => documentKindForPeriod({ dueCents: 1388.88, paidCents: 0 })).toThrow(DocumentRefusedError);
    expect(() => documentKindForPeriod({ dueCents: 100, paidCents: 0.1 + 0.2 })).toThrow(/centimes/);
    expect(() => documentKindForPeriod({ dueCents: -1, paidCents: 0 })).toThrow(DocumentRefusedError);
    expect(() => documentKindForPeriod({ dueCents: 100, paidCents: -5 })).toThrow(DocumentRefusedError);
    try {
      documentKindForPeriod({ dueCents: Number.NaN, paidCents: 0 });
      expect.unreachable();
    } catch (error) {
      expect((error as DocumentRefusedError).code).toBe('invalid_input');
    }
  });
});
