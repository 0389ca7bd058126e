/**
 * Several server instances on one PostgreSQL (issue 17): two instances, each with its own pool,
 * behind a round-robin proxy on loopback (every request goes to the other instance than the one
 * before). What one instance stored the other must honour: sessions, an Idempotency-Key (the same
 * write sent at once to both is done once, both answers are that write's), the throttle counters,
 * and a month's publishing started on both at once (one notice per dossier, not two).
 * PostgreSQL only: PGlite is one process's embedded database, it cannot be shared.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/src/app';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/client';
import * as t from '../../../server/src/db/schema';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { addMonths } from '../../../src-shared/validation/dates';
import { testClock, todayBy } from '../../helpers/clock';

const pgUrl = process.env.TEST_DATABASE_URL;
const KEY = 'cle-admin-multi-instance-0123456789';
if (!pgUrl) console.log('multi-instance.test.ts skipped: TEST_DATABASE_URL is not set (two instances need a shared PostgreSQL).');

/** A round-robin HTTP proxy: request n goes to targets[n % targets.length]. */
async function startRoundRobin(targets: string[]): Promise<{ url: string; served: number[]; close(): Promise<void> }> {
  const served = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const index = next++ % targets.length;
    served[index]!++;
    const upstream = new URL(targets[index]!);
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forward.on('error', () => incoming.socket.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe.skipIf(!pgUrl)('two server instances on one PostgreSQL, behind a round-robin proxy (PostgreSQL only: runs with TEST_DATABASE_URL)', () => {
  const name = `portal_t_${randomBytes(6).toString('hex')}`;
  const clock = testClock().clock;
  const dataKey = randomBytes(32);
  const handles: DatabaseHandle[] = [];
  const apps: FastifyInstance[] = [];
  let proxy: Awaited<ReturnType<typeof startRoundRobin>>;

  const call = async (method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(proxy.url + path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, replayed: response.headers.get('idempotent-replayed') };
  };
  const signIn = async (password: string = DEMO_ACCOUNT.password) => call('POST', '/v1/auth/sign-in', { body: { email: DEMO_ACCOUNT.email, password, device: { id: randomUUID(), name: 'Test PC' } } });
  const db = () => handles[0]!.db;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(pgUrl!);
    url.pathname = `/${name}`;
    // One after the other: the first migrates, the second finds it done.
    for (const demo of [true, false]) {
      const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
      handles.push(handle);
      const app = await buildServer({ db: handle, passwordHashing: 'fast', mail: { kind: 'memory', from: 'test@localhost', sent: [] }, clock, dataKey, demo, adminApiKey: KEY });
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
    }
    proxy = await startRoundRobin(apps.map((app) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`));
  });

  afterAll(async () => {
    await proxy?.close();
    for (const app of apps) await app.close();
    for (const handle of handles) await handle.close();
    const dropper = new pg.Client({ connectionString: pgUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  });

  it('a session opened on one instance is honoured by the other', async () => {
    const session = await signIn();
    expect(session.status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await call('GET', '/v1/sync', { token: session.body.accessToken })).status).toBe(200);
    expect(proxy.served.every((n) => n >= 2)).toBe(true);
  });

  it('the same write with the same Idempotency-Key sent to both instances at once is done once, and both answers are that write', async () => {
    const { accessToken } = (await signIn()).body;
    const [dossier] = await db().select().from(t.dossiers).where(eq(t.dossiers.number, '0123456789'));
    const key = randomUUID();
    const body = { kind: 'administrative', dossierId: dossier!.id, serviceId: 'quittancement', subject: 'Régularisation des charges', description: 'Pouvez-vous m\'expliquer la régularisation ?' };
    const answers = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/v1/requests', { token: accessToken, body, headers: { 'idempotency-key': key } })));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.replayed === 'true').length).toBe(5);
    expect(await db().select().from(t.requests).where(eq(t.requests.id, key))).toHaveLength(1);
  });

  it('throttling is shared: failed sign-ins counted on both instances lock the account on both', async () => {
    // 5 failed sign-ins per submitted email per window (DEFAULT_THROTTLE_LIMITS), spread over both instances.
    const failures = [];
    for (let i = 0; i < 5; i++) failures.push((await signIn('mauvais-mot-de-passe')).status);
    expect(failures).toEqual([401, 401, 401, 401, 401]);
    // The 6th and 7th land on each instance in turn: both refuse, even with the right password.
    expect((await signIn()).status).toBe(429);
    expect((await signIn()).status).toBe(429);
  });

  it("a month's publishing started on both instances at once gives one notice per dossier", async () => {
    const period = addMonths(todayBy(clock).slice(0, 7), 2);
    const admin = (method: string, path: string, body?: unknown) => call(method, `/v1/admin${path}`, { body, headers: { 'x-api-key': KEY } });
    expect((await admin('POST', '/dossiers/0123456789/ledger', { entries: [{ date: `${period}-01`, kind: 'rent', label: 'Loyer', amountCents: 41235, period }] })).status).toBe(201);
    const [first, second] = await Promise.all([admin('POST', '/notices', { period }), admin('POST', '/notices', { period })]);
    expect([first!.status, second!.status]).toEqual([200, 200]);
    // One run published it, the other found it published (unchanged), whichever got there first.
    expect([first!.body.published, second!.body.published].sort()).toEqual([0, 1]);
    expect(first!.body.unchanged + second!.body.unchanged).toBe(1);
    const [dossier] = await db().select().from(t.dossiers).where(eq(t.dossiers.number, '0123456789'));
    const live = await db().select().from(t.documents).where(and(eq(t.documents.dossierId, dossier!.id), eq(t.documents.period, period), eq(t.documents.deleted, false)));
    expect(live).toHaveLength(1);
  });
});
