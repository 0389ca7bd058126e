/**
 * The caretaker's space in main (issue 19), against a stand-in of the staff API (the fetch the
 * Portal API client is given): replies typed offline are queued, survive a restart sealed on
 * disk and go once, in order, when the server is back; the token never reaches the page and is
 * gone after sign-out; on a kiosk nothing is ever written and the end of session leaves nothing
 * (the last case through a kiosk core against the real server: its inactivity end wipes both).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dossiers, residences, staffSessions } from '../../../server/src/db/schema';
import { createCaretakerService } from '../../../src-main/caretaker/service';
import { PortalApi } from '../../../src-main/services/portal-api';
import { createKeyFileSecretStore, memoryOnlySecretStore } from '../../../src-main/storage/secrets';
import { PortalError } from '../../../src-shared/errors';
import { temporaryFolder } from '../../helpers/core';
import { testClock } from '../../helpers/clock';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';
import { createActivatedStaff, staffCode, STAFF_PASSWORD, type TestStaff } from '../../helpers/staff-accounts';
import { kioskCore } from './kiosk-harness';

const REQUEST_ID = '11111111-1111-4111-8111-111111111111';
const TOKEN = 'staff-token-that-must-never-leave-main';
const REPLY = 'Je passe mardi matin avec le plombier.';
/** A reply the stand-in server refuses (as if the request had been closed meanwhile). */
const CLOSED_MEANWHILE = 'Une réponse à une demande close entre-temps.';

function row(status = 'open') {
  return {
    id: REQUEST_ID,
    number: 1000042,
    kind: 'technical',
    category: 'plomberie',
    subject: 'Fuite sous l’évier',
    status,
    tenantId: '22222222-2222-4222-8222-222222222222',
    tenantName: 'Mme DUPONT MARTINE',
    dossierNumber: '0123456789',
    residence: { id: '33333333-3333-4333-8333-333333333333', code: 'TIL', name: 'Les Tilleuls' },
    plannedDate: null,
    createdAt: '2026-03-17T08:00:00.000Z',
    updatedAt: '2026-03-17T08:00:00.000Z',
  };
}

/** The staff API as the caretaker's service calls it; `offline` makes every call fail to connect. */
function fakeStaffApi() {
  const calls: { method: string; path: string; body: unknown; authorization: string | null; idempotencyKey: string | null }[] = [];
  /** The writes the server took (a refused token's attempt is in `calls` only). */
  const accepted: { path: string; body: unknown; idempotencyKey: string | null }[] = [];
  const state = { offline: false, tokenValid: true };
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchImpl = (async (input: string | URL, init?: RequestInit) => {
    if (state.offline) throw new TypeError('fetch failed');
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const method = init?.method ?? 'GET';
    calls.push({ method, path: url.pathname, body, authorization: headers.get('authorization'), idempotencyKey: headers.get('idempotency-key') });
    if (url.pathname === '/v1/staff/auth/sign-in') {
      return body.password === 'Gardien-Correct-2026!' ? json(200, { challenge: 'challenge-1' }) : json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'x' } });
    }
    if (url.pathname === '/v1/staff/auth/totp') {
      if (body.code !== '123456') return json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'x' } });
      return json(200, {
        token: TOKEN,
        idleExpiresAt: '2026-03-18T10:00:00.000Z',
        staff: { id: '44444444-4444-4444-8444-444444444444', email: 'gardien@example.org', displayName: 'M. Petit', role: 'caretaker', residences: [row().residence] },
      });
    }
    if (headers.get('authorization') !== `Bearer ${TOKEN}` || !state.tokenValid) return json(401, { error: { code: 'UNAUTHENTICATED', message: 'x' } });
    if (url.pathname === '/v1/staff/auth/sign-out') return json(200, {});
    if (url.pathname === '/v1/staff/requests') return json(200, { items: [row()], total: 1, page: 1, pageSize: 50 });
    if (url.pathname === `/v1/staff/requests/${REQUEST_ID}`) {
      return json(200, {
        ...row(),
        description: 'L’eau coule sous l’évier.',
        permissionToEnter: true,
        availability: null,
        photoSha256s: [],
        tenant: { id: row().tenantId, reference: '1000123456', name: 'Mme DUPONT MARTINE', email: null, phoneHome: null, phoneMobile: '0601020304', phoneWork: null },
        dossier: { id: '55555555-5555-4555-8555-555555555555', number: '0123456789', addressLine: '8 RUE SAINT NICOLAS', postalCode: '78000', city: 'VERSAILLES' },
        messages: [],
        events: [],
      });
    }
    if (url.pathname.endsWith('/replies') && body.body === CLOSED_MEANWHILE) return json(409, { error: { code: 'CONFLICT', message: 'Demande close' } });
    if (url.pathname.endsWith('/replies') || url.pathname.endsWith('/status')) {
      accepted.push({ path: url.pathname, body, idempotencyKey: headers.get('idempotency-key') });
      return json(201, { id: headers.get('idempotency-key') });
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'x' } });
  }) as typeof fetch;
  return { calls, accepted, state, api: new PortalApi({ baseUrl: 'http://staff.test', fetch: fetchImpl }) };
}

