/**
 * Mes documents (documents.*): the offline document library, verified by SHA-256 and served by
 * the preview host, against the real Portal API server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import * as serverSchema from '../../../server/src/db/schema';
import { startPreviewHost } from '../../../src-main/host/preview-host';
import type { PortalCore } from '../../../src-main/portal-core';
import { monthsAgo } from '../../../src-main/sync/sync-engine';
import { projectRoot, signedInDemoCore, temporaryFolder, type RouterCall } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';
import { fakePdf, publishDocument, repairBlob } from '../../helpers/server-documents';

describe('offline document library', () => {
  let server: RestartableServer;
  let desktop: Awaited<ReturnType<typeof signedInDemoCore>>;
  let core: PortalCore;
  let events: typeof desktop.events;
  let call: RouterCall;

  beforeAll(async () => {
    server = await startPortalServer();
    desktop = await signedInDemoCore(server, DEMO_ACCOUNT);
    ({ core, events, call } = desktop);
  });
  afterAll(async () => {
    desktop.close();
    await server.close();
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

describe('"Télécharger": the save dialog, injected', () => {
  let server: RestartableServer;
  afterAll(async () => server?.close());

  it('copies the verified bytes of an old document (not kept yet) where the tenant chose, and writes nothing when cancelled', async () => {
    server = await startPortalServer();
    const target = temporaryFolder();
    const asked: string[] = [];
    let answer: string | null = join(target.path, 'chosen.pdf');
    const desktop = await signedInDemoCore(server, DEMO_ACCOUNT, {
      chooseSavePath: async (suggestedName) => {
        asked.push(suggestedName);
        return answer;
      },
    });
    try {
      const bytes = fakePdf('old quittance to save');
      const old = await publishDocument(server.handle, { dossierNumber: '0123456789', kind: 'quittance', period: monthsAgo(server.clock(), 30), bytes, now: server.clock() });
      await desktop.call('sync.now');
      expect(await desktop.call('documents.saveCopy', { sha256: old.sha256 })).toEqual({ result: 'saved' });
      expect(readFileSync(join(target.path, 'chosen.pdf')).equals(bytes)).toBe(true);
      // The suggested name is the document's title (the test helper's: "quittance 2024-05").
      expect(asked[0]).toMatch(/^quittance \d{4}-\d{2}\.pdf$/);

      answer = null;
      expect(await desktop.call('documents.saveCopy', { sha256: old.sha256 })).toEqual({ result: 'cancelled' });
      await expect(desktop.call('documents.saveCopy', { sha256: 'e'.repeat(64) })).rejects.toMatchObject({ shape: { code: 'NOT_FOUND' } });
      expect(asked).toHaveLength(2);
    } finally {
      desktop.close();
      target.remove();
    }
  });
});
