/**
 * Issue 14, first item: the settlement decision (quittance or reçu) is taken on the period's total
 * due (rent + charges + adjustments of either sign - APL), the total the avis d'échéance asks for,
 * to the cent. A seeded generator of a few hundred random ledgers (no dependency), every sign
 * combination, partial and over-payments; then the exact cases by hand.
 */
import { describe, expect, it } from 'vitest';
import { avisPeriodAmountCents, documentKindForPeriod, periodDueCents, periodPaidCents } from '../../../server/src/documents';
import { periodAmounts, periodSettlement, type LedgerLine } from '../../../server/src/documents/ledger';
import { avisInputFor, settlementInputFor, type DossierRow, type TenantRow } from '../../../server/src/documents/publish';
import type { DocumentLandlord } from '../../../server/src/documents/types';
import { allocationPeriod } from '../../../server/src/payment/settlement';

/** mulberry32: a small seeded generator, so a failure is replayed by its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PERIOD = '2099-04';
const tenant = { civility: 'Mme', lastName: 'TEST', firstName: 'ANNE', reference: '1000000001' } as unknown as TenantRow;
const dossier = { number: '0000000001', addressLine: '1, rue du Test', postalCode: '78000', city: 'Versailles', directDebitDay: null } as unknown as DossierRow;
const landlord: DocumentLandlord = { name: 'Bailleur de test', address: { addressLine: '2, rue du Bailleur', postalCode: '78000', city: 'Versailles' }, primaryColor: '#123456' };

interface Case {
  seed: number;
  lines: LedgerLine[];
  /** Expected, from the raw lines: every amount owed or credited for the period, APL deducted. */
  totalDueCents: number;
  paidCents: number;
}

