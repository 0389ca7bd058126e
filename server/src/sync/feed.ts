/**
 * The sync feed. Position = (version, entity, id) of the last change sent, so a page can end in
 * the middle of a version (one transaction may write hundreds of rows) without losing any.
 * Per-tenant versions commit in order (see versions.ts), so nothing can appear behind a cursor.
 */
import { and, eq, getTableColumns, getTableName, lt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { SyncChange, SyncEntity, SyncPage, SyncResponse } from '../../../src-shared/api/sync';
import type { Db, DbOrTx } from '../db/client';
import * as t from '../db/schema';
import { validationError } from '../http/errors';

interface Position {
  version: number;
  entity: string;
  id: string;
}

/** Sorts after every entity name: position (v, CAUGHT_UP) = "all of version v and before". */
const CAUGHT_UP = '~';

export function encodeCursor(p: Position): string {
  return Buffer.from(`${p.version}|${p.entity}|${p.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  const [version, entity, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!version || !/^\d+$/.test(version) || entity === undefined || id === undefined) {
    throw validationError([{ path: 'querystring.cursor', message: 'Curseur de synchronisation invalide' }]);
  }
  return { version: Number(version), entity, id };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** For each entity: its table and how a row becomes the `data` of a change. */
const SOURCES = {
  dossier: { table: t.dossiers, data: (r: typeof t.dossiers.$inferSelect) => ({ number: r.number, addressLine: r.addressLine, postalCode: r.postalCode, city: r.city, directDebitDay: r.directDebitDay, balanceCents: r.balanceCents }) },
  contract: { table: t.contracts, data: (r: typeof t.contracts.$inferSelect) => ({ dossierId: r.dossierId, kind: r.kind, label: r.label, addressLine: r.addressLine, postalCode: r.postalCode, city: r.city, startDate: r.startDate }) },
  occupant: { table: t.occupants, data: (r: typeof t.occupants.$inferSelect) => ({ dossierId: r.dossierId, civility: r.civility, lastName: r.lastName, firstName: r.firstName, birthDate: r.birthDate, relationship: r.relationship, signatory: r.signatory }) },
  ledgerEntry: { table: t.ledgerEntries, data: (r: typeof t.ledgerEntries.$inferSelect) => ({ dossierId: r.dossierId, date: r.date, kind: r.kind, label: r.label, amountCents: r.amountCents, period: r.period, postingOrder: r.postingSeq }) },
  bankAccount: { table: t.bankAccounts, data: (r: typeof t.bankAccounts.$inferSelect) => ({ dossierId: r.dossierId, bankName: r.bankName, ibanMasked: r.ibanMasked, bicMasked: r.bicMasked, holder: r.holder, mandateRum: r.mandateRum, creditorId: r.creditorId }) },
  insurance: { table: t.insuranceCertificates, data: (r: typeof t.insuranceCertificates.$inferSelect) => ({ dossierId: r.dossierId, insurer: r.insurer, policyNumber: r.policyNumber, validFrom: r.validFrom, validTo: r.validTo, attachmentSha256: r.attachmentSha256, status: r.status, createdAt: r.createdAt.toISOString() }) },
  document: { table: t.documents, data: (r: typeof t.documents.$inferSelect) => ({ dossierId: r.dossierId, kind: r.kind, period: r.period, title: r.title, sha256: r.sha256, size: r.size, issuedAt: r.issuedAt.toISOString() }) },
  request: { table: t.requests, data: (r: typeof t.requests.$inferSelect) => ({ dossierId: r.dossierId, number: r.number, kind: r.kind, category: r.category, subject: r.subject, description: r.description, permissionToEnter: r.permissionToEnter, photoSha256s: r.photoSha256s, status: r.status, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }) },
  requestMessage: { table: t.requestMessages, data: (r: typeof t.requestMessages.$inferSelect) => ({ requestId: r.requestId, author: r.author, body: r.body, createdAt: r.createdAt.toISOString() }) },
  requestEvent: { table: t.requestEvents, data: (r: typeof t.requestEvents.$inferSelect) => ({ requestId: r.requestId, status: r.status, by: r.by, at: r.at.toISOString() }) },
  changeRequest: { table: t.changeRequests, data: (r: typeof t.changeRequests.$inferSelect) => ({ dossierId: r.dossierId, kind: r.kind, summary: r.summary as Record<string, unknown>, attachmentSha256: r.attachmentSha256, status: r.status, staffComment: r.staffComment, createdAt: r.createdAt.toISOString(), decidedAt: iso(r.decidedAt) }) },
  activity: { table: t.activities, data: (r: typeof t.activities.$inferSelect) => ({ at: r.at.toISOString(), kind: r.kind, label: r.label, refId: r.refId }) },
} satisfies Record<Exclude<SyncEntity, 'profile'>, { table: PgTable & { id: unknown }; data: (row: never) => unknown }>;

export const SYNCED_TABLES = Object.values(SOURCES).map((s) => s.table);

function profileData(r: typeof t.tenants.$inferSelect) {
  return {
    reference: r.reference,
    civility: r.civility,
    lastName: r.lastName,
    firstName: r.firstName,
    birthDate: r.birthDate,
    email: r.contactEmail,
    phoneHome: r.phoneHome,
    phoneMobile: r.phoneMobile,
    phoneWork: r.phoneWork,
    cafNumber: r.cafNumber,
    paperless: r.paperless,
    paperlessSince: iso(r.paperlessSince),
  };
}

/**
 * A row as `to_jsonb()` gives it (snake_case keys, timestamps as text) -> the drizzle shape the
 * mappers take: one query brings positions and rows together (one round trip per page).
 */
const readers = new Map<string, (json: Record<string, unknown>) => unknown>();
function readerFor(table: PgTable): (json: Record<string, unknown>) => unknown {
  const cached = readers.get(getTableName(table));
  if (cached) return cached;
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name, timestamp: column.columnType === 'PgTimestamp' }));
  const reader = (json: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const c of columns) {
      const value = json[c.name];
      out[c.key] = c.timestamp && typeof value === 'string' ? new Date(value) : value;
    }
    return out;
  };
  readers.set(getTableName(table), reader);
  return reader;
}

function toData(entity: SyncEntity, json: Record<string, unknown>): unknown {
  if (entity === 'profile') return profileData(readerFor(t.tenants)(json) as typeof t.tenants.$inferSelect);
  const source = SOURCES[entity];
  return (source.data as (row: unknown) => unknown)(readerFor(source.table)(json));
}

export const DEFAULT_SYNC_LIMIT = 500;

export async function readSyncFeed(db: Db, tenantId: string, cursor: string | undefined, limit = DEFAULT_SYNC_LIMIT): Promise<SyncResponse> {
  const from = cursor ? decodeCursor(cursor) : null;
  // No transaction on purpose: see the proof of "caught up" below; a row changed between the
  // position query and the row reads is simply sent again later with its newer version.
  const [tenant] = await db.select({ minCursorVersion: t.tenants.minCursorVersion, syncVersion: t.tenants.syncVersion }).from(t.tenants).where(eq(t.tenants.id, tenantId));
  if (!tenant) return { changes: [], cursor: cursor ?? encodeCursor({ version: 0, entity: CAUGHT_UP, id: '' }), hasMore: false };
  // Known edge, accepted: a cursor that stopped in the middle of the very version of the newest
  // purged tombstone (a page boundary, then 30+ days offline) is not reset.
  if (from && from.version < tenant.minCursorVersion) return { reset: true as const };
  // No-op fast path: the client has seen everything up to the tenant's current version.
  if (from && from.entity === CAUGHT_UP && from.version >= tenant.syncVersion) return { changes: [], cursor: cursor!, hasMore: false };

  const branches = [
    sql`select 'profile'::text as entity, id::text as id, version, false as deleted, to_jsonb(tenants.*) as row from tenants where id = ${tenantId}`,
    ...Object.entries(SOURCES).map(
      ([entity, source]) =>
        sql`select ${entity}::text as entity, id::text as id, version, deleted, case when deleted then null else to_jsonb(${source.table}.*) end as row from ${source.table} where tenant_id = ${tenantId}`,
    ),
  ];
  const after = from ? sql`(version, entity, id) > (${from.version}::bigint, ${from.entity}::text, ${from.id}::text)` : sql`not deleted`;
  const positions = await rowsOf<{ entity: SyncEntity; id: string; version: string | number; deleted: boolean; row: Record<string, unknown> | null }>(
    db,
    sql`select entity, id, version, deleted, row from (${sql.join(branches, sql` union all `)}) as c where ${after} order by version, entity, id limit ${limit + 1}`,
  );
  const hasMore = positions.length > limit;
  const page = positions.slice(0, limit);

  const changes = page.map(
    (p) => ({ entity: p.entity, id: p.id, version: Number(p.version), deleted: p.deleted, data: p.deleted || !p.row ? null : toData(p.entity, p.row) }) as SyncChange,
  );
  const last = page[page.length - 1];
  let next: string;
  if (hasMore) {
    next = encodeCursor({ version: Number(last!.version), entity: last!.entity, id: last!.id });
  } else {
    // Caught up to max(syncVersion read first, last version sent): every write transaction up
    // to the version read first had committed (its row was visible), so the later position
    // query saw all its rows; versions commit in order, so the same holds up to the last one.
    const upTo = Math.max(tenant.syncVersion, last ? Number(last.version) : 0, from?.version ?? 0);
    next = encodeCursor({ version: upTo, entity: CAUGHT_UP, id: '' });
  }
  const result: SyncPage = { changes, cursor: next, hasMore };
  return result;
}

/** Rows of a raw query, whichever driver (node-postgres returns { rows }, PGlite too). */
export async function rowsOf<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] } | T[];
  return Array.isArray(result) ? result : result.rows;
}

/**
 * Deletes tombstones older than `olderThan` and raises each affected tenant's minimum cursor
 * version, so clients whose cursor predates a purged tombstone get `reset`.
 */
export async function purgeTombstones(db: Db, olderThan: Date): Promise<number> {
  let purged = 0;
  for (const source of Object.values(SOURCES)) {
    const table = source.table as typeof t.dossiers;
    const rows = await db
      .delete(table)
      .where(and(eq(table.deleted, true), lt(table.updatedAt, olderThan)))
      .returning({ tenantId: table.tenantId, version: table.version });
    purged += rows.length;
    const maxByTenant = new Map<string, number>();
    for (const r of rows) maxByTenant.set(r.tenantId, Math.max(maxByTenant.get(r.tenantId) ?? 0, r.version));
    for (const [tenantId, version] of maxByTenant) {
      await db
        .update(t.tenants)
        .set({ minCursorVersion: sql`greatest(${t.tenants.minCursorVersion}, ${version})` })
        .where(eq(t.tenants.id, tenantId));
    }
  }
  return purged;
}
