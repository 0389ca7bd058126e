/**
 * The staff console's queues at a landlord's scale (issue 19): N tenants (default 100,000), a
 * dossier each spread over 50 residences, one request each (technical or administrative, every
 * status, ages over two years), written in bulk by SQL. Then each queue query as the console
 * sends it (server/src/staff/queries.ts), 20 times: the median and the slowest, beside the floor
 * measured in the same run (a primary-key look-up of one request, the least a page can cost).
 * Asserts nothing.
 *
 * Run: `npx tsx bench/staff-queues/run.ts [--tenants 100000]`; BENCH_DATABASE_URL runs it on
 * PostgreSQL (an empty database) instead of PGlite in memory. CPU-heavy: `nice -n 10`.
 */
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../server/src/db/client';
import { requests } from '../../server/src/db/schema';
import { listStaffChangeRequests, listStaffRequests, listStaffTenants, type StaffScope } from '../../server/src/staff/queries';
import { systemClock } from '../../src-shared/clock';

const { values } = parseArgs({ options: { tenants: { type: 'string' } } });
const N = Number(values.tenants ?? 100_000);
const RESIDENCES = 50;
const RUNS = 20;

const handle = await openDatabase(process.env.BENCH_DATABASE_URL ? { kind: 'postgres', url: process.env.BENCH_DATABASE_URL } : { kind: 'pglite' });
const db = handle.db;
const now = systemClock();

const started = performance.now();
await db.execute(sql`insert into residences (id, code, name, address_line, postal_code, city, caretaker_name, caretaker_phone, caretaker_hours, lodge_address, created_at, updated_at)
  select ('00000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 'RES-' || i, 'Résidence ' || i, i || ' rue des Lilas', '78000', 'VERSAILLES', 'M. Gardien ' || i, '06.00.00.00.00', 'du lundi au vendredi', 'Loge ' || i, now(), now()
  from generate_series(1, ${RESIDENCES}) i`);
await db.execute(sql`insert into tenants (id, reference, civility, last_name, first_name, birth_date, sync_version, version, created_at, updated_at)
  select ('10000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, (2000000000 + i)::text, 'Mme', (array['MARTIN','BERNARD','THOMAS','PETIT','ROBERT','RICHARD','DURAND','DUBOIS','MOREAU','LAURENT'])[1 + i % 10] || i % 997, 'MARIE', '1970-01-01', 1, 1, now(), now()
  from generate_series(1, ${N}) i`);
await db.execute(sql`insert into dossiers (id, tenant_id, version, updated_at, number, address_line, postal_code, city, residence_id)
  select ('20000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('10000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 1, now(), (3000000000 + i)::text, i || ' rue des Lilas', '78000', 'VERSAILLES',
    ('00000000-0000-4000-8000-' || lpad((1 + i % ${RESIDENCES})::text, 12, '0'))::uuid
  from generate_series(1, ${N}) i`);
await db.execute(sql`insert into requests (id, tenant_id, dossier_id, version, updated_at, number, kind, category, subject, description, permission_to_enter, status, created_at)
  select ('30000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('10000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('20000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 1, now(),
    4000000 + i, case when i % 3 = 0 then 'administrative' else 'technical' end, (array['plomberie','chauffage','electricite','serrurerie','autre'])[1 + i % 5], 'Demande ' || i, 'x', true,
    (array['open','in_progress','closed','closed','cancelled'])[1 + i % 5], now() - (i % 730) * interval '1 day'
  from generate_series(1, ${N}) i`);
await db.execute(sql`insert into change_requests (id, tenant_id, dossier_id, version, updated_at, kind, summary, payload, status, created_at)
  select ('40000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('10000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, ('20000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, 1, now(),
    'personal_info', '{}', '{}', (array['pending','approved','refused'])[1 + i % 3], now() - (i % 365) * interval '1 day'
  from generate_series(1, ${N} / 10) i`);
await db.execute(sql`analyze`);
console.error(`filled ${N} tenants, dossiers and requests, ${N / 10} change requests in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const caretaker: StaffScope = { role: 'caretaker', residenceIds: ['00000000-0000-4000-8000-000000000007'] };
const adviser: StaffScope = { role: 'adviser', residenceIds: [] };
const administrator: StaffScope = { role: 'administrator', residenceIds: [] };

async function time(run: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(RUNS / 2)]!, max: ms.at(-1)! };
}

const floor = await time(() => db.select({ id: requests.id }).from(requests).where(eq(requests.id, '30000000-0000-4000-8000-000000000042')));
const cases: [string, () => Promise<{ total: number }>][] = [
  ['caretaker: open technical requests of one residence, page 1', () => listStaffRequests(db, caretaker, { status: 'open', page: 1 }, now)],
  ['caretaker: all their requests, page 10', () => listStaffRequests(db, caretaker, { page: 10 }, now)],
  ['adviser: open administrative requests, page 1', () => listStaffRequests(db, adviser, { status: 'open', page: 1 }, now)],
  ['administrator: every open request, page 1', () => listStaffRequests(db, administrator, { status: 'open', page: 1 }, now)],
  ['administrator: open, one residence, chauffage, 30+ days', () => listStaffRequests(db, administrator, { status: 'open', residenceId: caretaker.residenceIds[0], category: 'chauffage', minAgeDays: 30, page: 1 }, now)],
  ['administrator: search by request number', () => listStaffRequests(db, administrator, { q: '4050000', page: 1 }, now)],
  ['administrator: search by tenant name', () => listStaffRequests(db, administrator, { q: 'PETIT33', page: 1 }, now)],
  ['administrator: every request, page 1000', () => listStaffRequests(db, administrator, { page: 1000 }, now)],
  ['adviser: pending change requests, page 1', () => listStaffChangeRequests(db, { status: 'pending', page: 1 })],
  ['accounting: tenants search by name, page 1', () => listStaffTenants(db, { q: 'DURAND', page: 1 })],
  ['accounting: tenants of one residence, page 1', () => listStaffTenants(db, { residenceId: caretaker.residenceIds[0], page: 1 })],
];
const rows: string[][] = [['query', 'total', 'median ms', 'max ms', 'x floor']];
rows.push([`floor: one request by primary key`, '1', floor.median.toFixed(2), floor.max.toFixed(2), '1']);
for (const [name, run] of cases) {
  const { total } = await run();
  const t = await time(run);
  rows.push([name, String(total), t.median.toFixed(1), t.max.toFixed(1), (t.median / floor.median).toFixed(0)]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(`staff queues, ${N} tenants (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}), ${RUNS} runs each`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
await handle.close();
