/**
 * Limits that hold and cannot be turned against tenants (issue 13): sign-in lockout per account
 * AND source with progressive pauses, atomic check-then-count, limits on every password check
 * (change-email, change-password, reset-password), per-tenant daily quotas on payments and writes,
 * all kept in the database so two instances behind a round-robin share them.
 */
import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/src/app';
import type { PasswordHasher } from '../../../server/src/auth/passwords';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { backends, newDevice, pullAll, startServer, type TestServer } from './helpers';

/** A JSON POST from another loopback address (127.0.0.2: another source, as the server sees it). */
function postFrom(localAddress: string, base: string, path: string, body: unknown): Promise<{ status: number; body: any; retryAfter: string | undefined }> {
  const url = new URL(path, base);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (part: string) => (text += part));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, retryAfter: res.headers['retry-after'] as string | undefined }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Counts the password checks (argon2 verify) the server runs. Each check takes 30 ms, as a
 * production argon2id check (19 MiB, 2 passes) does, while the tests' own hashing is nearly free:
 * concurrent attempts then overlap as they would in production.
 */
function countingHasher() {
  const counter = { verifies: 0, hashes: 0 };
  const wrap = (hasher: PasswordHasher): PasswordHasher => ({
    hash: (password) => {
      counter.hashes++;
      return hasher.hash(password);
    },
    verify: async (hashed, password) => {
      counter.verifies++;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return hasher.verify(hashed, password);
    },
    verifyAgainstDummy: async (password) => {
      counter.verifies++;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return hasher.verifyAgainstDummy(password);
    },
  });
  return { counter, wrap };
}

const signInBody = (password: string, email: string = DEMO_ACCOUNT.email) => ({ email, password, device: newDevice() });

