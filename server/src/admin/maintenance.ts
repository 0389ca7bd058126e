/**
 * Housekeeping, to run daily (cron / systemd timer: `npm run -w server admin -- maintenance`).
 * Idempotent, safe with several server instances running.
 */
import { and, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { idempotencyRecords, oneTimeTokens, sessions, staffSessions, staffTokens, throttleCounters } from '../db/schema';
import { purgeTombstones } from '../sync/feed';
import { DEFAULT_THROTTLE_LIMITS } from '../auth/throttle';

export interface MaintenanceOptions {
  /** Tombstones older than this are deleted; clients with older cursors resync fully. */
  tombstoneRetentionDays?: number;
  /** Outbox retries older than this are no longer recognised as replays. */
  idempotencyRetentionDays?: number;
}

const DAY = 24 * 60 * 60 * 1000;

export async function runMaintenance(db: Db, now: Date, options: MaintenanceOptions = {}) {
  const before = (days: number) => new Date(now.getTime() - days * DAY);
  const tombstones = await purgeTombstones(db, before(options.tombstoneRetentionDays ?? 90));
  const deadSessions = await db
    .delete(sessions)
    .where(or(lt(sessions.refreshExpiresAt, before(1)), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, before(30)))))
    .returning({ id: sessions.id });
  const deadTokens = await db.delete(oneTimeTokens).where(lt(oneTimeTokens.expiresAt, before(1))).returning({ id: oneTimeTokens.id });
  // A counter matters until its window, pause or memory of failures is over (expires_at); rows
  // written before that column existed go after two default windows, as before.
  const deadCounters = await db
    .delete(throttleCounters)
    .where(
      or(
        lt(throttleCounters.expiresAt, now),
        and(isNull(throttleCounters.expiresAt), lt(throttleCounters.windowStartedAt, new Date(now.getTime() - 2 * DEFAULT_THROTTLE_LIMITS.windowSeconds * 1000))),
      ),
    )
    .returning({ key: throttleCounters.key });
  const deadRecords = await db
    .delete(idempotencyRecords)
    .where(lt(idempotencyRecords.createdAt, before(options.idempotencyRetentionDays ?? 30)))
    .returning({ key: idempotencyRecords.key });
  // Staff sessions past their absolute end, and activation links and sign-in challenges past theirs.
  const deadStaffSessions = await db.delete(staffSessions).where(lt(staffSessions.absoluteExpiresAt, before(1))).returning({ id: staffSessions.id });
  const deadStaffTokens = await db.delete(staffTokens).where(lt(staffTokens.expiresAt, before(1))).returning({ id: staffTokens.id });
  return {
    tombstones,
    sessions: deadSessions.length,
    oneTimeTokens: deadTokens.length,
    throttleCounters: deadCounters.length,
    idempotencyRecords: deadRecords.length,
    staffSessions: deadStaffSessions.length,
    staffTokens: deadStaffTokens.length,
  };
}
