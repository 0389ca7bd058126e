/** Accueil's "Mes dernières actions": every area's write adds its line here, in the same transaction. */
import { randomUUID } from 'node:crypto';
import type { ActivityKind } from '../../../src-shared/home/activity';
import { insertRows } from '../db/bulk';
import type { Tx } from '../db/client';
import { activities } from '../db/schema';

/** One line of "Mes dernières actions" (synced as `activity`); `refId` is what it is about (a request, a document…). */
export async function addActivity(tx: Tx, version: number, at: Date, tenantId: string, kind: ActivityKind, label: string, refId: string | null = null): Promise<void> {
  await tx.insert(activities).values({ id: randomUUID(), tenantId, version, updatedAt: at, at, kind, label, refId });
}

/** Many lines at once (batch writes), one INSERT with one parameter (db/bulk.ts). */
export async function addActivities(tx: Tx, lines: { version: number; at: Date; tenantId: string; kind: ActivityKind; label: string; refId: string | null }[]): Promise<void> {
  await insertRows(tx, activities, lines.map((line) => ({ id: randomUUID(), updatedAt: line.at, ...line })));
}
