/**
 * Every write a tenant can make reaches the Portal API, exactly once, with the data they typed:
 * for each outbox kind (src-shared/outbox.ts), its bridge procedure is called through the router
 * of a real desktop core, the sync runs, and the server's own database is read back. A new kind
 * without its case here fails (the cases are a Record over OutboxKind, and the tests iterate
 * OUTBOX_KIND_NAMES), so no write can pass the e2e tests on its optimistic row alone.
 *
 * Also: the outbox's typing (parse on read) holds back a row whose body no longer fits its kind.
 */
import { createHash } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import * as serverSchema from '../../../server/src/db/schema';
import { DEMO_ACCOUNT } from '../../../server/src/demo/demo-data';
import { outbox as outboxTable } from '../../../db/schema';
import type { PortalCore } from '../../../src-main/portal-core';
import { enqueue } from '../../../src-main/sync/outbox';
import { OUTBOX_KIND_NAMES, type OutboxKind } from '../../../src-shared/outbox';
import { formatFrenchPhone } from '../../../src-shared/validation/phone';
import { signedInDemoCore, type RouterCall } from '../../helpers/core';
import { startPortalServer, type RestartableServer } from '../../helpers/portal-server';

// A 1x1 PNG: a photo or a proof, checked by its content on both sides.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const PNG_SHA256 = createHash('sha256').update(Buffer.from(PNG_BASE64, 'base64')).digest('hex');
const attachment = (name: string) => ({ name, mediaType: 'image/png', dataBase64: PNG_BASE64 });

