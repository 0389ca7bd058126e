/**
 * Property: whatever a client sends to any route of the contract, the Portal API never answers
 * 5xx, and every answer is documented for its status, in the media type and schema the OpenAPI
 * document gives (the zod schema of the route's `response` map).
 *
 * Requests come from the server's own OpenAPI document (tests/integration/server/fuzz.ts): every
 * operation of the route table, valid shapes with hostile values mixed in, with and without the
 * demo tenant's token or the staff key; plus unknown routes and methods.
 *
 * Bounded for CI: FUZZ_RUNS requests (default 1000: about 25 s of requests, plus the demo
 * server's start, on PGlite here). Longer runs: `npm run -w server fuzz -- --runs 5000 [--seed N]`
 * (server/scripts/fuzz.ts). A failure prints the seed to replay it with `--seed`.
 */
import { randomBytes } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, API_ROUTES } from '../../../src-shared/api/routes';
import { errorResponseSchema } from '../../../src-shared/api/common';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { backends, pullAll, startServer, type TestServer } from './helpers';
import { Generators, unknownRequest, type GeneratedRequest, type OpenApiOperation } from './fuzz';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
const STAFF_KEY = randomBytes(16).toString('hex');
/** PGlite in CI (one backend keeps it bounded); FUZZ_BACKEND=postgres with TEST_DATABASE_URL for PostgreSQL. */
const BACKEND = backends.find((b) => b.name === (process.env.FUZZ_BACKEND ?? 'pglite'));

type ResponseMap = Record<string, z.ZodType | { content: Record<string, { schema: z.ZodType }> }>;

/** `/requests/:id/messages` -> `/requests/{id}/messages`, as the OpenAPI document writes it. */
const openApiPath = (path: string) => path.replace(/:([a-zA-Z0-9]+)/g, '{$1}');