describe.each(backends)('sign-in lockout per account and source ($name)', (backend) => {
  let server: TestServer;
  const { counter, wrap } = countingHasher();
  beforeAll(async () => {
    server = await startServer(backend, { wrapHasher: wrap, throttle: { signInPerIp: 1000 } });
  });
  afterAll(() => server.close());

  it('says how many tries are left, then pauses with a delay that grows; the owner elsewhere signs in all along', async () => {
    const attacker = (password = 'Mauvais-Secret-1') => postFrom('127.0.0.2', server.base, '/v1/auth/sign-in', signInBody(password));
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await attacker());
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(answers.slice(0, 5).map((a) => a.body.error.attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    // The fifth failure says when the next try is possible: the first pause is one minute.
    expect(answers[4]!.body.error.retryAfter).toBe(60);
    expect(Number(answers[5]!.retryAfter)).toBeGreaterThan(0);
    expect(Number(answers[5]!.retryAfter)).toBeLessThanOrEqual(60);

    // The owner, from their own address, is not locked out by what happens at the attacker's.
    const owner = await server.api('POST', '/v1/auth/sign-in', { body: signInBody(DEMO_ACCOUNT.password) });
    expect(owner.status).toBe(200);

    // After the pause, one more try; failing it doubles the pause (2 min), and so on.
    server.advance(61_000);
    const sixth = await attacker();
    expect(sixth.status).toBe(401);
    expect(sixth.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', attemptsLeft: 0, retryAfter: 120 });
    expect((await attacker()).status).toBe(429);
    server.advance(121_000);
    expect((await attacker()).body.error.retryAfter).toBe(240);
    // Even the right password waits for the end of the pause at that address.
    expect((await attacker(DEMO_ACCOUNT.password)).status).toBe(429);
    server.advance(241_000);
    expect((await attacker(DEMO_ACCOUNT.password)).status).toBe(200);
    // A success forgets the streak: five tries again.
    expect((await attacker()).body.error.attemptsLeft).toBe(4);
  });

  it('20 concurrent wrong passwords get exactly 5 password checks', async () => {
    const [t] = await server.generate(1);
    const before = counter.verifies;
    const answers = await Promise.all(Array.from({ length: 20 }, () => server.api('POST', '/v1/auth/sign-in', { body: signInBody('Mauvais-Secret-1', t!.email) })));
    expect(counter.verifies - before).toBe(5);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
  });

  it('change-email checks the password under a limit', async () => {
    const [t] = await server.generate(1);
    const session = await server.signIn(t!.email, t!.password);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await server.api('POST', '/v1/auth/change-email', { token: session.accessToken, body: { newEmail: `nouvelle-${i}@example.org`, password: 'Mauvais-Secret-1' } })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The right password too waits for the pause: guessing through this route gains nothing.
    expect((await server.api('POST', '/v1/auth/change-email', { token: session.accessToken, body: { newEmail: 'nouvelle@example.org', password: t!.password } })).status).toBe(429);
  });

  it('reset-password checks the link before hashing anything, under a per-IP limit', async () => {
    const before = { ...counter };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await postFrom('127.0.0.3', server.base, '/v1/auth/reset-password', { token: `faux-jeton-${i}`.padEnd(43, 'x'), password: 'Un-Nouveau-Secret-2026!' });
      statuses.push(res.status);
      if (i === 0) expect(res.body.error.fields).toEqual([{ path: 'token', key: 'fields.linkInvalid', message: 'Ce lien a expiré ou a déjà été utilisé.' }]);
    }
    expect(counter.hashes - before.hashes).toBe(0);
    expect(counter.verifies - before.verifies).toBe(0);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

/** A second Portal API instance on the same database (another process behind a round-robin, as far as state goes). */
async function secondInstance(server: TestServer, options: Parameters<typeof buildServer>[0] extends infer O ? Partial<O> : never = {}): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildServer({ db: server.handle, passwordHashing: 'fast', clock: server.now, sandbox: true, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { app, base: `http://127.0.0.1:${address.port}` };
}

describe.each(backends)('per-tenant quotas, shared by two instances ($name)', (backend) => {
  let server: TestServer;
  let other: { app: FastifyInstance; base: string };
  const quotas = { paymentsPerDay: 4, requestsPerDay: 3, messagesPerDay: 3, changeRequestsPerDay: 2 };
  beforeAll(async () => {
    server = await startServer(backend, { sandbox: true, quotas });
    other = await secondInstance(server, { quotas });
  });
  afterAll(async () => {
    await other.app.close();
    await server.close();
  });

  /** Round-robin: even calls to the first instance, odd ones to the second. */
  let turn = 0;
  async function roundRobin(token: string, path: string, body: unknown, key = randomUUID()) {
    const base = turn++ % 2 === 0 ? server.base : other.base;
    const res = await fetch(base + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any, retryAfter: res.headers.get('retry-after') };
  }

  async function signedIn(t: { email: string; password: string }) {
    const token = (await server.signIn(t.email, t.password)).accessToken;
    const dossierId = (await pullAll(server, token)).changes.find((c) => c.entity === 'dossier')!.id;
    return { token, dossierId };
  }

  it('POST /v1/payments: one tenant cannot use up the shop\'s transaction numbers; the others still pay', async () => {
    const [greedy, neighbour] = await server.generate(2, { withAccounts: true });
    const a = await signedIn(greedy!);
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof roundRobin>> | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await roundRobin(a.token, '/v1/payments', { dossierId: a.dossierId, amountCents: 1000 });
      statuses.push(res.status);
      if (res.status === 429) refusal ??= res;
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429, 429, 429]);
    expect(refusal!.body.error.message).toContain('4 paiements en ligne aujourd\'hui');
    expect(Number(refusal!.retryAfter)).toBeGreaterThan(0);
    const b = await signedIn(neighbour!);
    expect((await roundRobin(b.token, '/v1/payments', { dossierId: b.dossierId, amountCents: 1000 })).status).toBe(201);
    // A day later the tenant can pay again.
    server.advance(24 * 60 * 60_000 + 1000);
    const tomorrow = await signedIn(greedy!);
    expect((await roundRobin(tomorrow.token, '/v1/payments', { dossierId: a.dossierId, amountCents: 1000 })).status).toBe(201);
  });

  it('requests, messages and change requests have daily quotas; a replay or a refused write does not count', async () => {
    const [t] = await server.generate(1, { withAccounts: true });
    const { token, dossierId } = await signedIn(t!);
    const newRequest = (description: string) => ({ kind: 'technical', dossierId, category: 'plomberie', description, permissionToEnter: true });
    // A refused write (empty description) does not use the quota.
    expect((await roundRobin(token, '/v1/requests', newRequest(''))).status).toBe(400);
    const key = randomUUID();
    const first = await roundRobin(token, '/v1/requests', newRequest('Fuite sous l\'évier'), key);
    expect(first.status).toBe(201);
    // The same write sent again (the outbox retrying): replayed, not counted.
    expect((await roundRobin(token, '/v1/requests', newRequest('Fuite sous l\'évier'), key)).status).toBe(201);
    expect((await roundRobin(token, '/v1/requests', newRequest('Robinet qui goutte'))).status).toBe(201);
    expect((await roundRobin(token, '/v1/requests', newRequest('Volet bloqué'))).status).toBe(201);
    const over = await roundRobin(token, '/v1/requests', newRequest('Une de trop'));
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({ code: 'THROTTLED', message: expect.stringContaining('3 demandes aujourd\'hui') });

    const messages = [];
    for (let i = 0; i < 4; i++) messages.push((await roundRobin(token, `/v1/requests/${first.body.id}/messages`, { body: `Message ${i}` })).status);
    expect(messages).toEqual([201, 201, 201, 429]);

    const changes = [
      (await roundRobin(token, '/v1/change-requests/personal-info', { phoneHome: '0139000001' })).status,
      (await roundRobin(token, '/v1/change-requests/personal-info', { phoneHome: '0139000002' })).status,
      (await roundRobin(token, '/v1/change-requests/personal-info', { phoneHome: '0139000003' })).status,
    ];
    expect(changes).toEqual([201, 201, 429]);
  });

  it('the sign-in lockout is shared by the instances', async () => {
    const [t] = await server.generate(1);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const base = i % 2 === 0 ? server.base : other.base;
      const res = await fetch(`${base}/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(signInBody('Mauvais-Secret-1', t!.email)) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
