/**
 * The desktop data layer against the real Portal API server over HTTP: first sync, delta sync,
 * tombstones, reset; the server stopped (every read still answers, writes queue up); the server
 * back (the queue drains exactly once, in order).
 */
import { existsSync } from 'node:fs';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDecideChangeRequest, adminListChangeRequests, adminPostLedger } from '../../../server/src/admin/service';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import * as serverSchema from '../../../server/src/db/schema';
import { purgeTombstones } from '../../../server/src/sync/feed';
import { createRouter, type Router } from '../../../src-main/ipc/router';
import type { PortalCore } from '../../../src-main/portal-core';
import { accountFolderPath } from '../../../src-main/storage/account-folders';
import { todayBy } from '../../helpers/clock';
import { createTestCore, temporaryFolder } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';

const APP = 'app://portal';

describe('desktop data layer against the Portal API', () => {
  let server: RestartableServer;
  let folder: ReturnType<typeof temporaryFolder>;
  let core: PortalCore;
  let router: Router;

  async function call<T = any>(name: string, input: unknown = {}): Promise<T> {
    const result = await router(name, input, { origin: APP, isMainFrame: true });
    if (!result.ok) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.error)}`), { shape: result.error });
    return result.value as T;
  }
  const admin = () => ({ db: server.handle.db, cipher: createDataCipher(server.dataKey), now: server.clock });

  beforeAll(async () => {
    server = await startPortalServer();
    folder = temporaryFolder();
    ({ core } = createTestCore({ serverUrl: server.url, userDataDir: folder.path, now: server.clock, sync: { intervalMs: 60_000, backoff: { baseMs: 50, maxMs: 200 } } }));
    router = createRouter({ handlers: core.handlers, trustedOrigins: [APP] });
    await call('session.signIn', DEMO_ACCOUNT);
    await core.syncIdle();
  });

  afterAll(async () => {
    core.dispose();
    await server.close();
    folder.remove();
  });

  it('first sync fills every section from the server', async () => {
    const home = await call('home.get');
    expect(home.dossiers).toEqual([
      expect.objectContaining({ number: '0123456789', address: { line: '8 RUE SAINT NICOLAS', postalCode: '78000', city: 'VERSAILLES' } }),
    ]);
    expect(home.displayName).toBe('Mme DUPONT MARTINE');
    expect(home.lastActions.length).toBeGreaterThan(0);

    const contracts = await call('contract.get');
    expect(contracts.dossiers[0].contracts.map((contract: { kind: string }) => contract.kind)).toEqual(['logement', 'stationnement', 'facturation']);
    expect(contracts.dossiers[0].occupants).toContainEqual(
      expect.objectContaining({ lastName: 'DUPONT', firstName: 'MARTIN', birthDate: '2000-01-01', relationship: 'enfant', signatory: false }),
    );

    const balance = await call('balance.get');
    expect(balance.dossiers[0].ledger.length).toBeGreaterThanOrEqual(24);
    expect(balance.dossiers[0].bank.ibanMasked).toMatch(/^#+\w{3}$/);
    // The ledger adds up to the balance the server computed (integer cents end to end).
    const sum = balance.dossiers[0].ledger.reduce((total: number, line: { amountCents: number }) => total + line.amountCents, 0);
    expect(sum).toBe(balance.dossiers[0].balanceCents);

    const dossier = await call('dossier.get');
    expect(dossier.profile).toMatchObject({ civility: 'Mme', lastName: 'DUPONT', firstName: 'MARTINE' });
    const requests = await call('requests.list');
    expect(requests.requests.length).toBeGreaterThanOrEqual(1);
    expect((await call('sync.get')).status).toBe('upToDate');
  });

  it('a delta sync brings only what changed on the server', async () => {
    const before = (await call('balance.get')).dossiers[0];
    await adminPostLedger(admin(), '0123456789', [
      { date: todayBy(server.clock), kind: 'payment', label: 'Virement reçu', amountCents: -12_345, period: null },
    ]);
    await call('sync.now');
    const after = (await call('balance.get')).dossiers[0];
    expect(after.balanceCents).toBe(before.balanceCents - 12_345);
    expect(after.ledger[0]).toMatchObject({ label: 'Virement reçu', amountCents: -12_345 });
    expect((await call('home.get')).lastActions[0]).toMatchObject({ label: 'Paiement effectué' });
  });

  it('lines of one day read in the order they were posted, newest first, whether posted in one call or in several', async () => {
    const day = todayBy(server.clock);
    const line = (label: string, amountCents: number) => ({ date: day, kind: 'adjustment' as const, label, amountCents, period: null });
    // Three in one call (kept in array order), then two more calls; the amounts cancel out.
    await adminPostLedger(admin(), '0123456789', [line('Ordre 1', 300), line('Ordre 2', -100), line('Ordre 3', -100)]);
    await adminPostLedger(admin(), '0123456789', [line('Ordre 4', -50)]);
    await adminPostLedger(admin(), '0123456789', [line('Ordre 5', -50)]);
    await call('sync.now');
    const ledger: { date: string; label: string }[] = (await call('balance.get')).dossiers[0].ledger;
    // Newest first: today's lines open the ledger, the last one posted on top (before 'Virement reçu', posted earlier today).
    expect(ledger.slice(0, 6).map((entry) => entry.label)).toEqual(['Ordre 5', 'Ordre 4', 'Ordre 3', 'Ordre 2', 'Ordre 1', 'Virement reçu']);
  });

  it('tombstones remove rows: an approved occupants change replaces the old occupants', async () => {
    const dossierId = (await call('contract.get')).dossiers[0].id;
    await call('contract.requestOccupantsChange', {
      dossierId,
      occupants: [{ civility: 'Mme', lastName: 'DUPONT', firstName: 'MARTINE', birthDate: '01/01/1970', relationship: '', signatory: true }],
    });
    await call('sync.now');
    expect((await call('contract.get')).dossiers[0].pendingOccupantsChange).toBe(true);
    const [pending] = await adminListChangeRequests(admin(), 'pending');
    await adminDecideChangeRequest(admin(), pending!.id, 'approve');
    await call('sync.now');
    const contracts = await call('contract.get');
    expect(contracts.dossiers[0].occupants.map((o: { firstName: string }) => o.firstName)).toEqual(['MARTINE']);
    expect(contracts.dossiers[0].pendingOccupantsChange).toBe(false);
  });

  it('a reset answer (cursor older than the tombstone retention) resyncs fully', async () => {
    await purgeTombstones(server.handle.db, new Date(server.clock().getTime() + 60_000));
    await adminPostLedger(admin(), '0123456789', [
      { date: todayBy(server.clock), kind: 'adjustment', label: 'Régularisation de charges', amountCents: 4_200, period: null },
    ]);
    await call('sync.now');
    const balance = (await call('balance.get')).dossiers[0];
    expect(balance.ledger.some((line: { label: string }) => line.label === 'Régularisation de charges')).toBe(true);
    expect((await call('contract.get')).dossiers[0].occupants).toHaveLength(1);
    expect((await call('sync.get')).status).toBe('upToDate');
  });

  it('with the server stopped, every read answers from the cache and writes queue up; back online they drain once, in order', async () => {
    const dossierId = (await call('home.get')).dossiers[0].id;
    await server.stop();

    for (const name of ['home.get', 'dossier.get', 'contract.get', 'balance.get', 'documents.get', 'requests.list', 'contact.get']) {
      await expect(call(name), name).resolves.toBeDefined();
    }
    const descriptions = ['Fuite sous l’évier', 'Radiateur froid', 'Porte du hall bloquée'];
    const ids: string[] = [];
    for (const description of descriptions) {
      const queued = await call('requests.create', { kind: 'technical', dossierId, category: 'plomberie', description, permissionToEnter: true, photos: [] });
      expect(queued.delivery).toBe('pending');
      ids.push(queued.id);
    }
    await call('requests.addMessage', { requestId: ids[0], body: 'Je suis là le matin.' });
    await core.syncIdle();
    const offline = await call('sync.get');
    expect(offline.status).toBe('offline');
    expect(offline.pending).toBe(4);
    const listed = (await call('requests.list')).requests.filter((r: { id: string }) => ids.includes(r.id));
    expect(listed.map((r: { delivery: string; number: number | null }) => [r.delivery, r.number])).toEqual([
      ['pending', null],
      ['pending', null],
      ['pending', null],
    ]);

    await server.start();
    await call('sync.now');
    // A second drain must not send anything again.
    await call('sync.now');
    expect((await call('sync.get')).pending).toBe(0);

    const onServer = await server.handle.db
      .select()
      .from(serverSchema.requests)
      .where(inArray(serverSchema.requests.id, ids))
      .orderBy(asc(serverSchema.requests.number));
    expect(onServer.map((row) => row.id)).toEqual(ids);
    expect(onServer.map((row) => row.description)).toEqual(descriptions);
    const messages = await server.handle.db.select().from(serverSchema.requestMessages).where(eq(serverSchema.requestMessages.requestId, ids[0]!));
    expect(messages.map((message) => message.body)).toEqual(['Je suis là le matin.']);

    const synced = (await call('requests.list')).requests.filter((r: { id: string }) => ids.includes(r.id));
    expect(synced.every((r: { delivery: string; number: number | null }) => r.delivery === 'synced' && r.number !== null)).toBe(true);
  });

  it('a refused write is kept with the server’s reason until dismissed', async () => {
    const dossierId = (await call('home.get')).dossiers[0].id;
    // Valid for our contract, refused by the server: the landlord has no such service.
    const { id } = await call('requests.create', { kind: 'administrative', dossierId, serviceId: 'inexistant', subject: 'Test', description: 'Service inconnu' });
    await call('sync.now');
    const outbox = await call('outbox.get');
    const refused = outbox.items.find((item: { id: string }) => item.id === id);
    expect(refused).toMatchObject({ status: 'refused', error: { code: 'VALIDATION' } });
    const listed = (await call('requests.list')).requests.find((r: { id: string }) => r.id === id);
    expect(listed).toMatchObject({ delivery: 'refused', refusal: { code: 'VALIDATION' } });
    expect((await call('home.get')).todos).toContainEqual({ kind: 'refusedItems', count: 1 });

    await call('outbox.dismiss', { id });
    expect((await call('requests.list')).requests.some((r: { id: string }) => r.id === id)).toBe(false);
    await expect(call('requests.get', { requestId: id })).rejects.toMatchObject({ shape: { code: 'NOT_FOUND' } });
    expect((await call('outbox.get')).items).toEqual([]);
  });

  it('sign-out with unsent items asks first, then wipes the account folder', async () => {
    const dossierId = (await call('home.get')).dossiers[0].id;
    await server.stop();
    await call('requests.create', { kind: 'technical', dossierId, category: 'autre', description: 'Ampoule du palier', permissionToEnter: false, photos: [] });
    await core.syncIdle();
    await expect(call('session.signOut', {})).rejects.toMatchObject({ shape: { code: 'UNSENT_ITEMS' } });
    expect((await call('session.get')).state).toBe('signedIn');

    const accountId = core.session.current()!.account.id;
    const accountFolder = accountFolderPath(folder.path, accountId);
    expect(existsSync(accountFolder)).toBe(true);
    expect(await call('session.signOut', { discardUnsent: true })).toEqual({ state: 'signedOut', reason: 'signedOut' });
    expect(existsSync(accountFolder)).toBe(false);
    await expect(call('home.get')).rejects.toMatchObject({ shape: { code: 'UNAUTHENTICATED' } });
    await server.start();
  });
});