describe(`the Portal API under generated requests (fast-check, ${BACKEND?.name ?? 'no backend'})`, () => {
  let server: TestServer;
  let token = '';
  const responses = new Map<string, ResponseMap>();
  const serverErrors: string[] = [];

  beforeAll(async () => {
    if (!BACKEND) throw new Error(`FUZZ_BACKEND=${process.env.FUZZ_BACKEND}: no such backend (PostgreSQL needs TEST_DATABASE_URL)`);
    server = await startServer(BACKEND, {
      adminApiKey: STAFF_KEY,
      // An error the server logs is a problem even when the client got a fine answer (a write
      // that ran again behind a replayed answer did). FUZZ_LOG=1 also prints them.
      logLevel: 'error',
      logStream: { write: (line: string) => void serverErrors.push(line) },
      // Generated sign-ins with the demo email must not lock the demo tenant out of the test.
      throttle: { signInPerAccount: 1_000_000, signInPerIp: 1_000_000 },
      onRoute: (route: RouteOptions) => {
        const response = (route.schema as { response?: ResponseMap } | undefined)?.response;
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) if (response) responses.set(`${method} ${openApiPath(route.url)}`, response);
      },
    });
    token = (await server.signIn()).accessToken;
  }, 120_000);
  afterAll(() => server?.close());

  it(`never answers 5xx, and answers as documented (${RUNS} requests)`, async () => {
    const all = await pullAll(server, token, undefined, 1000);
    const idsOf = (entity: string) => all.changes.filter((c) => c.entity === entity).map((c) => c.id);
    const generators = new Generators({
      uuids: [...idsOf('dossier'), ...idsOf('request'), ...idsOf('document').slice(0, 3)],
      emails: [DEMO_ACCOUNT.email],
      dossierNumbers: ['0123456789', '0000000000'],
      sha256s: all.changes.flatMap((c) => (c.entity === 'document' && c.data ? [(c.data as { sha256: string }).sha256] : [])).slice(0, 3),
      strings: ['DUPONT', 'MARTINE', '1000123456', '1970-01-01', DEMO_ACCOUNT.password, 'plomberie'],
    });

    const document = server.app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOperation>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })));
    // Every route of the route table is generated, and nothing else.
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(Object.values(API_ROUTES).map((r) => `${r.method} ${API_PREFIX}${openApiPath(r.path)}`).sort());

    const tokens = { tenant: () => token, staffKey: STAFF_KEY };
    const request = fc.oneof(
      { weight: 30, arbitrary: fc.oneof(...operations.map((o) => generators.request(o.method, o.path, o.operation, tokens))) },
      { weight: 1, arbitrary: unknownRequest },
    );

    const problems = new Map<string, string>();
    const statuses = new Map<number, number>();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(request, async (generated) => {
        serverErrors.length = 0;
        const answer = await send(generated, document.paths);
        const { status } = answer;
        let { problem } = answer;
        // The server logs after the answer is sent: let it finish.
        await new Promise((resolve) => setImmediate(resolve));
        if (!problem && serverErrors.length > 0) problem = `server logged: ${serverErrors.map(logMessage).join(' / ')}`;
        if (process.env.FUZZ_LOG && serverErrors.length > 0) console.log(serverErrors.join('\n'));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        // One line per route, status and kind of problem: the first example of each is enough.
        if (problem) {
          const key = `${generated.operation ?? 'unknown route'} ${status} ${problem.slice(0, 60)}`;
          if (!problems.has(key)) problems.set(key, `${generated.method} ${generated.url.slice(0, 160)} [${generated.auth}] ${JSON.stringify(generated.headers).slice(0, 160)} body=${String(generated.body ?? '').slice(0, 200)} -> ${status}: ${problem}`);
        }
        // A sign-out with the tenant's token ends its session: sign in again for what follows.
        if (generated.operation === `POST ${API_PREFIX}${API_ROUTES.signOut.path}` && status === 200 && generated.auth === 'tenant') token = (await server.signIn()).accessToken;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`api fuzz: ${RUNS} requests in ${seconds.toFixed(1)} s (seed ${SEED}); statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    expect([...problems.values()], `seed ${SEED}`).toEqual([]);
  }, Math.max(600_000, RUNS * 200));

  /** Sends one request; the problem with its answer, if any. */
  async function send(generated: GeneratedRequest, paths: Record<string, Record<string, OpenApiOperation>>): Promise<{ status: number; problem?: string }> {
    const response = await fetch(server.base + generated.url, {
      method: generated.method,
      headers: generated.headers,
      body: generated.body as RequestInit['body'],
      signal: AbortSignal.timeout(30_000),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const status = response.status;
    const text = bytes.toString('utf8');
    if (status >= 500) return { status, problem: `server error ${text.slice(0, 300)}` };
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    if (generated.operation === null) {
      if (status >= 400 && !errorResponseSchema.safeParse(safeJson(text)).success) return { status, problem: `not the error shape: ${text.slice(0, 200)}` };
      return { status };
    }
    const [method, path] = generated.operation.split(' ') as [string, string];
    const documented = paths[path]?.[method.toLowerCase()]?.responses[String(status)];
    const schema = responses.get(generated.operation)?.[String(status)];
    if (!documented || !schema) return { status, problem: 'status not documented' };
    const declaredTypes = Object.keys(documented.content ?? {});
    if (!declaredTypes.includes(mediaType)) return { status, problem: `answered ${mediaType || 'no content type'}, documented ${declaredTypes.join(', ')}` };
    const zod = 'content' in schema ? schema.content[mediaType]!.schema : schema;
    const body = mediaType === 'application/json' ? safeJson(text) : text;
    const parsed = zod.safeParse(body);
    if (!parsed.success) return { status, problem: `does not match its schema: ${JSON.stringify(parsed.error.issues).slice(0, 300)} in ${text.slice(0, 200)}` };
    return { status };
  }
});

/** "msg: error message" of a JSON log line. */
function logMessage(line: string): string {
  const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
  return `${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message.slice(0, 200)}` : ''}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return Symbol('not JSON');
  }
}
