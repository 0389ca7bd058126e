import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncChange } from '../../../src-shared/api/sync';
import { occupants } from '../../../server/src/db/schema';
import { withTenantWrite } from '../../../server/src/sync/versions';
import { postLedgerEntries, type LedgerPosting } from '../../../server/src/balance/ledger';
import { todayBy } from '../../helpers/clock';
import { runMaintenance } from '../../../server/src/admin/maintenance';
import { backends, pullAll, startServer, type TestServer } from './helpers';

describe.each(backends)('sync feed ($name)', (backend) => {
  let server: TestServer;
  let token: string;
  let tenantId: string;
  let cursor: string;
  beforeAll(async () => {
    server = await startServer(backend);
    const session = await server.signIn();
    token = session.accessToken;
    tenantId = session.account.tenantId;
  });
  afterAll(() => server.close());

  it('first sync, paginated, delivers the whole demo dossier exactly once', async () => {
    const all = await pullAll(server, token, undefined, 25);
    cursor = all.cursor;
    expect(all.pages).toBeGreaterThan(3);
    const keys = all.changes.map((c) => `${c.entity}:${c.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const of = (e: SyncChange['entity']) => all.changes.filter((c) => c.entity === e) as any[];
    expect(of('profile')[0]!.data).toMatchObject({ civility: 'Mme', lastName: 'DUPONT', firstName: 'MARTINE', birthDate: '1970-01-01', cafNumber: null });
    // The server starts at TEST_NOW, mid-month: the demo month is paid up (demo-dates.test.ts has the other days).
    expect(of('dossier')[0]!.data).toMatchObject({ number: '0123456789', addressLine: '8 RUE SAINT NICOLAS', postalCode: '78000', city: 'VERSAILLES', balanceCents: 0, directDebitDay: 3 });
    expect(of('contract').map((c) => c.data.kind).sort()).toEqual(['facturation', 'logement', 'stationnement']);
    expect(of('occupant').find((o) => o.data.firstName === 'MARTIN')!.data).toMatchObject({ birthDate: '2000-01-01', relationship: 'enfant', signatory: false });
    expect(of('ledgerEntry').length).toBeGreaterThanOrEqual(24 * 3);
    expect(of('ledgerEntry').reduce((sum: number, e: { data: { amountCents: number } }) => sum + e.data!.amountCents, 0)).toBe(0);
    expect(of('request')[0]!.data).toMatchObject({ status: 'open', kind: 'technical' });
    expect(of('activity').map((a) => a.data.label)).toContain(`Demande n° ${of('request')[0]!.data!.number}`);
    expect(of('changeRequest')[0]!.data!.status).toBe('pending');
    // bank details only ever masked
    expect(of('bankAccount')[0]!.data).toMatchObject({ ibanMasked: '#####189', bicMasked: '#####XXX', holder: 'DUPONT MARTINE' });
    expect(JSON.stringify(all.changes)).not.toContain('FR7630006');
    // versions never go down along the feed
    const versions = all.changes.map((c) => c.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('a no-op sync returns nothing and keeps the cursor', async () => {
    const res = await server.api('GET', `/v1/sync?cursor=${cursor}`, { token });
    expect(res.body).toEqual({ changes: [], cursor, hasMore: false });
  });

  it('lines of one day come with their posting order: array order within a call, call order across calls', async () => {
    const [dossier] = (await pullAll(server, token, undefined, 1000)).changes.filter((c) => c.entity === 'dossier');
    const day = todayBy(server.now);
    const line = (label: string): LedgerPosting => ({ date: day, kind: 'adjustment', label, amountCents: 1 });
    const post = (postings: LedgerPosting[]) => withTenantWrite(server.handle.db, tenantId, (tx, version) => postLedgerEntries(tx, version, server.now(), tenantId, dossier!.id, postings));
    const labels = ['Ligne 1', 'Ligne 2', 'Ligne 3', 'Ligne 4', 'Ligne 5', 'Ligne 6'];
    await post(labels.slice(0, 4).map(line));
    await post([line(labels[4]!)]);
    await post([line(labels[5]!)]);
    // Small pages: the order does not depend on lines arriving together.
    const ledger = (await pullAll(server, token, undefined, 7)).changes
      .filter((c) => c.entity === 'ledgerEntry')
      .map((c) => c.data as { label: string; date: string; postingOrder: number });
    const ours = ledger.filter((entry) => labels.includes(entry.label)).sort((a, b) => a.postingOrder - b.postingOrder);
    expect(ours.map((entry) => entry.label)).toEqual(labels);
    expect(new Set(ledger.map((entry) => entry.postingOrder)).size).toBe(ledger.length);
    // Posted after every demo line (also those of earlier dates).
    expect(Math.min(...ours.map((entry) => entry.postingOrder))).toBeGreaterThan(Math.max(...ledger.filter((entry) => !labels.includes(entry.label)).map((entry) => entry.postingOrder)));
    // The delta from the last cursor carries the same orders; the next tests start after these lines.
    const delta = await pullAll(server, token, cursor);
    expect(delta.changes.filter((c) => c.entity === 'ledgerEntry').map((c) => (c.data as { postingOrder: number }).postingOrder)).toEqual(expect.arrayContaining(ours.map((entry) => entry.postingOrder)));
    cursor = delta.cursor;
  });

  it('a write shows up after the cursor, tombstones included; purged tombstones force a reset', async () => {
    const [child] = await server.handle.db.select().from(occupants).where(eq(occupants.firstName, 'MARTIN'));
    await withTenantWrite(server.handle.db, tenantId, (tx, version) =>
      tx.update(occupants).set({ deleted: true, version, updatedAt: server.now() }).where(eq(occupants.id, child!.id)),
    );
    const after = await pullAll(server, token, cursor);
    expect(after.changes).toEqual([{ entity: 'occupant', id: child!.id, version: expect.any(Number), deleted: true, data: null }]);
    // a fresh full sync does not carry the tombstone
    const full = await pullAll(server, token, undefined, 1000);
    expect(full.changes.some((c) => c.id === child!.id)).toBe(false);

    // the daily maintenance keeps young tombstones, then purges them once past the retention
    expect((await runMaintenance(server.handle.db, server.now(), { tombstoneRetentionDays: 90 })).tombstones).toBe(0);
    const later = await runMaintenance(server.handle.db, new Date(server.now().getTime() + 91 * 86_400_000), { tombstoneRetentionDays: 90 });
    expect(later).toMatchObject({ tombstones: 1, sessions: expect.any(Number) });
    expect(later.sessions).toBeGreaterThan(0); // 91 days on, the 30-day sessions are gone too
    expect((await server.api('GET', '/v1/me', { token })).status).toBe(401);
    token = (await server.signIn()).accessToken;
    const stale = await server.api('GET', `/v1/sync?cursor=${cursor}`, { token });
    expect(stale.body).toEqual({ reset: true });
    const fresh = await server.api('GET', `/v1/sync?cursor=${after.cursor}`, { token });
    expect(fresh.body).toEqual({ changes: [], cursor: after.cursor, hasMore: false });
  });

  it('a first sync in many pages finishes after tombstones were purged (its page cursors are never stale)', async () => {
    // The previous test purged a tombstone: the tenant's minimum cursor version is now above
    // most rows' versions, which is where a first sync's page cursors stand.
    const full = await pullAll(server, token, undefined, 10);
    expect(full.pages).toBeGreaterThan(5);
    expect(full.changes.some((c) => c.entity === 'dossier')).toBe(true);
    // An old delta cursor is still told to reset.
    expect((await server.api('GET', `/v1/sync?cursor=${cursor}`, { token })).body).toEqual({ reset: true });
  });

  it('validates the query in French and requires a session', async () => {
    const bad = await server.api('GET', '/v1/sync?cursor=@@@', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'querystring.cursor', key: 'fields.invalid', message: 'Curseur de synchronisation invalide' }]);
    const limit = await server.api('GET', '/v1/sync?limit=5000', { token });
    expect(limit.status).toBe(400);
    expect(limit.body.error.fields).toEqual([{ path: 'querystring.limit', key: 'fields.invalid', message: 'Doit être inférieur ou égal à 1000' }]);
    expect((await server.api('GET', '/v1/sync')).status).toBe(401);
  });

});
