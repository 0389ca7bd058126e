/**
 * Nothing a tenant does is lost (issue 12), against the real Portal API over HTTP, in virtual
 * time shared by the server, the desktop core and the kiosk's inactivity timer:
 * - a home (non-kiosk) session lasts through an idle day, a PC asleep over a weekend and a week
 *   offline with queued writes, which all reach the server exactly once when it is back;
 * - a session ended on the server (password changed on another device) keeps the queue: after
 *   signing in again, every queued write (with its photo) is sent, once;
 * - a "poison" write the server answers 500 to every time does not hold back the writes queued
 *   after it; the write that depends on it waits; "Réessayer" and "Supprimer" work.
 * "Offline" is a loopback proxy that drops every connection; the server itself keeps running.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../server/src/app';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/client';
import * as serverSchema from '../../../server/src/db/schema';
import type { MailMessage } from '../../../server/src/mail/mailer';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { createRouter } from '../../../src-main/ipc/router';
import { createPortalCore, type PortalCore } from '../../../src-main/portal-core';
import { createJsonSettingsStore } from '../../../src-main/services/settings';
import { accountFolderPath } from '../../../src-main/storage/account-folders';
import { createKeyFileSecretStore } from '../../../src-main/storage/secrets';
import { MAX_SERVER_ATTEMPTS } from '../../../src-main/sync/outbox';
import type { EventName } from '../../../src-shared/bridge';
import { migrationsFolder, projectRoot, temporaryFolder } from '../../helpers/core';
import { startSwitchableProxy, type SwitchableProxy } from '../../helpers/switchable-proxy';
import { DAY, HOUR, virtualTime } from '../../helpers/virtual-time';

const APP = 'app://portal';

async function waitFor<T>(read: () => T | null | undefined | Promise<T | null | undefined>, timeoutMs = 3_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
/** A mid-month weekday, rent paid: nothing about the date itself is under test here. */
const START = '2026-03-18T08:30:00Z';
// A 1x1 PNG: a technical request's photo, staged on disk while the write waits.
const PHOTO_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('nothing a tenant does is lost', () => {
  let handle: DatabaseHandle;
  const mail: MailMessage[] = [];
  let time: ReturnType<typeof virtualTime>;
  let server: Awaited<ReturnType<typeof buildServer>>;
  let serverUrl: string;
  let proxy: SwitchableProxy;
  let folder: ReturnType<typeof temporaryFolder>;
  let core: PortalCore;
  let events: { name: EventName; payload: unknown }[];
  let call: <T = any>(name: string, input?: unknown) => Promise<T>;


  /** The desktop core on `folder`, as the app builds it at each start. */
  function desktop() {
    const emitted: { name: EventName; payload: unknown }[] = [];
    const built = createPortalCore({
      version: '0.0.0-test',
      platform: process.platform,
      serverUrl: proxy.url,
      userDataDir: folder.path,
      resourcesDir: join(projectRoot, 'resources'),
      migrationsFolder,
      settingsStore: createJsonSettingsStore(join(folder.path, 'settings.json')),
      secrets: createKeyFileSecretStore(join(folder.path, 'secret.key')),
      kiosk: false,
      preview: true,
      emit: (name, payload) => void emitted.push({ name, payload }),
      now: time.clock,
      // The kiosk's inactivity timer follows virtual time too: were it armed at home, the
      // jumps below would fire it and sign the tenant out.
      kioskTimers: time.timers,
      // The regular sync is far away: only what the test asks for, or the close watch, runs.
      sync: { intervalMs: 10 * 60_000, watchIntervalMs: 100, backoff: { baseMs: 20, maxMs: 60 } },
    });
    const router = createRouter({ handlers: built.handlers, trustedOrigins: [APP], logError: () => undefined });
    const invoke = async <T = any>(name: string, input: unknown = {}): Promise<T> => {
      const result = await router(name, input, { origin: APP, isMainFrame: true });
      if (!result.ok) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.error)}`), { shape: result.error });
      return result.value as T;
    };
    return { core: built, events: emitted, call: invoke };
  }

  beforeAll(async () => {
    time = virtualTime(START);
    handle = await openDatabase({ kind: 'pglite' });
    server = await buildServer({
      db: handle,
      passwordHashing: 'fast',
      mail: { kind: 'memory', from: 'test@localhost', sent: mail },
      dataKey: Buffer.alloc(32, 7),
      clock: time.clock,
      demo: true,
    });
    serverUrl = await server.listen({ port: 0, host: '127.0.0.1' });
    proxy = await startSwitchableProxy(serverUrl);
    folder = temporaryFolder();
    ({ core, events, call } = desktop());
    await call('session.signIn', DEMO_ACCOUNT);
    await core.syncIdle();
  });

  afterEach(async () => {
    proxy.reconnect();
    proxy.failWhen(null);
    await core.syncIdle();
  });

  afterAll(async () => {
    core.dispose();
    await proxy.close();
    await server.close();
    await handle.close();
    folder.remove();
  });

  const dossierId = async () => (await call('home.get')).dossiers[0].id as string;
  const technical = (description: string, photos: unknown[] = []) => ({
    kind: 'technical',
    category: 'plomberie',
    description,
    permissionToEnter: true,
    photos,
  });
  const onServer = (ids: string[]) => handle.db.select().from(serverSchema.requests).where(inArray(serverSchema.requests.id, ids));

  it('a home session lasts through an idle day, a weekend asleep and a week offline; every queued write goes once', async () => {
    // No inactivity timer at home: nothing is counting down.
    expect(time.pendingTimers()).toBe(0);
    expect(core.kiosk.idlePhase()).toBe('stopped');

    // Idle for 8 hours (the access token expired long ago): still signed in, and it syncs.
    time.advance(8 * HOUR);
    expect((await call('session.get')).state).toBe('signedIn');
    expect((await call('sync.now')).status).toBe('upToDate');

    // The PC asleep from Friday evening to Monday morning: the clock jumps 62 hours at once.
    time.advance(62 * HOUR);
    expect((await call('session.get')).state).toBe('signedIn');
    expect((await call('sync.now')).status).toBe('upToDate');

    // A week offline, writing now and then.
    proxy.cut();
    const id = await dossierId();
    const ids: string[] = [];
    for (const [day, description] of ['Fuite sous l’évier', 'Radiateur froid', 'Porte du hall bloquée'].entries()) {
      time.advance(DAY + day * HOUR);
      ids.push((await call('requests.create', { ...technical(description), dossierId: id })).id);
      expect((await call('sync.now')).status).toBe('offline');
    }
    await call('requests.addMessage', { requestId: ids[0], body: 'Je suis là le matin.' });
    for (let day = 0; day < 4; day += 1) {
      time.advance(DAY);
      expect((await call('sync.now')).status).toBe('offline');
      expect((await call('session.get')).state).toBe('signedIn');
    }
    expect((await call('sync.get')).pending).toBe(4);
    expect(events.some((event) => event.name === 'session.expired')).toBe(false);

    // Back online: everything goes, once (a second drain sends nothing again).
    proxy.reconnect();
    expect((await call('sync.now')).status).toBe('upToDate');
    await call('sync.now');
    expect((await call('sync.get')).pending).toBe(0);
    const rows = await onServer(ids);
    expect(rows.map((row) => row.description).sort()).toEqual(['Fuite sous l’évier', 'Porte du hall bloquée', 'Radiateur froid']);
    const messages = await handle.db.select().from(serverSchema.requestMessages).where(eq(serverSchema.requestMessages.requestId, ids[0]!));
    expect(messages.map((message) => message.body)).toEqual(['Je suis là le matin.']);
    expect((await call('session.get')).state).toBe('signedIn');
  });

  it('a session ended on the server keeps the queue: after signing in again, every write (and its photo) is sent once', async () => {
    proxy.cut();
    const id = await dossierId();
    const queued = [
      (await call('requests.create', { ...technical('Volet roulant cassé', [{ name: 'volet.png', mediaType: 'image/png', dataBase64: PHOTO_PNG }]), dossierId: id })).id,
      (await call('requests.create', { ...technical('Interphone muet'), dossierId: id })).id,
    ];
    const account = core.session.current()!.account;
    const outboxFiles = join(accountFolderPath(folder.path, account.id), 'outbox-files');
    expect(readdirSync(outboxFiles)).toHaveLength(1);

    // Meanwhile, on another device, the tenant changes the password: the server ends this
    // PC's session. An hour later this PC's access token has expired and the refresh is refused.
    const newPassword = 'Nouveau-Mot-de-passe-2026!';
    const other = await (await fetch(`${serverUrl}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...DEMO_ACCOUNT, device: { id: randomUUID(), name: 'Téléphone' } }),
    })).json() as { accessToken: string };
    const changed = await fetch(`${serverUrl}/v1/auth/change-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${other.accessToken}` },
      body: JSON.stringify({ currentPassword: DEMO_ACCOUNT.password, newPassword }),
    });
    expect(changed.status).toBe(200);
    time.advance(HOUR);
    proxy.reconnect();
    await call('sync.now');
    await core.syncIdle();
    expect(await call('session.get')).toEqual({ state: 'signedOut', reason: 'expired' });
    expect(events.some((event) => event.name === 'session.expired')).toBe(true);
    expect(await onServer(queued)).toHaveLength(0);
    // The queue and its staged photo are still on disk.
    expect(existsSync(join(accountFolderPath(folder.path, account.id), 'cache.sqlite'))).toBe(true);
    expect(readdirSync(outboxFiles)).toHaveLength(1);

    await call('session.signIn', { email: DEMO_ACCOUNT.email, password: newPassword });
    await core.syncIdle();
    await call('sync.now');
    expect((await call('sync.get')).pending).toBe(0);
    const rows = await onServer(queued);
    expect(rows.map((row) => row.description).sort()).toEqual(['Interphone muet', 'Volet roulant cassé']);
    const photos = await handle.db.select().from(serverSchema.uploads).where(eq(serverSchema.uploads.tenantId, rows[0]!.tenantId));
    expect(photos.some((upload) => upload.mediaType === 'image/png')).toBe(true);
    expect(readdirSync(outboxFiles)).toHaveLength(0);
  });

  it('a poison write does not hold back the independent writes after it; the one that depends on it waits; Réessayer sends both', async () => {
    proxy.cut();
    const id = await dossierId();
    const poison = (await call('requests.create', { ...technical('Chaudière en panne'), dossierId: id })).id as string;
    const dependent = (await call('requests.addMessage', { requestId: poison, body: 'Le code de la porte est 1234.' })).id as string;
    const independent = [
      (await call('requests.create', { ...technical('Ampoule du palier'), dossierId: id })).id as string,
      (await call('requests.create', { ...technical('Boîte aux lettres forcée'), dossierId: id })).id as string,
    ];
    // The server answers 500 to the poison write, every time (and only to it).
    proxy.failWhen((request) => request.headers['idempotency-key'] === poison);
    proxy.reconnect();

    await call('sync.now');
    expect((await onServer(independent)).map((row) => row.description).sort()).toEqual(['Ampoule du palier', 'Boîte aux lettres forcée']);
    expect(await onServer([poison])).toHaveLength(0);

    // It keeps failing: after MAX_SERVER_ATTEMPTS runs it is held back, with its reason.
    for (let run = 0; run < MAX_SERVER_ATTEMPTS + 2; run += 1) await call('sync.now');
    await core.syncIdle();
    expect(proxy.failed()).toBe(MAX_SERVER_ATTEMPTS);
    const items = (await call('outbox.get')).items;
    expect(items.find((item: { id: string }) => item.id === poison)).toMatchObject({ status: 'refused', error: { code: 'SERVER' } });
    // The message on the request not yet created waits for it (it was never sent).
    expect(items.find((item: { id: string }) => item.id === dependent)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await call('requests.list')).requests.find((request: { id: string }) => request.id === poison)).toMatchObject({ delivery: 'refused' });
    // Held back is not "failing": the rest of the data is up to date.
    expect((await call('sync.now')).status).toBe('upToDate');

    // The server is mended; "Réessayer" sends the write, then the message that waited for it.
    proxy.failWhen(null);
    await call('outbox.retry', { id: poison });
    await core.syncIdle();
    await call('sync.now');
    expect((await call('outbox.get')).items).toEqual([]);
    expect(await onServer([poison])).toHaveLength(1);
    const messages = await handle.db.select().from(serverSchema.requestMessages).where(eq(serverSchema.requestMessages.requestId, poison));
    expect(messages.map((message) => message.body)).toEqual(['Le code de la porte est 1234.']);
  });

  it('"Supprimer" on a held-back write also drops the writes that depend on it, and nothing else', async () => {
    proxy.cut();
    const id = await dossierId();
    const poison = (await call('requests.create', { ...technical('Cave inondée'), dossierId: id })).id as string;
    const dependent = (await call('requests.addMessage', { requestId: poison, body: 'Photos à venir.' })).id as string;
    const independent = (await call('requests.create', { ...technical('Digicode en panne'), dossierId: id })).id as string;
    proxy.failWhen((request) => request.headers['idempotency-key'] === poison);
    proxy.reconnect();
    for (let run = 0; run < MAX_SERVER_ATTEMPTS + 1; run += 1) await call('sync.now');
    await core.syncIdle();
    expect((await call('outbox.get')).items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([
      [poison, 'refused'],
      [dependent, 'pending'],
    ]);
    expect(await onServer([independent])).toHaveLength(1);

    await call('outbox.dismiss', { id: poison });
    expect((await call('outbox.get')).items).toEqual([]);
    expect((await call('requests.list')).requests.some((request: { id: string }) => request.id === poison)).toBe(false);
    await expect(call('outbox.retry', { id: dependent })).rejects.toMatchObject({ shape: { code: 'NOT_FOUND' } });
  });

  it('"Hors connexion" shows after the first failed attempt, and at once after a restart when the last attempt failed', async () => {
    proxy.cut();
    events.length = 0;
    expect((await call('sync.now')).status).toBe('offline');
    const states = events.filter((event) => event.name === 'sync.state').map((event) => (event.payload as { status: string }).status);
    expect(states).toEqual(['syncing', 'offline']);

    // The app restarts, still offline: the first thing it says is "Hors connexion", never "À jour".
    core.dispose();
    ({ core, events, call } = desktop());
    await core.start();
    expect((await call('session.get')).state).toBe('signedIn');
    expect((await call('sync.get')).status).toBe('offline');
    await core.syncIdle();
    expect(events.filter((event) => event.name === 'sync.state').map((event) => (event.payload as { status: string }).status)).not.toContain('upToDate');

    proxy.reconnect();
    expect((await call('sync.now')).status).toBe('upToDate');
  });

  it('an email change shows in Mon dossier within seconds of its confirmation, not at the next sync', async () => {
    const newEmail = 'martine.dupont@exemple.fr';
    await call('account.changeEmail', { newEmail, newEmailConfirmation: newEmail, password: 'Nouveau-Mot-de-passe-2026!' });
    const link = await waitFor(() => mail.find((message) => message.to === newEmail)?.link);
    // The tenant follows the link in their mail program (the server's page posts the token).
    const token = new URL(link).searchParams.get('token');
    const confirmed = await fetch(`${serverUrl}/v1/auth/confirm-email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(confirmed.status).toBe(200);
    // No sync.now here: the regular sync is 10 minutes away; the close watch brings it.
    const shown = await waitFor(async () => ((await call('dossier.get')).profile.email === newEmail ? true : null), 5_000);
    expect(shown).toBe(true);
  });
});
