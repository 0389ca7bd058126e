/**
 * Benchmark of GET /v1/sync with 1,000 generated tenants (12 months of ledger each), beside a
 * Fastify hello-world measured in the same run on the same machine. Prints a table; asserts
 * nothing. Run: `npm run -w server bench:sync` (env: BENCH_TENANTS, BENCH_SECONDS,
 * BENCH_CONNECTIONS, BENCH_DATABASE_URL to run on PostgreSQL instead of PGlite).
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { apiPath } from '../../src-shared/api/routes';
import { buildServer } from '../../server/src/app';
import { openDatabase } from '../../server/src/db/client';
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

let next = 0;
const pick = () => sessions[next++ % sessions.length]!;

async function measure(name: string, url: string, path: (s: { token: string; cursor: string }) => string | null) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
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

const rows = [
  await measure('Fastify hello-world', helloBase, () => null),
  await measure('GET /v1/sync first sync (page of 500)', base, () => apiPath('sync')),
  await measure('GET /v1/sync no-op (cursor up to date)', base, (s) => `${apiPath('sync')}?cursor=${s.cursor}`),
];

console.log(`\nserver-sync bench: ${TENANTS} tenants, ${SESSIONS} sessions, ${CONNECTIONS} connections, ${SECONDS} s each, database ${handle.kind}, node ${process.version}\n`);
console.log('| scenario | requests/s | p50 ms | p99 ms | non-2xx/errors | KB/s |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.bytes / 1024).toFixed(0)} |`);

await hello.close();
await app.close();
await handle.close();
