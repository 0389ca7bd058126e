/**
 * Notifications in the desktop core against the real Portal API (issue 20): staff's answer reaches
 * the centre (the bell's count, the entry and the screen it opens) and one OS notification (the
 * preview's toast event); read state stays on this PC; a week offline then back brings one grouped
 * notification, not fifty; a kind set to mail only leaves the centre and shows nothing; the first
 * sync of a PC replays nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUpdateRequest } from '../../../server/src/requests/staff';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import * as serverSchema from '../../../server/src/db/schema';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { signedInDemoCore } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';
import { temporaryFolder } from '../../helpers/core';
import { kioskCore } from './kiosk-harness';

const DAY = 24 * 60 * 60_000;

describe('notifications on the desktop', () => {
  let server: RestartableServer;
  let desktop: Awaited<ReturnType<typeof signedInDemoCore>>;
  let requestId: string;
  let requestNumber: number;

  const adminDeps = () => ({ db: server.handle.db, cipher: createDataCipher(server.dataKey), now: server.clock });
  const toasts = () => desktop.events.filter((e) => e.name === 'notifications.toast').map((e) => e.payload as { body: string; target: unknown });
  const sync = async () => {
    await desktop.core.syncIdle();
    await desktop.call('sync.now');
    await desktop.core.syncIdle();
  };

  beforeAll(async () => {
    server = await startPortalServer();
    // Something already told before this PC's first sync: the first sync must not replay it.
    const [request] = await server.handle.db.select().from(serverSchema.requests);
    requestId = request!.id;
    requestNumber = request!.number;
    await adminUpdateRequest(adminDeps(), requestId, { status: 'open', message: 'Message reçu avant la première connexion.' });
    desktop = await signedInDemoCore(server, DEMO_ACCOUNT);
  });
  afterAll(async () => {
    desktop?.close();
    await server?.close();
  });

  it('lists what was there at the first sync, unread, without an OS notification', async () => {
    const view = await desktop.call('notifications.list');
    expect(view.unread).toBe(1);
    expect(toasts()).toEqual([]);
  });

  it("shows staff's answer: the count, the entry opening the request, one OS notification; read stays read", async () => {
    await desktop.call('notifications.markRead', { all: true });
    await adminUpdateRequest(adminDeps(), requestId, { status: 'in_progress', message: 'Le plombier passe jeudi.' });
    await sync();
    expect(toasts()).toEqual([expect.objectContaining({ body: `Réponse à votre demande n° ${requestNumber}.`, target: { page: 'requestDetail', id: requestId } })]);
    const view = await desktop.call('notifications.list');
    expect(view.unread).toBe(1);
    expect(view.items[0]).toMatchObject({ kind: 'request.answered', read: false, target: { page: 'requestDetail', id: requestId } });
    expect(desktop.events.filter((e) => e.name === 'notifications.changed').at(-1)!.payload).toEqual({ unread: 1 });
    const after = await desktop.call('notifications.markRead', { ids: [view.items[0].id] });
    expect(after.unread).toBe(0);
    // A sync with nothing new shows nothing again.
    await sync();
    expect(toasts()).toHaveLength(1);
  });

  it('a week offline then back: one grouped notification, not twelve', async () => {
    await server.stop();
    for (let i = 0; i < 12; i++) {
      server.advance(DAY / 2);
      await adminUpdateRequest(adminDeps(), requestId, { status: i % 2 ? 'open' : 'in_progress', message: `Point ${i + 1}` });
    }
    await desktop.call('sync.now').catch(() => {});
    await server.start();
    await sync();
    const shown = toasts().slice(1);
    expect(shown).toEqual([{ id: expect.any(String), title: 'Espace Locataire', body: '12 nouveautés dans votre Espace Locataire', target: null }]);
    expect((await desktop.call('notifications.list')).unread).toBe(12);
  });

  it('a kind set to mail only leaves the centre and shows no OS notification', async () => {
    await desktop.call('notifications.markRead', { all: true });
    await desktop.call('notifications.setPreference', { kind: 'request.answered', channel: 'mail' });
    await sync();
    const [row] = await server.handle.db.select().from(serverSchema.notificationPreferences);
    expect(row!.channels).toEqual({ 'request.answered': 'mail' });
    const before = toasts().length;
    await adminUpdateRequest(adminDeps(), requestId, { status: 'in_progress', message: 'Encore un message.' });
    await sync();
    expect(toasts()).toHaveLength(before);
    expect((await desktop.call('notifications.list')).items.filter((item: { kind: string }) => item.kind === 'request.answered')).toEqual([]);
    // A status change is another kind, still in the app.
    await adminUpdateRequest(adminDeps(), requestId, { status: 'closed' });
    await sync();
    expect(toasts().slice(before).map((t) => t.body)).toEqual([`Votre demande n° ${requestNumber} a changé de statut.`]);
  });

  it('never on the lodge PC: a kiosk session shows no OS notification, even with a notifier plugged in', async () => {
    const shown: string[] = [];
    const userData = temporaryFolder();
    const kiosk = kioskCore({ serverUrl: server.url, userDataDir: userData.path, now: server.clock, prefix: `el-kiosk-notify-${process.pid}-`, notifier: { show: (n) => void shown.push(n.body) } });
    try {
      await kiosk.call('session.signIn', DEMO_ACCOUNT);
      await kiosk.core.syncIdle();
      await adminUpdateRequest(adminDeps(), requestId, { status: 'in_progress', message: 'Message pendant la session au kiosque.' });
      await kiosk.call('sync.now');
      await kiosk.core.syncIdle();
      expect((await kiosk.call('notifications.list')).items.length).toBeGreaterThan(0);
      expect(shown).toEqual([]);
      expect(kiosk.events.filter((e) => e.name === 'notifications.toast')).toEqual([]);
      await kiosk.call('session.signOut', { discardUnsent: true });
    } finally {
      kiosk.core.dispose();
      userData.remove();
    }
  });
});
