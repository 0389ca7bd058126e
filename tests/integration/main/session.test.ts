/**
 * The session (session.*): restore without the password (also offline), refresh-token rotation
 * and expiry, against the real Portal API server.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import * as serverSchema from '../../../server/src/db/schema';
import { createRouter } from '../../../src-main/ipc/router';
import { createTestCore, routerCall, temporaryFolder, TEST_APP_ORIGIN } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';

/** The core's router, called as the app's page would (tests/helpers/core.ts). */
function routerFor(core: ReturnType<typeof createTestCore>['core']) {
  return routerCall(createRouter({ handlers: core.handlers, trustedOrigins: [TEST_APP_ORIGIN] }));
}

describe('session restore and refresh', () => {
  let server: RestartableServer;
  beforeAll(async () => {
    server = await startPortalServer();
  });
  afterAll(async () => server.close());

  it('restores the session at the next start without the password, and keeps the refresh token encrypted', async () => {
    const folder = temporaryFolder();
    const first = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock });
    await routerFor(first.core)('session.signIn', DEMO_ACCOUNT);
    await first.core.syncIdle();
    const refreshTokenFile = readdirSync(join(folder.path, 'accounts'), { recursive: true, withFileTypes: true }).find((entry) => entry.name === 'session.bin');
    expect(refreshTokenFile).toBeDefined();
    const sealed = readFileSync(join(refreshTokenFile!.parentPath, refreshTokenFile!.name));
    expect(sealed.includes(Buffer.from('refreshToken'))).toBe(false);
    expect(sealed.includes(Buffer.from(DEMO_ACCOUNT.email))).toBe(false);
    first.core.dispose();

    const second = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock });
    await second.core.start();
    const call = routerFor(second.core);
    expect(await call('session.get')).toMatchObject({ state: 'signedIn', user: { email: DEMO_ACCOUNT.email } });
    expect((await call('home.get')).dossiers[0].number).toBe('0123456789');
    // The refresh happens on the first authorized call, and rotates the token.
    await call('sync.now');
    expect((await call('sync.get')).status).toBe('upToDate');
    second.core.dispose();
    folder.remove();
  });

  it('restores offline: the cache answers, the sync says offline, then catches up when the server is back', async () => {
    const folder = temporaryFolder();
    const first = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock });
    await routerFor(first.core)('session.signIn', DEMO_ACCOUNT);
    await first.core.syncIdle();
    first.core.dispose();

    await server.stop();
    const second = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock, sync: { backoff: { baseMs: 20, maxMs: 50 } } });
    await second.core.start();
    const call = routerFor(second.core);
    expect((await call('session.get')).state).toBe('signedIn');
    expect((await call('balance.get')).dossiers).toHaveLength(1);
    await second.core.syncIdle();
    expect((await call('sync.get')).status).toBe('offline');
    await server.start();
    await call('sync.now');
    expect((await call('sync.get')).status).toBe('upToDate');
    second.core.dispose();
    folder.remove();
  });

  it('ends the session as expired when the server revokes it, and tells the renderer', async () => {
    const folder = temporaryFolder();
    const { core, events } = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock });
    const call = routerFor(core);
    await call('session.signIn', DEMO_ACCOUNT);
    await core.syncIdle();
    // Staff (or a password change elsewhere) revokes every session of this account.
    await server.handle.db.update(serverSchema.sessions).set({ revokedAt: server.clock() });
    await expect(call('sync.now')).resolves.toBeDefined();
    expect(await call('session.get')).toEqual({ state: 'signedOut', reason: 'expired' });
    expect(events.some((event) => event.name === 'session.expired')).toBe(true);
    core.dispose();
    folder.remove();
  });
});

