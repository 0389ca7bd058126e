/**
 * Crash test of the data layer: the main process is killed (SIGKILL) at random instants while
 * it queues writes, drains the outbox and pulls changes, 200 times. After each kill the cache
 * passes SQLite's integrity check; at the end every write that was acknowledged reached the
 * server exactly once, none was lost, and the mirror agrees with the server.
 *
 * The worker is bundled once with esbuild (a plain `node` start per life instead of a TS
 * transpile), so the 200 lives fit in about a minute or two.
 */
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPostLedger } from '../../../server/src/admin/service';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import * as serverSchema from '../../../server/src/db/schema';
import { createRouter } from '../../../src-main/ipc/router';
import { createTestCore, projectRoot, temporaryFolder } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';
import { CLOCK_START_ENV, todayBy } from '../../helpers/clock';

const LIVES = Number(process.env.CRASH_LIVES ?? 200);

interface Life {
  queued: { id: string; body: string }[];
  lines: string[];
  code: number | null;
}

describe('crash safety of the sync and the outbox', () => {
  let server: RestartableServer;
  const folder = temporaryFolder('el-crash-');
  let bundle: string;
  let requestId: string;
  let dossierNumber: string;

  beforeAll(async () => {
    // Its 200 lives send several hundred messages for one tenant: more than the daily quota of a
    // real tenant (limits.test.ts tests the quota; here it would only hold the outbox back).
    server = await startPortalServer({ server: { quotas: { messagesPerDay: 100_000, requestsPerDay: 100_000 } } });
    // Inside the project (git-ignored .tmp/) so the bundle's imports resolve from node_modules.
    bundle = join(projectRoot, '.tmp', `crash-worker-${process.pid}.mjs`);
    await build({
      entryPoints: [join(import.meta.dirname, 'crash', 'worker.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      define: { 'import.meta.dirname': JSON.stringify(join(projectRoot, 'tests', 'helpers')) },
      logLevel: 'error',
    });
    // Sign in once; every life restores the session from the encrypted refresh token.
    const { core } = createTestCore({ serverUrl: server.url, userDataDir: join(folder.path, 'user-data'), now: server.clock });
    const router = createRouter({ handlers: core.handlers, trustedOrigins: ['app://portal'] });
    const call = async (name: string, input: unknown = {}) => {
      const result = await router(name, input, { origin: 'app://portal', isMainFrame: true });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value as any;
    };
    await call('session.signIn', DEMO_ACCOUNT);
    await core.syncIdle();
    const home = await call('home.get');
    dossierNumber = home.dossiers[0].number;
    // The request the lives will write messages on.
    ({ id: requestId } = await call('requests.create', {
      kind: 'technical',
      dossierId: home.dossiers[0].id,
      category: 'autre',
      description: 'Demande support du test de panne',
      permissionToEnter: false,
      photos: [],
    }));
    await call('sync.now');
    expect((await call('sync.get')).pending).toBe(0);
    core.dispose();
  }, 120_000);

  afterAll(async () => {
    await server.close();
    folder.remove();
    rmSync(bundle, { force: true });
  });

  function live(options: { label: string; killAfterMs: number | null; final?: boolean }): Promise<Life> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--no-warnings', bundle], {
        cwd: projectRoot,
        env: {
          ...process.env,
          USER_DATA: join(folder.path, 'user-data'),
          SERVER_URL: server.url,
          LABEL: options.label,
          REQUEST_ID: requestId,
          FINAL: options.final ? '1' : '0',
          DEBUG_WORKER: options.final ? '1' : '',
          [CLOCK_START_ENV]: server.clock().toISOString(),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const life: Life = { queued: [], lines: [], code: null };
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      createInterface({ input: child.stdout }).on('line', (line) => {
        life.lines.push(line);
        const queued = /^queued (\S+) (\S+)$/.exec(line);
        if (queued) life.queued.push({ id: queued[1]!, body: queued[2]! });
        if (line === 'ready' && options.killAfterMs !== null) {
          setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
        }
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(timer);
        life.code = code;
        if (code !== null && code !== 0) return reject(new Error(`worker exited ${code}: ${life.lines.join(' | ')} ${stderr}`));
        resolve(life);
      });
    });
  }

  function cacheFile(): string {
    const accounts = join(folder.path, 'user-data', 'accounts');
    const [account] = readdirSync(accounts);
    return join(accounts, account!, 'cache.sqlite');
  }

  it(`survives ${LIVES} kills at random points: nothing lost, nothing sent twice, the cache stays sound`, async () => {
    const acknowledged: { id: string; body: string }[] = [];
    const admin = { db: server.handle.db, cipher: createDataCipher(server.dataKey), now: server.clock };
    let killedMidWork = 0;
    for (let index = 0; index < LIVES; index += 1) {
      // Something new to pull in every life.
      await adminPostLedger(admin, dossierNumber, [
        { date: todayBy(server.clock), kind: 'adjustment', label: `Ajustement ${index}`, amountCents: 100 + index, period: null },
      ]);
      const life = await live({ label: String(index), killAfterMs: Math.floor(Math.random() * 120) });
      acknowledged.push(...life.queued);
      if (!life.lines.includes('done')) killedMidWork += 1;
      const sqlite = new Database(cacheFile());
      expect(sqlite.pragma('integrity_check', { simple: true }), `life ${index}`).toBe('ok');
      sqlite.close();
    }
    expect(killedMidWork).toBe(LIVES);
    expect(acknowledged.length).toBeGreaterThan(0);

    // A last, quiet life sends whatever is left and pulls everything.
    const last = await live({ label: 'final', killAfterMs: null, final: true });
    expect(last.lines, last.lines.slice(-5).join('\n')).toContain('done');

    const messages = await server.handle.db
      .select()
      .from(serverSchema.requestMessages)
      .where(like(serverSchema.requestMessages.body, 'crash-%'));
    const bodies = messages.map((message) => message.body);
    // Nothing sent twice: a row re-sent after a crash was replayed by the server, not applied again.
    expect(new Set(bodies).size).toBe(bodies.length);
    // Nothing lost: every write acknowledged to the tenant is there. (A write may also be there
    // without its acknowledgement: committed, then killed before it could print it.)
    expect(bodies).toEqual(expect.arrayContaining(acknowledged.map((item) => item.body)));
    expect(bodies.length - acknowledged.length).toBeLessThanOrEqual(LIVES);
    const byId = await server.handle.db
      .select({ id: serverSchema.requestMessages.id })
      .from(serverSchema.requestMessages)
      .where(inArray(serverSchema.requestMessages.id, acknowledged.map((item) => item.id)));
    expect(byId).toHaveLength(acknowledged.length);

    // The mirror agrees with the server: the balance and every ledger line.
    const [dossier] = await server.handle.db.select().from(serverSchema.dossiers).where(eq(serverSchema.dossiers.number, dossierNumber));
    const serverLedger = await server.handle.db
      .select({ id: serverSchema.ledgerEntries.id })
      .from(serverSchema.ledgerEntries)
      .where(eq(serverSchema.ledgerEntries.dossierId, dossier!.id));
    const sqlite = new Database(cacheFile(), { readonly: true });
    const local = sqlite.prepare("select data from entities where entity = 'dossier'").get() as { data: string };
    const localLedger = sqlite.prepare("select count(*) as n from entities where entity = 'ledgerEntry'").get() as { n: number };
    const outboxLeft = sqlite.prepare('select count(*) as n from outbox').get() as { n: number };
    sqlite.close();
    expect(JSON.parse(local.data).balanceCents).toBe(dossier!.balanceCents);
    expect(localLedger.n).toBe(serverLedger.length);
    expect(outboxLeft.n).toBe(0);
  }, 900_000);
});
