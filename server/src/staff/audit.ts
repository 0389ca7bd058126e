/**
 * The staff audit log: every staff write leaves one entry (who, what, when, before/after), written
 * by recordAudit in the transaction of the change it records, so a change without its entry (or an
 * entry without its change) cannot be committed. The table is append-only: a trigger (migration
 * 0009_staff_residences) refuses UPDATE, DELETE and TRUNCATE, and no route writes it otherwise.
 */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { StaffAuditAction, StaffAuditQuery } from '../../../src-shared/api/staff';
import { STAFF_PAGE_SIZE } from '../../../src-shared/api/staff';
import type { Db, DbOrTx } from '../db/client';
import { staffAccounts, staffAuditLog } from '../db/schema';

/** Who did a staff write: a staff account, or null for the admin CLI and the X-Api-Key API. */
export interface StaffActor {
  staffId: string | null;
  /** The name the tenant sees on a reply ("M. Petit, gardien"); null: the office, unnamed. */
  displayName: string | null;
}

/** The admin CLI and /v1/admin: recorded with no staff account. */
export const OFFICE_ACTOR: StaffActor = { staffId: null, displayName: null };

export interface AuditEntry {
  at: Date;
  actor: StaffActor;
  action: StaffAuditAction;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one entry; call it inside the write's transaction. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(staffAuditLog).values({
    at: entry.at,
    staffId: entry.actor.staffId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

/** GET /v1/staff/audit (administrators): newest first, filtered. */
export async function listAudit(db: Db, query: Omit<StaffAuditQuery, 'page'> & { page: number }) {
  const filters: SQL[] = [];
  if (query.staffId) filters.push(eq(staffAuditLog.staffId, query.staffId));
  if (query.action) filters.push(eq(staffAuditLog.action, query.action));
  if (query.targetId) filters.push(eq(staffAuditLog.targetId, query.targetId));
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({ e: staffAuditLog, staffName: staffAccounts.displayName })
      .from(staffAuditLog)
      .leftJoin(staffAccounts, eq(staffAccounts.id, staffAuditLog.staffId))
      .where(where)
      .orderBy(desc(staffAuditLog.id))
      .limit(STAFF_PAGE_SIZE)
      .offset((query.page - 1) * STAFF_PAGE_SIZE),
    db.select({ n: count() }).from(staffAuditLog).where(where),
  ]);
  return {
    items: rows.map(({ e, staffName }) => ({
      id: e.id,
      at: e.at.toISOString(),
      staffId: e.staffId,
      staffName,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      before: e.before ?? null,
      after: e.after ?? null,
    })),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: STAFF_PAGE_SIZE,
  };
}