const folders: { remove(): void }[] = [];
afterEach(() => folders.splice(0).forEach((folder) => folder.remove()));

function setUp(kiosk: boolean) {
  const folder = temporaryFolder('el-caretaker-');
  folders.push(folder);
  const server = fakeStaffApi();
  const secrets = kiosk ? memoryOnlySecretStore : createKeyFileSecretStore(join(folder.path, 'secret.key'));
  const make = () => createCaretakerService({ api: server.api, userDataDir: folder.path, secrets, kiosk, now: testClock().clock });
  return { folder: folder.path, server, make, secrets };
}

async function signIn(service: ReturnType<ReturnType<typeof setUp>['make']>) {
  expect(await service.signIn({ email: 'gardien@example.org', password: 'Gardien-Correct-2026!' })).toEqual({ state: 'codeNeeded', email: 'gardien@example.org' });
  return service.verifyCode({ code: '123456' });
}

describe('caretaker space in main', () => {
  it('signs in in two steps, and the token never appears in what the page is given', async () => {
    const { make } = setUp(false);
    const service = make();
    await expect(service.signIn({ email: 'gardien@example.org', password: 'wrong' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const state = await signIn(service);
    expect(state).toMatchObject({ state: 'signedIn', staff: { displayName: 'M. Petit' }, pending: 0 });
    const list = await service.list({});
    const detail = await service.get({ requestId: REQUEST_ID });
    expect(JSON.stringify([state, list, detail])).not.toContain(TOKEN);
  });

  it('queues a reply typed offline, keeps it sealed across a restart, sends it once when back, and shows the last list offline', async () => {
    const { make, server, folder } = setUp(false);
    const first = make();
    await signIn(first);
    await first.list({});
    await first.get({ requestId: REQUEST_ID });

    server.state.offline = true;
    expect(await first.reply({ requestId: REQUEST_ID, body: REPLY })).toMatchObject({ delivery: 'pending' });
    expect(await first.setStatus({ requestId: REQUEST_ID, status: 'in_progress', plannedDate: '2026-03-24' })).toMatchObject({ delivery: 'pending' });
    const offline = await first.list({ status: 'open' });
    expect(offline).toMatchObject({ offline: true, items: [{ id: REQUEST_ID, pending: true }] });
    const detail = await first.get({ requestId: REQUEST_ID });
    expect(detail).toMatchObject({ offline: true, queuedReplies: [{ body: REPLY }], queuedStatus: { status: 'in_progress', plannedDate: '2026-03-24' } });
    // On disk: sealed, not in clear.
    const sealed = readFileSync(join(folder, 'caretaker', 'caretaker.bin'));
    expect(sealed.toString('latin1')).not.toContain('plombier');
    expect(sealed.toString('latin1')).not.toContain(TOKEN);

    // The app restarts, still offline: the session and the queue are there.
    const second = make();
    expect(second.state()).toMatchObject({ state: 'signedIn', pending: 2 });
    server.state.offline = false;
    const online = await second.list({});
    expect(online.offline).toBe(false);
    expect(second.state()).toMatchObject({ pending: 0 });
    const writes = server.calls.filter((call) => call.method === 'POST' && call.path.startsWith('/v1/staff/requests/'));
    expect(writes.map((call) => [call.path.split('/').at(-1), call.body])).toEqual([
      ['replies', { body: REPLY }],
      ['status', { status: 'in_progress', plannedDate: '2026-03-24' }],
    ]);
    // Each with its own id as the Idempotency-Key, so a retry after a lost answer is not a second reply.
    expect(new Set(writes.map((call) => call.idempotencyKey)).size).toBe(2);
    await second.drain();
    expect(server.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/replies'))).toHaveLength(1);
  });

  it('a refused reply is held back with its reason, shown, and does not stop the ones behind it', async () => {
    const { make, server } = setUp(false);
    const service = make();
    await signIn(service);
    server.state.offline = true;
    await service.reply({ requestId: REQUEST_ID, body: CLOSED_MEANWHILE });
    await service.reply({ requestId: REQUEST_ID, body: REPLY });
    server.state.offline = false;
    const detail = await service.get({ requestId: REQUEST_ID });
    expect(detail.queuedReplies).toEqual([expect.objectContaining({ body: CLOSED_MEANWHILE, refused: 'CONFLICT' })]);
    expect(server.accepted.map((write) => write.body)).toEqual([{ body: REPLY }]);
    // Still counted: sign-out asks before it goes.
    expect(service.state()).toMatchObject({ pending: 1 });
    await expect(service.signOut({ discardUnsent: false })).rejects.toMatchObject({ code: 'UNSENT_ITEMS' });
  });

  it('an expired staff session keeps the queue for the next sign-in, which sends it', async () => {
    const { make, server } = setUp(false);
    const service = make();
    await signIn(service);
    server.state.offline = true;
    await service.reply({ requestId: REQUEST_ID, body: REPLY });
    server.state.offline = false;
    server.state.tokenValid = false;
    await expect(service.list({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(service.state()).toEqual({ state: 'signedOut', reason: 'expired' });
    server.state.tokenValid = true;
    await signIn(service);
    await service.drain();
    expect(service.state()).toMatchObject({ state: 'signedIn', pending: 0 });
    expect(server.accepted.map((write) => write.body)).toEqual([{ body: REPLY }]);
  });

  it('sign-out asks first while replies wait, then wipes the token, the queue and the file, and revokes the session', async () => {
    const { make, server, folder } = setUp(false);
    const service = make();
    await signIn(service);
    server.state.offline = true;
    await service.reply({ requestId: REQUEST_ID, body: REPLY });
    await expect(service.signOut({ discardUnsent: false })).rejects.toEqual(new PortalError('UNSENT_ITEMS'));
    server.state.offline = false;
    // Back online, sign-out sends what waits first, then ends the session.
    expect(await service.signOut({ discardUnsent: false })).toEqual({ state: 'signedOut', reason: 'signedOut' });
    expect(server.calls.filter((call) => call.path.endsWith('/replies'))).toHaveLength(1);
    expect(server.calls.at(-1)).toMatchObject({ path: '/v1/staff/auth/sign-out', authorization: `Bearer ${TOKEN}` });
    expect(existsSync(join(folder, 'caretaker'))).toBe(false);
    expect(service.leftovers()).toEqual({ file: false, session: false, queue: 0, saved: false });
    await expect(service.list({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // A restart finds nobody signed in.
    expect(make().state()).toEqual({ state: 'signedOut' });
  });

  it("on a kiosk nothing is written, and the end of the kiosk's session leaves nothing, even with replies unsent", async () => {
    const { make, server, folder } = setUp(true);
    const service = make();
    await signIn(service);
    await service.list({});
    server.state.offline = true;
    await service.reply({ requestId: REQUEST_ID, body: REPLY });
    expect(readdirSync(folder)).toEqual([]);
    await service.endSession();
    expect(service.leftovers()).toEqual({ file: false, session: false, queue: 0, saved: false });
    expect(service.state()).toMatchObject({ state: 'signedOut' });
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe("caretaker space on a kiosk, against the real server: the kiosk's end of session", () => {
  let server: RestartableServer;
  let caretaker: TestStaff;
  beforeAll(async () => {
    server = await startPortalServer({ server: { throttle: { signInPerIp: 100_000 } } });
    const now = server.clock();
    const residenceId = randomUUID();
    await server.handle.db.insert(residences).values({
      id: residenceId, code: 'RES-TIL', name: 'Résidence Les Tilleuls', addressLine: '8 RUE SAINT NICOLAS', postalCode: '78000', city: 'VERSAILLES',
      caretakerName: 'M. Petit', caretakerPhone: '0139000000', caretakerHours: '8 h - 12 h', lodgeAddress: 'Loge', createdAt: now, updatedAt: now,
    });
    await server.handle.db.update(dossiers).set({ residenceId }).where(eq(dossiers.number, '0123456789'));
    caretaker = await createActivatedStaff(server, { email: 'petit@bailleur.example', displayName: 'M. Petit, gardien', role: 'caretaker', residenceIds: [residenceId] });
  }, 120_000);
  afterAll(() => server.close());

  it("inactivity ends the tenant's session and the caretaker's: nothing of either stays, the staff session is revoked", async () => {
    const userData = temporaryFolder('el-kiosk-ud-');
    folders.push(userData);
    const kiosk = kioskCore({ serverUrl: server.url, userDataDir: userData.path, now: server.clock, prefix: `el-kiosk-caretaker-${process.pid}-`, idle: { idleSeconds: 4, warningSeconds: 2 } });
    await kiosk.call('session.signIn', { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!' });
    await kiosk.call('caretaker.signIn', { email: caretaker.email, password: STAFF_PASSWORD });
    expect(await kiosk.call('caretaker.verifyCode', { code: staffCode(server, caretaker.secret) })).toMatchObject({ state: 'signedIn' });
    const list = await kiosk.call('caretaker.list', {});
    expect(list.items.length).toBeGreaterThan(0);
    await kiosk.call('caretaker.get', { requestId: list.items[0].id });
    expect(kiosk.core.caretaker.leftovers()).toMatchObject({ file: false, session: true, saved: true });

    await kiosk.call('kiosk.activity');
    await expect.poll(async () => (await kiosk.call('session.get')).state, { timeout: 15_000 }).toBe('signedOut');
    expect(await kiosk.call('caretaker.state')).toMatchObject({ state: 'signedOut' });
    expect(kiosk.core.caretaker.leftovers()).toEqual({ file: false, session: false, queue: 0, saved: false });
    await expect(kiosk.call('caretaker.list', {})).rejects.toMatchObject({ shape: { code: 'UNAUTHENTICATED' } });
    expect(readdirSync(userData.path).filter((name) => name.startsWith('caretaker'))).toEqual([]);
    // The server's session is revoked too, not only forgotten here.
    const sessions = await server.handle.db.select().from(staffSessions);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((session) => session.revokedAt !== null)).toBe(true);
    kiosk.core.dispose();
  }, 60_000);
});
