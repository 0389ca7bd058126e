/**
 * Staff sessions: an opaque bearer token (only its sha256 is stored) that expires 30 minutes after
 * its last use and 10 hours after sign-in, whichever comes first; sign-out revokes it. A tenant's
 * token is not a staff session (401 on /v1/staff), and a staff token is not a tenant session (401
 * on the tenant routes): the two live in different tables.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { StaffRole } from '../../../src-shared/api/staff';
import type { Db } from '../db/client';
import { staffAccounts, staffResidences, staffSessions } from '../db/schema';
import { newOpaqueToken, sha256Hex } from '../crypto/tokens';
import { ApiError } from '../http/errors';
import type { StaffActor } from './audit';
import { ROLE_TITLES } from './roles';

export const STAFF_IDLE_MS = 30 * 60 * 1000;
export const STAFF_ABSOLUTE_MS = 10 * 60 * 60 * 1000;

/** The signed-in staff member of a request. */
export interface StaffAuth {
  sessionId: string;
  staffId: string;
  role: StaffRole;
  displayName: string;
  /** A caretaker's residences (the other roles see every residence). */
  residenceIds: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffAuth;
  }
}

export function staffOf(request: FastifyRequest): StaffAuth {
  if (!request.staff) throw new Error('route is missing the staff authentication hook');
  return request.staff;
}

/** How the staff member is named in the audit log and to the tenant ("M. Petit, gardien"). */
export function actorOf(staff: StaffAuth): StaffActor {
  return { staffId: staff.staffId, displayName: `${staff.displayName}, ${ROLE_TITLES[staff.role]}` };
}

export async function openStaffSession(db: Db, staffId: string, now: Date) {
  const token = newOpaqueToken();
  const absolute = new Date(now.getTime() + STAFF_ABSOLUTE_MS);
  const idle = new Date(Math.min(now.getTime() + STAFF_IDLE_MS, absolute.getTime()));
  await db.insert(staffSessions).values({ id: randomUUID(), staffId, tokenHash: sha256Hex(token), createdAt: now, lastSeenAt: now, idleExpiresAt: idle, absoluteExpiresAt: absolute });
  return { token, idleExpiresAt: idle };
}

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/;

/** `Authorization: Bearer <staff token>` -> the live session (its idle expiry moved on), or 401. */
export async function authenticateStaff(db: Db, header: string | undefined, now: Date): Promise<StaffAuth> {
  const match = header ? BEARER.exec(header) : null;
  if (!match?.[1]) throw new ApiError('UNAUTHENTICATED');
  const [row] = await db
    .select({ session: staffSessions, role: staffAccounts.role, displayName: staffAccounts.displayName })
    .from(staffSessions)
    .innerJoin(staffAccounts, eq(staffAccounts.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.tokenHash, sha256Hex(match[1])),
        isNull(staffSessions.revokedAt),
        gt(staffSessions.idleExpiresAt, now),
        gt(staffSessions.absoluteExpiresAt, now),
        isNull(staffAccounts.disabledAt),
        isNotNull(staffAccounts.activatedAt),
      ),
    );
  if (!row) throw new ApiError('UNAUTHENTICATED');
  const idle = new Date(Math.min(now.getTime() + STAFF_IDLE_MS, row.session.absoluteExpiresAt.getTime()));
  await db.update(staffSessions).set({ lastSeenAt: now, idleExpiresAt: idle }).where(eq(staffSessions.id, row.session.id));
  const residences = row.role === 'caretaker' ? await db.select({ id: staffResidences.residenceId }).from(staffResidences).where(eq(staffResidences.staffId, row.session.staffId)) : [];
  return { sessionId: row.session.id, staffId: row.session.staffId, role: row.role, displayName: row.displayName, residenceIds: residences.map((r) => r.id) };
}

export async function revokeStaffSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(staffSessions).set({ revokedAt: now }).where(and(eq(staffSessions.id, sessionId), isNull(staffSessions.revokedAt)));
}