describe('every write reaches the server, once, with its data', () => {
  let server: RestartableServer;
  let desktop: Awaited<ReturnType<typeof signedInDemoCore>>;
  let core: PortalCore;
  let call: RouterCall;
  let dossierId: string;

  const db = () => server.handle.db;
  /** Rows in a server table: a write that arrived twice (or not at all) shows here. */
  async function rowsIn(table: PgTable) {
    const [row] = await db().select({ n: count() }).from(table);
    return row!.n;
  }
  /** Sends what is queued and checks nothing stayed behind. */
  async function deliver() {
    await core.syncIdle();
    await call('sync.now');
    expect((await call('outbox.get')).items).toEqual([]);
  }
  /** A request already on the server, for the writes about one. */
  async function requestOnServer(description: string): Promise<string> {
    const { id } = await call('requests.create', { kind: 'technical', dossierId, category: 'autre', description, permissionToEnter: false, photos: [] });
    await deliver();
    return id;
  }

  /** One case per outbox kind: queue it through its procedure, then read what the server holds. */
  const WRITES: Record<OutboxKind, () => Promise<void>> = {
    'dossier.update': async () => {
      const before = await rowsIn(serverSchema.changeRequests);
      const current = (await call('dossier.get')).profile;
      const { id } = await call('dossier.requestUpdate', {
        phoneHome: current.phoneHome ?? '',
        phoneMobile: '07 81 22 33 44',
        phoneWork: current.phoneWork ?? '',
        cafNumber: '1234567',
      });
      await deliver();
      expect(await rowsIn(serverSchema.changeRequests)).toBe(before + 1);
      const [row] = await db().select().from(serverSchema.changeRequests).where(eq(serverSchema.changeRequests.id, id));
      // Only what changed is sent; the server keeps the phone in the seed's display form.
      const expected = { phoneMobile: formatFrenchPhone('07 81 22 33 44'), cafNumber: '1234567' };
      expect(row).toMatchObject({ kind: 'personal_info', dossierId: null, status: 'pending', summary: expected, payload: expected });
    },
    'contract.occupants': async () => {
      const before = await rowsIn(serverSchema.changeRequests);
      const { id } = await call('contract.requestOccupantsChange', {
        dossierId,
        occupants: [
          { civility: 'Mme', lastName: 'DUPONT', firstName: 'MARTINE', birthDate: '12/05/1970', relationship: 'titulaire', signatory: true },
          { civility: 'M.', lastName: 'DUPONT', firstName: 'LÉO', birthDate: '03/02/2015', relationship: 'enfant', signatory: false },
        ],
      });
      await deliver();
      expect(await rowsIn(serverSchema.changeRequests)).toBe(before + 1);
      const [row] = await db().select().from(serverSchema.changeRequests).where(eq(serverSchema.changeRequests.id, id));
      expect(row).toMatchObject({ kind: 'occupants', dossierId, status: 'pending' });
      // The dossier is the row's own column; the payload is the proposed list, birth dates ISO.
      expect(row!.payload).toEqual({
        occupants: [
          { civility: 'Mme', lastName: 'DUPONT', firstName: 'MARTINE', birthDate: '1970-05-12', relationship: 'titulaire', signatory: true },
          { civility: 'M.', lastName: 'DUPONT', firstName: 'LÉO', birthDate: '2015-02-03', relationship: 'enfant', signatory: false },
        ],
      });
    },
    'balance.bankDetails': async () => {
      const before = await rowsIn(serverSchema.changeRequests);
      const holder = { lastName: 'DUPONT', firstNames: 'MARTINE', address: '8 RUE SAINT NICOLAS', city: 'VERSAILLES', postalCode: '78000' };
      const { id } = await call('balance.requestBankChange', {
        dossierId,
        iban: 'FR76 3000 6000 0112 3456 7890 189',
        bic: 'AGRIFRPPXXX',
        bankName: 'LA BANQUE',
        holder,
        attachment: attachment('rib.png'),
      });
      await deliver();
      expect(await rowsIn(serverSchema.changeRequests)).toBe(before + 1);
      const [row] = await db().select().from(serverSchema.changeRequests).where(eq(serverSchema.changeRequests.id, id));
      expect(row).toMatchObject({ kind: 'bank_details', dossierId, status: 'pending', attachmentSha256: PNG_SHA256 });
      const payload = row!.payload as { ibanEncrypted: string; bicEncrypted: string; bankName: string; holder: unknown };
      const cipher = createDataCipher(server.dataKey);
      expect(cipher.decrypt(payload.ibanEncrypted)).toBe('FR7630006000011234567890189');
      expect(cipher.decrypt(payload.bicEncrypted)).toBe('AGRIFRPPXXX');
      expect(payload).toMatchObject({ bankName: 'LA BANQUE', holder });
    },
    'insurance.submit': async () => {
      const before = await rowsIn(serverSchema.insuranceCertificates);
      const { id } = await call('insurance.submit', {
        dossierId,
        insurer: 'MUTUELLE DU LOGIS',
        policyNumber: 'HAB-2026-0042',
        validFrom: '01/03/2026',
        validTo: '28/02/2027',
        attachment: attachment('attestation.png'),
      });
      await deliver();
      expect(await rowsIn(serverSchema.insuranceCertificates)).toBe(before + 1);
      const [row] = await db().select().from(serverSchema.insuranceCertificates).where(eq(serverSchema.insuranceCertificates.id, id));
      expect(row).toMatchObject({
        dossierId,
        insurer: 'MUTUELLE DU LOGIS',
        policyNumber: 'HAB-2026-0042',
        validFrom: '2026-03-01',
        validTo: '2027-02-28',
        attachmentSha256: PNG_SHA256,
        status: 'pending',
      });
    },
    'documents.paperless': async () => {
      const [tenantBefore] = await db().select().from(serverSchema.tenants).where(eq(serverSchema.tenants.id, (await demoTenantId())));
      const activitiesBefore = await rowsIn(serverSchema.activities);
      const enabled = !tenantBefore!.paperless;
      await call('documents.setPaperless', { enabled });
      await deliver();
      const [tenantAfter] = await db().select().from(serverSchema.tenants).where(eq(serverSchema.tenants.id, tenantBefore!.id));
      expect(tenantAfter!.paperless).toBe(enabled);
      // Once: one activity line for the one change.
      expect(await rowsIn(serverSchema.activities)).toBe(activitiesBefore + 1);
      expect((await call('documents.get')).paperless).toMatchObject({ enabled, delivery: 'synced' });
    },
    'notifications.preference': async () => {
      const tenantId = await demoTenantId();
      await call('notifications.setPreference', { kind: 'debit.upcoming', channel: 'both' });
      // Shown at once, before the server has it.
      expect((await call('notifications.preferences')).kinds.find((k: { kind: string }) => k.kind === 'debit.upcoming')).toEqual({ kind: 'debit.upcoming', channel: 'both', pending: true });
      await deliver();
      const [row] = await db().select().from(serverSchema.notificationPreferences).where(eq(serverSchema.notificationPreferences.id, tenantId));
      expect(row!.channels).toEqual({ 'debit.upcoming': 'both' });
      expect((await call('notifications.preferences')).kinds.find((k: { kind: string }) => k.kind === 'debit.upcoming')).toEqual({ kind: 'debit.upcoming', channel: 'both', pending: false });
    },
    'requests.create': async () => {
      const before = await rowsIn(serverSchema.requests);
      const { id } = await call('requests.create', {
        kind: 'technical',
        dossierId,
        category: 'plomberie',
        description: 'Fuite sous l’évier de la cuisine',
        permissionToEnter: true,
        photos: [attachment('fuite.png')],
      });
      await deliver();
      expect(await rowsIn(serverSchema.requests)).toBe(before + 1);
      const [row] = await db().select().from(serverSchema.requests).where(eq(serverSchema.requests.id, id));
      expect(row).toMatchObject({
        dossierId,
        kind: 'technical',
        category: 'plomberie',
        description: 'Fuite sous l’évier de la cuisine',
        permissionToEnter: true,
        photoSha256s: [PNG_SHA256],
        status: 'open',
      });
    },
    'requests.message': async () => {
      const requestId = await requestOnServer('Volet roulant bloqué');
      const before = await rowsIn(serverSchema.requestMessages);
      const { id } = await call('requests.addMessage', { requestId, body: 'Je suis là le mardi matin.' });
      await deliver();
      expect(await rowsIn(serverSchema.requestMessages)).toBe(before + 1);
      const [row] = await db().select().from(serverSchema.requestMessages).where(eq(serverSchema.requestMessages.id, id));
      expect(row).toMatchObject({ requestId, author: 'tenant', body: 'Je suis là le mardi matin.' });
    },
    'requests.cancel': async () => {
      const requestId = await requestOnServer('Interphone muet');
      const before = await rowsIn(serverSchema.requestEvents);
      await call('requests.cancel', { requestId });
      await deliver();
      const [row] = await db().select().from(serverSchema.requests).where(eq(serverSchema.requests.id, requestId));
      expect(row!.status).toBe('cancelled');
      expect(await rowsIn(serverSchema.requestEvents)).toBe(before + 1);
      const events = await db().select().from(serverSchema.requestEvents).where(eq(serverSchema.requestEvents.requestId, requestId));
      expect(events.filter((event) => event.status === 'cancelled')).toEqual([expect.objectContaining({ by: 'tenant' })]);
    },
  };

  async function demoTenantId(): Promise<string> {
    const [account] = await db().select().from(serverSchema.accounts).where(eq(serverSchema.accounts.email, DEMO_ACCOUNT.email));
    return account!.tenantId;
  }

  beforeAll(async () => {
    server = await startPortalServer();
    // A failed run retries within milliseconds, not seconds (the server is stopped once below).
    desktop = await signedInDemoCore(server, DEMO_ACCOUNT, { sync: { intervalMs: 60_000, backoff: { baseMs: 50, maxMs: 200 } } });
    ({ core, call } = desktop);
    dossierId = (await call('home.get')).dossiers[0].id;
  });

  afterAll(async () => {
    desktop.close();
    await server.close();
  });

  for (const kind of OUTBOX_KIND_NAMES) {
    it(`${kind}: sent through its procedure, on the server once`, async () => {
      await WRITES[kind]();
    });
  }

  it('a queued row whose body no longer fits its kind is held back, never sent', async () => {
    const requestsBefore = await rowsIn(serverSchema.requests);
    // The server is down while the row is queued, so it waits in the outbox.
    await server.stop();
    const { id } = await call('requests.create', { kind: 'technical', dossierId, category: 'autre', description: 'Écrite par une autre version', permissionToEnter: false, photos: [] });
    await core.syncIdle();
    // As if an older or newer version had written it: a body the current schema refuses.
    const open = core.session.current()!;
    open.cache.db.update(outboxTable).set({ body: { kind: 'technical', dossierId, category: 'inconnue' } }).where(eq(outboxTable.id, id)).run();
    await server.start();
    await call('sync.now');
    expect((await call('outbox.get')).items).toEqual([expect.objectContaining({ id, kind: 'requests.create', status: 'refused', error: { code: 'INTERNAL' } })]);
    expect(await rowsIn(serverSchema.requests)).toBe(requestsBefore);
    // "Supprimer" drops it with its optimistic row.
    await call('outbox.dismiss', { id });
    expect((await call('outbox.get')).items).toEqual([]);
    expect((await call('requests.list')).requests.some((request: { id: string }) => request.id === id)).toBe(false);
  });

  it('a body outside its kind\'s schema is a bug: enqueue throws and queues nothing', async () => {
    const open = core.session.current()!;
    const queued = (await call('outbox.get')).items.length;
    // The cast stands for a service bug the type checker would have caught.
    expect(() => enqueue(open, { kind: 'documents.paperless', body: () => ({ enabled: 'oui' }) as never }, server.clock())).toThrow(/documents.paperless body outside its schema/);
    expect((await call('outbox.get')).items).toHaveLength(queued);
  });
});
