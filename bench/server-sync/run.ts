/**
 * Benchmark of GET /v1/sync with 1,000 generated tenants (12 months of ledger each), beside a
 * Fastify hello-world and the no-op sync's floor (bare Fastify + the driver running the same two
 * queries, prepared) measured in the same run on the same machine. Prints a table; asserts
 * nothing. Run: `npm run -w server bench:sync` (env: BENCH_TENANTS, BENCH_SECONDS,
 * BENCH_CONNECTIONS, BENCH_DATABASE_URL to run on PostgreSQL instead of PGlite).
 */
import { createHash, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { apiPath } from '../../src-shared/api/routes';
import { buildServer } from '../../server/src/app';
import { openDatabase } from '../../server/src/db/client';
import { runNamed } from '../../server/src/db/prepared';
import { createDataCipher } from '../../server/src/crypto/data-key';
import { createPasswordHasher, FAST_TEST_HASHING } from '../../server/src/auth/passwords';
import { generateTenants } from '../../server/src/demo/demo-data';
import type { SessionResponse } from '../../src-shared/api/auth';
import type { SyncPage } from '../../src-shared/api/sync';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SESSIONS = Math.min(TENANTS, 200);

const dataKey = Buffer.alloc(32, 7);
const handle = await openDatabase(process.env.BENCH_DATABASE_URL ? { kind: 'postgres', url: process.env.BENCH_DATABASE_URL } : { kind: 'pglite' });
let started = Date.now();
const tenants = await generateTenants({ db: handle.db, cipher: createDataCipher(dataKey), hasher: createPasswordHasher(FAST_TEST_HASHING), now: new Date() }, TENANTS, { seed: 7, months: 12 });
console.log(`generated ${TENANTS} tenants on ${handle.kind} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// Hashing cost is not what is measured here: sessions are created with the light test parameters.
const app = await buildServer({ db: handle, passwordHashing: 'fast', dataKey, throttle: { signInPerIp: 1_000_000 } });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

started = Date.now();
const sessions: { token: string; cursor: string }[] = [];
for (const t of tenants.slice(0, SESSIONS)) {
  const res = await fetch(`${base}${apiPath('signIn')}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: t.email, password: t.password, device: { id: randomUUID(), name: 'bench' } }) });
  const session = (await res.json()) as SessionResponse;
  let cursor: string | undefined;
  for (;;) {
    const page = (await (await fetch(`${base}${apiPath('sync')}${cursor ? `?cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${session.accessToken}` } })).json()) as SyncPage;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  sessions.push({ token: session.accessToken, cursor: cursor! });
}
console.log(`${SESSIONS} sessions signed in and synced once in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));
await hello.listen({ port: 0, host: '127.0.0.1' });
const helloBase = `http://127.0.0.1:${(hello.server.address() as { port: number }).port}`;

// The floor of a no-op sync: bare Fastify and the bare driver running the same two queries as the
// server (the session of the token's hash, then the tenant's versions), prepared, on the same
// database, answering the same caught-up page. No drizzle, no zod, no hooks.
type Query = (name: string, text: string, values: unknown[]) => Promise<Record<string, unknown>[]>;
let query: Query;
let closeFloorDb = async () => {};
if (process.env.BENCH_DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });
  query = async (name, text, values) => (await pool.query({ name, text, values })).rows;
  closeFloorDb = () => pool.end();
} else {
  // PGlite keeps no statements by name: the server PREPAREs its hot queries once (db/prepared.ts), so does the floor.
  query = (name, text, values) => runNamed(handle.db, name, text, values as (string | number)[]);
}
const floor = Fastify();
floor.get('/floor', async (request, reply) => {
  const token = /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token) return reply.code(401).send();
  const [session] = await query(
    'floor_session',
    'select s.id, s.family_id, s.account_id, a.tenant_id, s.used_at from sessions s inner join accounts a on a.id = s.account_id where s.access_hash = $1 and s.revoked_at is null and s.access_expires_at > $2',
    [createHash('sha256').update(token).digest('hex'), new Date().toISOString()],
  );
  if (!session) return reply.code(401).send();
  const [tenant] = await query('floor_tenant', 'select min_cursor_version, sync_version from tenants where id = $1', [session.tenant_id]);
  const cursor = (request.query as { cursor?: string }).cursor ?? '';
  return { changes: [], cursor, hasMore: false, v: tenant?.sync_version };
});
await floor.listen({ port: 0, host: '127.0.0.1' });
const floorBase = `http://127.0.0.1:${(floor.server.address() as { port: number }).port}`;

let next = 0;
const pick = () => sessions[next++ % sessions.length]!;

async function measure(name: string, url: string, path: (s: { token: string; cursor: string }) => string | null, seconds = SECONDS) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const s = pick();
          const p = path(s);
          const headers: Record<string, string> = p ? { authorization: `Bearer ${s.token}` } : {};
          return { ...request, path: p ?? '/', headers };
        },
      },
    ],
  });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors, bytes: result.throughput.average };
}

const rows = [await measure('Fastify hello-world', helloBase, () => null), await measure('GET /v1/sync first sync (page of 500)', base, () => apiPath('sync'))];
// The floor and the no-op in turns, three rounds each: on a shared machine the load drifts
// within seconds, and a ratio of two figures taken at different times says little.
const rounds: { floor: Awaited<ReturnType<typeof measure>>[]; noop: Awaited<ReturnType<typeof measure>>[] } = { floor: [], noop: [] };
for (let round = 0; round < 3; round++) {
  rounds.floor.push(await measure("floor: bare Fastify + driver, the no-op's 2 queries prepared", floorBase, (s) => `/floor?cursor=${s.cursor}`, SECONDS / 3));
  rounds.noop.push(await measure('GET /v1/sync no-op (cursor up to date)', base, (s) => `${apiPath('sync')}?cursor=${s.cursor}`, SECONDS / 3));
}
const mean = (list: Awaited<ReturnType<typeof measure>>[]) => ({
  ...list[0]!,
  rps: list.reduce((sum, r) => sum + r.rps, 0) / list.length,
  p50: Math.max(...list.map((r) => r.p50)),
  p99: Math.max(...list.map((r) => r.p99)),
  errors: list.reduce((sum, r) => sum + r.errors, 0),
  bytes: list.reduce((sum, r) => sum + r.bytes, 0) / list.length,
});
rows.push(mean(rounds.floor), mean(rounds.noop));

console.log(`\nserver-sync bench: ${TENANTS} tenants, ${SESSIONS} sessions, ${CONNECTIONS} connections, ${SECONDS} s each, database ${handle.kind}, node ${process.version}\n`);
console.log('| scenario | requests/s | p50 ms | p99 ms | non-2xx/errors | KB/s |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.bytes / 1024).toFixed(0)} |`);
console.log(`\nno-op sync / floor: ${((rows[3]!.rps / rows[2]!.rps) * 100).toFixed(0)} % (goal: at least 90 % on PostgreSQL; floor and no-op measured in 3 alternating rounds, p50/p99 the worst round)`);

await hello.close();
await floor.close();
await closeFloorDb();
await app.close();
await handle.close();
