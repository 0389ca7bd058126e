/** A request's status history and its numbers, shared by the tenant's writes, staff's updates and the demo. */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { requestEvents } from '../db/schema';
import { rowsOf } from '../sync/feed';

/** One step of a request's status history (synced as `requestEvent`). */
export async function addRequestEvent(
  tx: Tx,
  version: number,
  at: Date,
  tenantId: string,
  requestId: string,
  status: 'open' | 'in_progress' | 'closed' | 'cancelled',
  by: 'tenant' | 'staff',
): Promise<void> {
  await tx.insert(requestEvents).values({ id: randomUUID(), tenantId, version, updatedAt: at, requestId, status, by, at });
}

/** The next request number ("Demande n° 1000042"), from the database's sequence. */
export async function nextRequestNumber(tx: Tx): Promise<number> {
  const [row] = await rowsOf<{ n: string | number }>(tx, sql`select nextval('request_number_seq') as n`);
  return Number(row!.n);
}
