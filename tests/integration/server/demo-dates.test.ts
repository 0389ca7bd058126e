/**
 * The demo dossier by the date the server starts at (issue 12, "time is an input"): rent and
 * charges on the 1st, the direct debit on the 3rd, the APL on the 5th, all by the Paris calendar
 * date. The rest of the suite runs mid-month (TEST_NOW, paid up); this file pins the days where
 * the month is owed, and the night where UTC and Paris disagree about the month.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncChange } from '../../../src-shared/api/sync';
import { TEST_NOW } from '../../helpers/clock';
import { backends, pullAll, startServer, type TestServer } from './helpers';

const RENT = 41235;
const CHARGES = 8760;
const APL = 15000;

type Line = { date: string; kind: string; label: string; amountCents: number; period: string | null; postingOrder: number };

const cases = [
  { name: 'the 1st, 08:00 in Paris: rent and charges posted, no debit yet', startAt: '2026-04-01T06:00:00Z', period: '2026-04', balance: RENT + CHARGES, kinds: ['rent', 'charges'] },
  // 00:30 on 1 April in Paris (summer time, UTC+2) is still 31 March in UTC: the month is Paris's.
  { name: 'the 1st, 00:30 in Paris (still the 31st in UTC)', startAt: '2026-03-31T22:30:00Z', period: '2026-04', balance: RENT + CHARGES, kinds: ['rent', 'charges'] },
  { name: 'the 3rd: the debit takes rent and charges in full, the APL is not in yet', startAt: '2026-04-03T07:00:00Z', period: '2026-04', balance: 0, kinds: ['rent', 'charges', 'payment'] },
  { name: 'mid-month (TEST_NOW): paid up, APL received', startAt: TEST_NOW, period: '2026-03', balance: 0, kinds: ['rent', 'charges', 'payment', 'apl'] },
];

describe.each(backends)('demo dossier by the date the server starts at ($name)', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(cases)('$name', async ({ startAt, period, balance, kinds }) => {
    server = await startServer(backend, { startAt });
    const { changes } = await pullAll(server, (await server.signIn()).accessToken, undefined, 1000);
    const dossier = changes.find((c) => c.entity === 'dossier')!.data as { balanceCents: number };
    expect(dossier.balanceCents).toBe(balance);

    const ledger = changes.filter((c): c is SyncChange & { data: Line } => c.entity === 'ledgerEntry').map((c) => c.data);
    // The ledger adds up to the balance, and nothing is posted after the Paris date.
    expect(ledger.reduce((sum, line) => sum + line.amountCents, 0)).toBe(balance);
    expect(ledger.map((line) => line.date).sort().at(-1)! <= new Date(startAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })).toBe(true);
    // The month's lines, in the order they were posted.
    const month = ledger.filter((line) => line.period === period).sort((a, b) => a.postingOrder - b.postingOrder);
    expect(month.map((line) => line.kind)).toEqual(kinds);
    expect(month[0]).toMatchObject({ date: `${period}-01`, amountCents: RENT });
    if (kinds.includes('payment')) expect(month.find((line) => line.kind === 'payment')!.amountCents).toBe(kinds.includes('apl') ? -(RENT + CHARGES - APL) : -(RENT + CHARGES));
  });
});