function randomCase(seed: number): Case {
  const r = rng(seed);
  const int = (min: number, max: number) => min + Math.floor(r() * (max - min + 1));
  const line = (kind: LedgerLine['kind'], amountCents: number, label: string, day = 1): LedgerLine => ({ date: `${PERIOD}-${String(day).padStart(2, '0')}`, kind, label, amountCents, period: PERIOD });
  const lines: LedgerLine[] = [line('rent', int(1, 150_000), 'Loyer')];
  for (let i = int(0, 2); i > 0; i--) lines.push(line('charges', int(0, 30_000), 'Provisions pour charges'));
  // Adjustments of either sign, often larger than the charges (the bug) or the whole rent.
  for (let i = int(0, 3); i > 0; i--) lines.push(line('adjustment', int(-200_000, 60_000), `Régularisation ${i}`));
  // APL: mostly received (negative lines), sometimes recovered (positive lines).
  for (let i = int(0, 2); i > 0; i--) lines.push(line('apl', r() < 0.75 ? -int(1, 60_000) : int(1, 20_000), 'APL'));
  const totalDueCents = lines.reduce((total, l) => total + l.amountCents, 0);
  // Payments: none, partial, exact (to the cent), one cent short or over, overpaid.
  const shape = int(0, 5);
  const target = shape === 0 ? 0 : shape === 1 ? int(1, Math.max(1, totalDueCents - 1)) : shape === 2 ? totalDueCents : shape === 3 ? totalDueCents - 1 : shape === 4 ? totalDueCents + 1 : totalDueCents + int(1, 50_000);
  let left = Math.max(0, target);
  let paidCents = 0;
  const parts = int(1, 3);
  for (let i = 0; i < parts && left > 0; i++) {
    const amount = i === parts - 1 ? left : int(1, left);
    lines.push(line('payment', -amount, i % 2 ? 'Virement reçu' : 'Paiement par carte bancaire n° 000001', 2 + i));
    paidCents += amount;
    left -= amount;
  }
  // A rejected direct debit: received, then reversed by a positive payment line; it pays nothing.
  if (int(0, 3) === 0) {
    const amount = int(1, 80_000);
    lines.push(line('payment', -amount, 'Prélèvement SEPA', 3), line('payment', amount, 'Rejet de prélèvement SEPA', 9));
  }
  // Shuffle: the order of the ledger must not matter.
  for (let i = lines.length - 1; i > 0; i--) {
    const j = int(0, i);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  return { seed, lines, totalDueCents, paidCents };
}

describe('periodSettlement: quittance exactly when the payments cover the period total due', () => {
  const cases = Array.from({ length: 600 }, (_, i) => randomCase(14_000 + i));

  it('covers every sign combination (credit adjustment larger than the charges, total due <= 0, APL recovered, short / exact / over)', () => {
    const seen = new Set<string>();
    for (const c of cases) {
      const charges = c.lines.filter((l) => l.kind === 'charges').reduce((t, l) => t + l.amountCents, 0);
      const adjustments = c.lines.filter((l) => l.kind === 'adjustment').reduce((t, l) => t + l.amountCents, 0);
      const apl = c.lines.filter((l) => l.kind === 'apl').reduce((t, l) => t + l.amountCents, 0);
      seen.add(`adj${Math.sign(adjustments)} apl${Math.sign(apl)} due${Math.sign(c.totalDueCents)} left${Math.sign(c.totalDueCents - c.paidCents)}`);
      if (adjustments < 0 && -adjustments > charges) seen.add('credit larger than charges');
    }
    expect(seen).toContain('credit larger than charges');
    for (const adj of [-1, 0, 1]) for (const left of [-1, 0, 1]) expect([...seen].some((k) => k.startsWith(`adj${adj} `) && k.endsWith(`left${left}`)), `adj${adj} left${left}`).toBe(true);
    for (const apl of [-1, 1]) expect([...seen].some((k) => k.includes(`apl${apl} `))).toBe(true);
    expect([...seen].some((k) => k.includes('due-1') || k.includes('due0'))).toBe(true);
  });

  it('decides on the total due, to the cent, whatever the ledger', () => {
    for (const c of cases) {
      const amounts = periodAmounts(c.lines).get(PERIOD)!;
      const settlement = periodSettlement(amounts);
      const label = `seed ${c.seed}: ${JSON.stringify(c.lines)}`;
      expect(settlement.totalDueCents, label).toBe(c.totalDueCents);
      expect(settlement.paidCents, label).toBe(c.paidCents);
      expect(settlement.remainingCents, label).toBe(c.totalDueCents - c.paidCents);
      expect(settlement.kind, label).toBe(c.paidCents >= c.totalDueCents ? 'quittance' : 'recu');

      // The avis asks for the same total (before the balance carried over).
      const avis = avisInputFor({ tenant, dossier, bank: null, lines: c.lines }, landlord, PERIOD, '2099-03-10')!;
      expect(avisPeriodAmountCents(avis), label).toBe(c.totalDueCents);

      // The quittance / reçu input carries the same amounts: the document says what was decided.
      const input = settlementInputFor(tenant, dossier, landlord, amounts, '2099-04-20');
      expect(periodDueCents(input) - periodPaidCents(input), label).toBe(c.totalDueCents - c.paidCents);
      if (periodDueCents(input) > 0 && periodPaidCents(input) > 0) {
        expect(documentKindForPeriod({ dueCents: periodDueCents(input), paidCents: periodPaidCents(input) }), label).toBe(settlement.kind);
      }

      // A card payment is allocated to this period exactly while something remains due on it.
      expect(allocationPeriod([...c.lines, { date: '2099-05-01', kind: 'rent', label: 'Loyer', amountCents: 100, period: '2099-05' }], '2099-04-20'), label).toBe(
        c.paidCents < c.totalDueCents ? PERIOD : '2099-05',
      );
    }
  });

  it('the case of the issue: 412,35 + 87,60 - 100,00 paid 399,95 is a quittance, nothing left', () => {
    const line = (kind: LedgerLine['kind'], amountCents: number, label: string = kind): LedgerLine => ({ date: `${PERIOD}-01`, kind, label, amountCents, period: PERIOD });
    const lines = [line('rent', 41_235), line('charges', 8_760), line('adjustment', -10_000, 'Régularisation des charges'), line('payment', -39_995, 'Virement reçu')];
    const amounts = periodAmounts(lines).get(PERIOD)!;
    expect(periodSettlement(amounts)).toEqual({ totalDueCents: 39_995, paidCents: 39_995, remainingCents: 0, kind: 'quittance' });
    expect(amounts).toMatchObject({ rentCents: 41_235, chargesCents: 8_760, adjustments: [{ label: 'Régularisation des charges', amountCents: -10_000 }], housingAllowanceCents: 0 });
    const short = periodAmounts([...lines.slice(0, 3), line('payment', -39_994, 'Virement reçu')]).get(PERIOD)!;
    expect(periodSettlement(short)).toMatchObject({ remainingCents: 1, kind: 'recu' });
    // With the APL of the demo tenant (150,00): 249,95 by the tenant covers it.
    const withApl = periodAmounts([...lines.slice(0, 3), line('apl', -15_000), line('payment', -24_995, 'Virement reçu')]).get(PERIOD)!;
    expect(periodSettlement(withApl)).toEqual({ totalDueCents: 24_995, paidCents: 24_995, remainingCents: 0, kind: 'quittance' });
  });

  it('a rejected direct debit (a positive payment line) takes its payment back: a reçu or nothing, never a quittance', () => {
    const line = (kind: LedgerLine['kind'], amountCents: number, label: string, day = 1): LedgerLine => ({ date: `${PERIOD}-0${day}`, kind, label, amountCents, period: PERIOD });
    const due = [line('rent', 41_235, 'Loyer'), line('charges', 8_760, 'Charges')];
    const rejected = periodAmounts([...due, line('payment', -49_995, 'Prélèvement SEPA', 3), line('payment', 49_995, 'Rejet de prélèvement SEPA', 8)]).get(PERIOD)!;
    expect(rejected.payments).toEqual([]);
    expect(periodSettlement(rejected)).toMatchObject({ paidCents: 0, remainingCents: 49_995, kind: 'recu' });
    // Paid again by card after the rejection: the card payment alone settles the period.
    const repaid = periodAmounts([...due, line('payment', -49_995, 'Prélèvement SEPA', 3), line('payment', 49_995, 'Rejet de prélèvement SEPA', 8), line('payment', -49_995, 'Paiement par carte bancaire n° 000042', 9)]).get(PERIOD)!;
    expect(repaid.payments).toEqual([{ date: `${PERIOD}-09`, amountCents: 49_995, channel: 'carte' }]);
    expect(periodSettlement(repaid).kind).toBe('quittance');
    // A cheque of 100,00 returned for 60,00 of it (no payment of that amount): 40,00 stay received.
    const partly = periodAmounts([...due, line('payment', -10_000, 'Chèque n° 12', 2), line('payment', 6_000, 'Chèque impayé', 5)]).get(PERIOD)!;
    expect(partly.payments).toEqual([{ date: `${PERIOD}-02`, amountCents: 4_000, channel: 'cheque' }]);
    // A reversal of another period's payment, with nothing to take back here: owed, on its own line.
    const alone = periodAmounts([...due, line('payment', 3_000, 'Rejet de prélèvement SEPA', 5)]).get(PERIOD)!;
    expect(alone.adjustments).toEqual([{ label: 'Rejet de prélèvement SEPA', amountCents: 3_000 }]);
    expect(periodSettlement(alone)).toMatchObject({ totalDueCents: 52_995, paidCents: 0 });
  });

  it('positive adjustments stay in the charges (documents without a credit adjustment are unchanged)', () => {
    const line = (kind: LedgerLine['kind'], amountCents: number): LedgerLine => ({ date: `${PERIOD}-01`, kind, label: kind, amountCents, period: PERIOD });
    const amounts = periodAmounts([line('rent', 40_000), line('charges', 5_000), line('adjustment', 4_210), line('apl', -10_000)]).get(PERIOD)!;
    expect(amounts).toMatchObject({ chargesCents: 9_210, adjustments: [], housingAllowanceCents: 10_000 });
  });
});
