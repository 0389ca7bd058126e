/**
 * Test harness of the Portal API server: real HTTP on 127.0.0.1, a fresh database per suite.
 * Backends: PGlite in memory always; PostgreSQL too when TEST_DATABASE_URL is set (a fresh
 * database is created per suite and dropped after).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { buildServer, type BuildServerOptions } from '../../../server/src/app';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/client';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { createPasswordHasher, FAST_TEST_HASHING } from '../../../server/src/auth/passwords';
import { DEMO_ACCOUNT, generateTenants, type GeneratedTenant } from '../../../server/src/demo/demo-data';
import type { MailMessage } from '../../../server/src/mail/mailer';
import type { SessionResponse } from '../../../src-shared/api/auth';
import { syncResponseSchema, type SyncChange, type SyncPage } from '../../../src-shared/api/sync';
import { TEST_NOW, testClock } from '../../helpers/clock';
import { tinyPdf, tinyPng } from '../../helpers/files';

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<DatabaseHandle>;
}

async function openFreshPostgres(adminUrl: string): Promise<DatabaseHandle> {
  const name = `portal_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
  return {
    ...handle,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const pgUrl = process.env.TEST_DATABASE_URL;
export const backends: Backend[] = [
  { name: 'pglite', open: () => openDatabase({ kind: 'pglite' }) },
  ...(pgUrl ? [{ name: 'postgres' as const, open: () => openFreshPostgres(pgUrl) }] : []),
];
if (!pgUrl) console.log('TEST_DATABASE_URL is not set: server suites run on PGlite only (PostgreSQL variant not registered).');

/** Answers are read field by field in the tests (status codes, error shapes): untyped JSON on purpose. */
type Json = any;

export interface ApiResult<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestServer {
  app: FastifyInstance;
  base: string;
  handle: DatabaseHandle;
  mail: MailMessage[];
  /** Moves the server's clock by `ms`; negative steps back (tests undo a jump once they checked an expiry). */
  advance(ms: number): void;
  /** The server's clock: starts at `startAt` (default TEST_NOW) and runs at real speed. */
  now(): Date;
  api<T = Json>(method: string, path: string, options?: { body?: unknown; token?: string; headers?: Record<string, string> }): Promise<ApiResult<T>>;
  signIn(email?: string, password?: string): Promise<SessionResponse>;
  generate(count: number, options?: { seed?: number; withAccounts?: boolean }): Promise<GeneratedTenant[]>;
  close(): Promise<void>;
}

/** `startAt`: the instant the server's clock starts at (the demo data is built from its Paris date). */
export async function startServer(backend: Backend, { startAt = TEST_NOW, ...options }: Partial<BuildServerOptions> & { startAt?: string } = {}): Promise<TestServer> {
  const handle = await backend.open();
  // The pinned clock only goes forward; a test server may also step back, so a test that jumped
  // past an expiry can put the time back for the file's next tests.
  const pinned = testClock(startAt).clock;
  let offset = 0;
  const clock = () => new Date(pinned().getTime() + offset);
  const mail: MailMessage[] = [];
  const dataKey = randomBytes(32);
  let generated = 0;
  const app = await buildServer({
    db: handle,
    passwordHashing: 'fast',
    mail: { kind: 'memory', from: 'test@localhost', sent: mail },
    clock,
    dataKey,
    demo: true,
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const base = `http://127.0.0.1:${address.port}`;

  const api: TestServer['api'] = async (method, path, { body, token, headers = {} } = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    if (token) (init.headers as Record<string, string>).authorization = `Bearer ${token}`;
    const response = await fetch(base + path, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed as Json, headers: response.headers };
  };

  return {
    app,
    base,
    handle,
    mail,
    advance: (ms) => void (offset += ms),
    now: clock,
    api,
    async signIn(email = DEMO_ACCOUNT.email, password = DEMO_ACCOUNT.password) {
      const res = await api('POST', '/v1/auth/sign-in', { body: { email, password, device: { id: randomUUID(), name: 'Test PC' } } });
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as SessionResponse;
    },
    async generate(count, generateOptions = {}) {
      const firstIndex = generated;
      generated += count;
      return generateTenants({ db: handle.db, cipher: createDataCipher(dataKey), hasher: createPasswordHasher(FAST_TEST_HASHING), now: clock() }, count, { ...generateOptions, firstIndex });
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

/** Polls until `predicate` holds (mail is sent after the answer, by design). */
export async function waitFor<T>(read: () => T | undefined | null, timeoutMs = 3000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const newDevice = (name = 'PC de test') => ({ id: randomUUID(), name });

/** Real files (the server parses PDFs and decodes PNGs): different `text` / `seed`, different bytes. */
export const samplePdf = (text = 'attestation') => tinyPdf(text);
export const samplePng = (seed = 'photo') => tinyPng(seed);

/** PUT /v1/uploads/{id} with the right hash; returns the fetch Response. */
export async function upload(server: TestServer, token: string, bytes: Buffer, options: { id?: string; contentType?: string; sha256?: string } = {}): Promise<Response> {
  const { createHash } = await import('node:crypto');
  return fetch(`${server.base}/v1/uploads/${options.id ?? randomUUID()}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': options.contentType ?? 'application/octet-stream',
      'x-content-sha256': options.sha256 ?? createHash('sha256').update(bytes).digest('hex'),
    },
    body: bytes,
  });
}

/** POST with a fresh (or given) Idempotency-Key. */
export function write(server: TestServer, token: string, path: string, body: unknown, key: string = randomUUID()) {
  return server.api('POST', path, { token, body, headers: { 'idempotency-key': key } });
}

/** Pulls every page from `cursor`; returns the changes and the final cursor. */
export async function pullAll(server: TestServer, token: string, cursor?: string, limit = 50): Promise<{ changes: SyncChange[]; cursor: string; pages: number }> {
  const changes: SyncChange[] = [];
  let pages = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await server.api('GET', `/v1/sync?${query}`, { token });
    if (res.status !== 200) throw new Error(`sync failed: ${res.status} ${JSON.stringify(res.body)}`);
    const page = syncResponseSchema.parse(res.body) as SyncPage;
    pages++;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor, pages };
  }
}


export interface SignedIn {
  server: TestServer;
  token: string;
  /** The demo tenant's dossier and one of their requests, from the first sync. */
  dossierId: string;
  requestId: string;
  /** The cursor after the first sync: what a test writes comes after it. */
  cursor: string;
}

/** A server with the demo tenant signed in and synced once: where the area write tests start. */
async function startSignedIn(backend: Backend, options: Partial<BuildServerOptions> = {}): Promise<SignedIn> {
  const server = await startServer(backend, options);
  const token = (await server.signIn()).accessToken;
  const all = await pullAll(server, token, undefined, 1000);
  return {
    server,
    token,
    dossierId: all.changes.find((c) => c.entity === 'dossier')!.id,
    requestId: all.changes.find((c) => c.entity === 'request')!.id,
    cursor: all.cursor,
  };
}

/**
 * For a describe block: starts the signed-in demo server before its tests and closes it after;
 * `options` go to buildServer. The object returned is filled in by then (`const { server, token } = demo` inside a test).
 */
export function useSignedInDemo(backend: Backend, options: Partial<BuildServerOptions> = {}): SignedIn {
  const demo = {} as SignedIn;
  beforeAll(async () => {
    Object.assign(demo, await startSignedIn(backend, options));
  });
  afterAll(() => demo.server.close());
  return demo;
}
