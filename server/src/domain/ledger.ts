import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { dossiers, ledgerEntries } from '../db/schema';

export interface LedgerPosting {
  id?: string;
  date: string;
  kind: 'rent' | 'charges' | 'apl' | 'payment' | 'adjustment';
  label: string;
  /** Positive = débit, negative = crédit. */
  amountCents: number;
  period?: string | null;
}

/** Posts entries on a dossier and keeps its balance, inside the tenant's write transaction. */
export async function postLedgerEntries(tx: Tx, version: number, now: Date, tenantId: string, dossierId: string, postings: LedgerPosting[]): Promise<string[]> {
  if (postings.length === 0) return [];
  const rows = postings.map((p) => ({
    id: p.id ?? randomUUID(),
    tenantId,
    dossierId,
    version,
    updatedAt: now,
    date: p.date,
    kind: p.kind,
    label: p.label,
    amountCents: p.amountCents,
    period: p.period ?? null,
  }));
  await tx.insert(ledgerEntries).values(rows);
  const total = postings.reduce((sum, p) => sum + p.amountCents, 0);
  await tx
    .update(dossiers)
    .set({ balanceCents: sql`${dossiers.balanceCents} + ${total}`, version, updatedAt: now })
    .where(eq(dossiers.id, dossierId));
  return rows.map((r) => r.id);
}
