/**
 * A real Portal API server for desktop tests, on 127.0.0.1, with demo data in an in-memory
 * PGlite, that a test can stop and start again on the same port with the same data (to play
 * "the server is down" for real: connections refused, not mocked).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildServer, type BuildServerOptions } from '../../server/src/app';
import { openDatabase, type DatabaseHandle } from '../../server/src/db/client';
import type { Clock } from '../../src-shared/clock';
import { TEST_NOW, testClock } from './clock';

export interface RestartableServer {
  url: string;
  handle: DatabaseHandle;
  dataKey: Buffer;
  /** The server's clock (from `startAt`, default TEST_NOW): give it to the desktop core too, so both agree on the day. */
  clock: Clock;
  advance(ms: number): void;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** `startAt`: where the server's clock starts (default TEST_NOW); `server`: more buildServer options (sandbox, payments...). */
export async function startPortalServer(options: { startAt?: string; server?: Partial<BuildServerOptions> } = {}): Promise<RestartableServer> {
  // One clock for the server's whole life: a restart continues from where time was, it does not start over.
  const { clock, advance } = testClock(options.startAt ?? TEST_NOW);
  const handle = await openDatabase({ kind: 'pglite' });
  const dataKey = randomBytes(32);
  let app: FastifyInstance | null = null;
  let port = 0;

  async function start() {
    app = await buildServer({ db: handle, passwordHashing: 'fast', mail: { kind: 'memory', from: 'test@localhost', sent: [] }, dataKey, demo: true, clock, ...options.server });
    await app.listen({ port, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    port = address.port;
  }

  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    handle,
    dataKey,
    clock,
    advance,
    start,
    async stop() {
      await app?.close();
      app = null;
    },
    async close() {
      await app?.close();
      await handle.close();
    },
  };
}
