/**
 * A kiosk killed mid-session (power cut, crash: SIGKILL, so no wipe runs) leaves the session's
 * temporary folder behind; the next start of the kiosk wipes it before anything else, and then
 * nothing of the tenant is left in the user-data folder or the temporary folder.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher, FAST_TEST_HASHING } from '../../../server/src/auth/passwords';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { generateTenants, type GeneratedTenant } from '../../../server/src/demo/demo-data';
import { projectRoot, temporaryFolder } from '../../helpers/core';
import { CLOCK_START_ENV, todayBy } from '../../helpers/clock';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';
import { fakePdf, publishDocument } from '../../helpers/server-documents';
import { fileSystemNow, kioskCore, scan } from './kiosk-harness';

describe('kiosk: a crash mid-session leaves nothing after the next start', () => {
  let server: RestartableServer;
  let tenant: GeneratedTenant;
  let dossierNumber: string;
  const marker = `KIOSK-CRASH-DOCUMENT-${randomBytes(12).toString('hex')}`;
  const prefix = `el-kiosk-crash-${process.pid}-${randomBytes(3).toString('hex')}-`;
  const userData = temporaryFolder('el-kiosk-crash-ud-');
  let testStarted = 0;

  beforeAll(async () => {
    testStarted = fileSystemNow();
    server = await startPortalServer();
    [tenant] = (await generateTenants(
      { db: server.handle.db, cipher: createDataCipher(server.dataKey), hasher: createPasswordHasher(FAST_TEST_HASHING), now: server.clock() },
      1,
      { seed: 31_000 + (process.pid % 1000), firstIndex: 800_000 + (process.pid % 1000) * 10, months: 3 },
    )) as [GeneratedTenant];
    dossierNumber = String(3000000000 + Number(tenant.reference) - 2000000000);
    await publishDocument(server.handle, { dossierNumber, kind: 'quittance', period: todayBy(server.clock).slice(0, 7) + '-01', bytes: fakePdf(marker), now: server.clock() });
  }, 120_000);

  afterAll(async () => {
    await server.close();
    userData.remove();
  });

  function sessionKilledMidway(): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'kiosk-crash-worker.ts')], {
        cwd: projectRoot,
        env: { ...process.env, SERVER_URL: server.url, USER_DATA: userData.path, KIOSK_PREFIX: prefix, EMAIL: tenant.email, PASSWORD: tenant.password, [CLOCK_START_ENV]: server.clock().toISOString() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let folder = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      createInterface({ input: child.stdout }).on('line', (line) => {
        const ready = /^ready (.+)$/.exec(line);
        if (!ready) return;
        folder = ready[1]!;
        child.kill('SIGKILL');
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', reject);
      child.on('exit', (_code, signal) => {
        clearTimeout(timer);
        if (folder && signal === 'SIGKILL') resolve(folder);
        else reject(new Error(`worker ended without a session (${signal}): ${stderr}`));
      });
    });
  }

  it('the leftover temporary folder is wiped when the kiosk starts again, before the sign-in screen', async () => {
    const folder = await sessionKilledMidway();
    // The kill skipped the wipe: the tenant's document is still on disk, readable.
    expect(folder.startsWith(join(tmpdir(), prefix))).toBe(true);
    const leftovers = readdirSync(join(folder, 'documents')).map((name) => readFileSync(join(folder, 'documents', name)));
    expect(leftovers.some((bytes) => bytes.includes(marker))).toBe(true);

    // The next start: creating the core is the first thing the app does, and it wipes at once.
    const next = kioskCore({ serverUrl: server.url, userDataDir: userData.path, prefix, now: server.clock });
    expect(existsSync(folder)).toBe(false);
    expect(readdirSync(tmpdir()).filter((name) => name.startsWith(prefix))).toEqual([]);
    await next.core.start();
    expect(await next.call('session.get')).toEqual({ state: 'signedOut' });

    const needles = [tenant.email, `${tenant.firstName} ${tenant.lastName}`, dossierNumber, marker].map((needle) => Buffer.from(needle));
    expect(scan([{ path: userData.path }, { path: tmpdir(), since: testStarted }], needles)).toEqual([]);
    next.core.dispose();
  }, 90_000);
});
