/**
 * Kiosk mode against the real Portal API server: a tenant session leaves nothing on the lodge
 * PC, whether it ends with "Terminer ma session" or by inactivity; the next tenant sees nothing
 * of the previous one; saving a copy is refused.
 *
 * The scan looks, recursively, at the user-data folder and at every entry of the OS temporary
 * folder created since the test started, for the tenant's display name, email, dossier number,
 * IBAN digits (the server's cleartext demo IBAN; the masked form the app shows, "#####189", is the
 * same for every demo tenant, so other tests' folders would match it) and the bytes
 * of a document downloaded during the session. The tenants are generated for this test, so other
 * tests running at the same time cannot put their names there.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordHasher, FAST_TEST_HASHING } from '../../../server/src/auth/passwords';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import { generateTenants, type GeneratedTenant } from '../../../server/src/demo/demo-data';
import { temporaryFolder } from '../../helpers/core';
import { todayBy } from '../../helpers/clock';
import { fileSystemNow, kioskCore, scan } from './kiosk-harness';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';
import { fakePdf, publishDocument } from '../../helpers/server-documents';

const CLEARTEXT_IBAN_DIGITS = '30006000011234567890189';
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

interface Tenant extends GeneratedTenant {
  dossierNumber: string;
  documentMarker: string;
}

describe('kiosk mode: a tenant session leaves nothing', () => {
  let server: RestartableServer;
  let testStarted = 0;
  const prefix = `el-kiosk-${process.pid}-${randomBytes(3).toString('hex')}-`;
  let tenants: Tenant[];

  beforeAll(async () => {
    testStarted = fileSystemNow();
    server = await startPortalServer();
    const generated = await generateTenants(
      { db: server.handle.db, cipher: createDataCipher(server.dataKey), hasher: createPasswordHasher(FAST_TEST_HASHING), now: server.clock() },
      4,
      { seed: 20_000 + (process.pid % 1000), firstIndex: 700_000 + (process.pid % 1000) * 10, months: 3 },
    );
    // The second tenant must not be a namesake of the first: the test looks for the first one's
    // name in what the second sees (the seed follows the pid, so two draws of one surname happen).
    const namesake = (tenant: GeneratedTenant) => tenant.lastName === generated[0]!.lastName;
    const pair = [generated[0]!, generated.slice(1).find((tenant) => !namesake(tenant))!];
    tenants = [];
    for (const tenant of pair) {
      const dossierNumber = String(3000000000 + Number(tenant.reference) - 2000000000);
      const documentMarker = `KIOSK-DOCUMENT-${randomBytes(12).toString('hex')}`;
      await publishDocument(server.handle, { dossierNumber, kind: 'quittance', period: todayBy(server.clock).slice(0, 7) + '-01', bytes: fakePdf(documentMarker), now: server.clock() });
      tenants.push({ ...tenant, dossierNumber, documentMarker });
    }
  }, 120_000);

  afterAll(async () => server.close());

  /** Signs the tenant in, reads every section, downloads a document, stages an unsent photo. */
  async function useTheKiosk(kiosk: ReturnType<typeof kioskCore>, tenant: Tenant) {
    await kiosk.call('session.signIn', { email: tenant.email, password: tenant.password });
    await kiosk.core.syncIdle();
    const home = await kiosk.call('home.get');
    expect(home.dossiers.map((dossier: { number: string }) => dossier.number)).toEqual([tenant.dossierNumber]);
    await kiosk.call('balance.get');
    await kiosk.call('dossier.get');
    await kiosk.call('contract.get');
    const documents = await kiosk.call('documents.get');
    const document = documents.dossiers.flatMap((dossier: { documents: { sha256: string }[] }) => dossier.documents)[0];
    await kiosk.call('documents.open', { sha256: document.sha256 });
    const file = kiosk.core.documentFile(document.sha256)!;
    expect(readFileSync(file).includes(Buffer.from(tenant.documentMarker))).toBe(true);
    // Saving a copy would take a tenant's document off the lodge PC: refused.
    expect(await kiosk.call('documents.saveCopy', { sha256: document.sha256 })).toEqual({ result: 'unavailable' });

    // The session's files live in its own 0700 temporary folder, not in the user-data folder.
    const folder = kiosk.core.session.current()!.folder;
    expect(folder.startsWith(join(tmpdir(), prefix))).toBe(true);
    expect(file.startsWith(folder)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(folder).mode & 0o777).toBe(0o700);

    // A request with a photo, written while the server is down: staged in the same folder, unsent.
    await server.stop();
    await kiosk.call('requests.create', {
      kind: 'technical',
      dossierId: home.dossiers[0].id,
      category: 'autre',
      description: `Fuite chez ${tenant.lastName}`,
      permissionToEnter: false,
      photos: [{ name: 'fuite.png', mediaType: 'image/png', dataBase64: PNG_1X1 }],
    });
    await kiosk.core.syncIdle();
    expect(readdirSync(join(folder, 'outbox-files'))).toHaveLength(1);
    await server.start();

    const needles = [tenant.email, tenant.lastName, `${tenant.firstName} ${tenant.lastName}`, home.displayName, tenant.dossierNumber, CLEARTEXT_IBAN_DIGITS, tenant.documentMarker, document.sha256]
      .filter((needle, index, all) => needle && all.indexOf(needle) === index)
      .map((needle) => Buffer.from(needle));
    // The scan sees the session's files while it lasts (so an empty result later means something).
    expect(scan([{ path: folder }], [Buffer.from(tenant.documentMarker)])).not.toEqual([]);
    return { folder, needles };
  }

  it('"Terminer ma session": warned about the unsent request, then everything is wiped', async () => {
    const userData = temporaryFolder('el-kiosk-ud-');
    const kiosk = kioskCore({ serverUrl: server.url, userDataDir: userData.path, now: server.clock, prefix });
    const { folder, needles } = await useTheKiosk(kiosk, tenants[0]!);

    await expect(kiosk.call('session.signOut')).rejects.toMatchObject({ shape: { code: 'UNSENT_ITEMS' } });
    expect((await kiosk.call('session.get')).state).toBe('signedIn');
    expect(await kiosk.call('session.signOut', { discardUnsent: true })).toEqual({ state: 'signedOut', reason: 'signedOut' });

    expect(existsSync(folder)).toBe(false);
    expect(kiosk.wipedRenderer()).toBe(1);
    expect(kiosk.core.session.current()).toBeNull();
    await expect(kiosk.call('home.get')).rejects.toMatchObject({ shape: { code: 'UNAUTHENTICATED' } });
    expect(scan([{ path: userData.path }, { path: tmpdir(), since: testStarted }], needles)).toEqual([]);
    kiosk.core.dispose();
    userData.remove();
  });

  it('inactivity: a warning each second, then sign-out and the same wipe; a second tenant sees nothing of the first', async () => {
    const userData = temporaryFolder('el-kiosk-ud-');
    const kiosk = kioskCore({ serverUrl: server.url, userDataDir: userData.path, now: server.clock, prefix, idle: { idleSeconds: 8, warningSeconds: 2 } });
    const { folder, needles } = await useTheKiosk(kiosk, tenants[0]!);
    // The tenant's last touch of the screen; then nobody touches it.
    await kiosk.call('kiosk.activity');
    kiosk.events.length = 0;
    await expect.poll(() => kiosk.events.filter((event) => event.name === 'kiosk.idleWarning').map((event) => event.payload), { timeout: 15_000 })
      .toEqual([{ secondsLeft: 2 }, { secondsLeft: 1 }, { secondsLeft: 0 }]);
    expect(await kiosk.call('session.get')).toEqual({ state: 'signedOut', reason: 'signedOut' });
    expect(existsSync(folder)).toBe(false);
    expect(kiosk.wipedRenderer()).toBe(1);
    expect(scan([{ path: userData.path }, { path: tmpdir(), since: testStarted }], needles)).toEqual([]);

    // The next tenant, on the same kiosk.
    const second = tenants[1]!;
    await kiosk.call('session.signIn', { email: second.email, password: second.password });
    await kiosk.core.syncIdle();
    const home = await kiosk.call('home.get');
    expect(home.dossiers.map((dossier: { number: string }) => dossier.number)).toEqual([second.dossierNumber]);
    const everything = JSON.stringify(await Promise.all(['home.get', 'dossier.get', 'contract.get', 'balance.get', 'documents.get', 'requests.list', 'outbox.get'].map((name) => kiosk.call(name))));
    for (const needle of [tenants[0]!.email, tenants[0]!.dossierNumber, tenants[0]!.lastName, 'Fuite chez']) {
      expect(everything.includes(needle), needle).toBe(false);
    }
    expect(kiosk.core.session.current()!.folder).not.toBe(folder);
    await kiosk.call('session.signOut', { discardUnsent: true });
    kiosk.core.dispose();
    userData.remove();
  }, 60_000);

  it('"Continuer ma session" (activity during the warning) keeps the session open', async () => {
    const userData = temporaryFolder('el-kiosk-ud-');
    const kiosk = kioskCore({ serverUrl: server.url, userDataDir: userData.path, now: server.clock, prefix, idle: { idleSeconds: 3, warningSeconds: 2 } });
    await kiosk.call('session.signIn', { email: tenants[1]!.email, password: tenants[1]!.password });
    await expect.poll(() => kiosk.events.some((event) => event.name === 'kiosk.idleWarning'), { timeout: 5_000 }).toBe(true);
    await kiosk.call('kiosk.activity');
    expect(kiosk.core.kiosk.idlePhase()).toBe('counting');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await kiosk.call('session.get')).state).toBe('signedIn');
    await kiosk.call('session.signOut', { discardUnsent: true });
    expect(kiosk.core.kiosk.idlePhase()).toBe('stopped');
    kiosk.core.dispose();
    userData.remove();
  });
});
