/**
 * db/bulk.ts's batch insert (issue 17: the ERP import, import-ledger and publishing write through
 * it): a row reads back as the same row drizzle would have inserted, json columns as objects (not
 * as a JSON string), nulls and defaults, `on conflict do nothing` with the count of rows actually
 * inserted; on PGlite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyOf, insertRows } from '../../../server/src/db/bulk';
import type { DatabaseHandle } from '../../../server/src/db/client';
import { notifications, tenants } from '../../../server/src/db/schema';
import { rowsOf } from '../../../server/src/sync/feed';
import { backends } from './helpers';

const at = new Date('2027-02-15T09:30:00.123Z');
const tenantRow = (reference: string) => ({
  id: randomUUID(),
  reference,
  civility: 'Mme',
  lastName: 'N’Diaye "Ba" \\ {x}, y',
  firstName: 'Élodie 🏠',
  birthDate: '1950-03-01',
  contactEmail: null,
  createdAt: at,
  updatedAt: at,
});

describe.each(backends)('insertRows ($name)', (backend) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(async () => {
    await handle.close();
  });

  it('stores the rows as drizzle reads them back: text as written, dates to the millisecond, null, and the column defaults for fields no row names', async () => {
    const rows = [tenantRow('B-1'), tenantRow('B-2')];
    expect(await insertRows(handle.db, tenants, rows)).toBe(2);
    const stored = await handle.db.select().from(tenants).where(anyOf(tenants.id, rows.map((row) => row.id)));
    expect(stored.sort((a, b) => a.reference.localeCompare(b.reference))).toEqual(
      rows.map((row) => ({ ...row, phoneHome: null, phoneMobile: null, phoneWork: null, cafNumber: null, paperless: false, paperlessSince: null, syncVersion: 0, minCursorVersion: 0, version: 0 })),
    );
  });

  it('keeps a json column’s value an object, and with onConflictDoNothing inserts only the rows no unique index already has, counting them', async () => {
    const tenant = tenantRow('B-3');
    await insertRows(handle.db, tenants, [tenant]);
    const notification = (subject: string, period: string) => ({
      id: randomUUID(),
      tenantId: tenant.id,
      version: 1,
      updatedAt: at,
      kind: 'document.published',
      subject,
      params: { documentKind: 'avis_echeance', period, note: 'l’"avis" \\ {1}' },
      refId: null,
      at,
      mailState: 'pending' as const,
    });
    expect(await insertRows(handle.db, notifications, [notification('s1', '2027-01'), notification('s2', '2027-02')], { onConflictDoNothing: true })).toBe(2);
    // s2 is there already (notifications_subject_idx): only s3 is new, and s2 keeps its first params.
    expect(await insertRows(handle.db, notifications, [notification('s2', '2099-12'), notification('s3', '2027-03')], { onConflictDoNothing: true })).toBe(1);
    const stored = await handle.db.select().from(notifications).where(eq(notifications.tenantId, tenant.id));
    expect(Object.fromEntries(stored.map((row) => [row.subject, row.params]))).toEqual({
      s1: { documentKind: 'avis_echeance', period: '2027-01', note: 'l’"avis" \\ {1}' },
      s2: { documentKind: 'avis_echeance', period: '2027-02', note: 'l’"avis" \\ {1}' },
      s3: { documentKind: 'avis_echeance', period: '2027-03', note: 'l’"avis" \\ {1}' },
    });
    // An object in the database, not a JSON string: its fields can be read in SQL.
    const periods = await rowsOf<{ period: string }>(handle.db, sql`select params->>'period' as period from notifications where tenant_id = ${tenant.id} order by subject`);
    expect(periods.map((row) => row.period)).toEqual(['2027-01', '2027-02', '2027-03']);
  });

  it('refuses a field that is not a column, and writes nothing for no rows', async () => {
    await expect(insertRows(handle.db, tenants, [{ ...tenantRow('B-4'), nickname: 'x' } as never])).rejects.toThrow(/nickname is not a column/);
    expect(await insertRows(handle.db, tenants, [])).toBe(0);
    expect(await handle.db.select().from(tenants).where(eq(tenants.reference, 'B-4'))).toEqual([]);
  });
});
