/**
 * Session restore without the password (also offline), refresh-token rotation, expiry, and the
 * offline document library (verified by SHA-256, served by the preview host) against the real
 * Portal API server.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import * as serverSchema from '../../../server/src/db/schema';
import { startPreviewHost } from '../../../src-main/host/preview-host';
import { createRouter } from '../../../src-main/ipc/router';
import { monthsAgo } from '../../../src-main/sync/sync-engine';
import { createTestCore, projectRoot, temporaryFolder } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';
import { fakePdf, publishDocument, repairBlob } from '../../helpers/server-documents';

const APP = 'app://portal';

function routerFor(core: ReturnType<typeof createTestCore>['core']) {
  const router = createRouter({ handlers: core.handlers, trustedOrigins: [APP] });
  return async <T = any>(name: string, input: unknown = {}): Promise<T> => {
    const result = await router(name, input, { origin: APP, isMainFrame: true });
    if (!result.ok) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.error)}`), { shape: result.error });
    return result.value as T;
  };
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

describe('offline document library', () => {
  let server: RestartableServer;
  const folder = temporaryFolder();
  let core: ReturnType<typeof createTestCore>['core'];
  let events: ReturnType<typeof createTestCore>['events'];
  let call: ReturnType<typeof routerFor>;

  beforeAll(async () => {
    server = await startPortalServer();
    ({ core, events } = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock }));
    call = routerFor(core);
    await call('session.signIn', DEMO_ACCOUNT);
    await core.syncIdle();
  });
  afterAll(async () => {
    core.dispose();
    await server.close();
    folder.remove();
  });

  it('keeps the last 12 months offline in the background, older ones only on demand', async () => {
    const recentPeriod = monthsAgo(server.clock(), 1);
    const oldPeriod = monthsAgo(server.clock(), 30);
    const recent = await publishDocument(server.handle, { dossierNumber: '0123456789', kind: 'quittance', period: recentPeriod, bytes: fakePdf('recent'), now: server.clock() });
    const old = await publishDocument(server.handle, { dossierNumber: '0123456789', kind: 'quittance', period: oldPeriod, bytes: fakePdf('old'), now: server.clock() });
    await call('sync.now');
    const documents = (await call('documents.get')).dossiers[0].documents;
    expect(documents.find((doc: { id: string }) => doc.id === recent.id)).toMatchObject({ offline: true });
    expect(documents.find((doc: { id: string }) => doc.id === old.id)).toMatchObject({ offline: false });
    expect(events.some((event) => event.name === 'documents.progress' && (event.payload as { sha256: string }).sha256 === recent.sha256)).toBe(true);

    const opened = await call('documents.open', { sha256: old.sha256 });
    expect(opened).toEqual({ url: `documents/${old.sha256}.pdf` });
    expect((await call('documents.get')).dossiers[0].documents.find((doc: { id: string }) => doc.id === old.id).offline).toBe(true);
  });

  it('refuses a document whose bytes do not match its SHA-256, and retries it later', async () => {
    const genuine = fakePdf('genuine avis');
    const published = await publishDocument(server.handle, {
      dossierNumber: '0123456789',
      kind: 'avis_echeance',
      period: monthsAgo(server.clock(), 0),
      bytes: genuine,
      servedBytes: fakePdf('tampered avis'),
      now: server.clock(),
    });
    await call('sync.now');
    expect((await call('documents.get')).dossiers[0].documents.find((doc: { id: string }) => doc.id === published.id).offline).toBe(false);
    await expect(call('documents.open', { sha256: published.sha256 })).rejects.toMatchObject({ shape: { code: 'SERVER' } });
    expect(core.documentFile(published.sha256)).toBeNull();

    await repairBlob(server.handle, published.sha256, genuine);
    await call('sync.now');
    expect((await call('documents.get')).dossiers[0].documents.find((doc: { id: string }) => doc.id === published.id).offline).toBe(true);
    expect(readFileSync(core.documentFile(published.sha256)!).equals(genuine)).toBe(true);
  });

  it('serves a kept document through the preview host, also with the server stopped, and nothing else', async () => {
    const doc = (await call('documents.get')).dossiers[0].documents.find((item: { offline: boolean }) => item.offline);
    const rendererDir = temporaryFolder();
    const host = await startPreviewHost({
      handlers: core.handlers,
      rendererDir: rendererDir.path,
      resourcesDir: join(projectRoot, 'resources'),
      documentFile: core.documentFile,
    });
    await server.stop();
    try {
      const response = await fetch(`${host.origin}/documents/${doc.sha256}.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect((await response.text()).startsWith('%PDF-')).toBe(true);
      expect((await fetch(`${host.origin}/documents/${'0'.repeat(64)}.pdf`)).status).toBe(404);
    } finally {
      await host.close();
      await server.start();
      rendererDir.remove();
    }
  });

  it('only opens documents of the signed-in account', async () => {
    const [someoneElse] = await server.handle.db.select().from(serverSchema.blobs).where(eq(serverSchema.blobs.mediaType, 'image/png')).limit(1);
    const sha = someoneElse?.sha256 ?? 'f'.repeat(64);
    await expect(call('documents.open', { sha256: sha })).rejects.toMatchObject({ shape: { code: 'NOT_FOUND' } });
  });
});
