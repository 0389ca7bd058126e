import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { dossiers, ledgerEntries } from '../db/schema';
import { rowsOf } from '../sync/feed';

export interface LedgerPosting {
  id?: string;
  date: string;
  kind: 'rent' | 'charges' | 'apl' | 'payment' | 'adjustment';
  label: string;
  /** Positive = débit, negative = crédit. */
  amountCents: number;
  period?: string | null;
}

/**
 * Posts entries on a dossier and keeps its balance, inside the tenant's write transaction. Each
 * line takes its posting order from ledger_posting_seq, in the order of `postings`: a later call,
 * or a later line of the same call, always reads after (src-shared/api/sync.ts postingOrder).
 */
export async function postLedgerEntries(tx: Tx, version: number, now: Date, tenantId: string, dossierId: string, postings: LedgerPosting[]): Promise<string[]> {
  if (postings.length === 0) return [];
  // One value per line, sorted: the sequence hands out distinct increasing values, but a
  // multi-row INSERT's defaults (or a set-returning query) promise no order among the rows.
  const taken = await rowsOf<{ seq: string | number }>(tx, sql`select nextval('ledger_posting_seq') as seq from generate_series(1, ${postings.length}::int)`);
  const postingSeqs = taken.map((row) => Number(row.seq)).sort((a, b) => a - b);
  const rows = postings.map((p, index) => ({
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
    postingSeq: postingSeqs[index]!,
  }));
  await tx.insert(ledgerEntries).values(rows);
  const total = postings.reduce((sum, p) => sum + p.amountCents, 0);
  await tx
    .update(dossiers)
    .set({ balanceCents: sql`${dossiers.balanceCents} + ${total}`, version, updatedAt: now })
    .where(eq(dossiers.id, dossierId));
  return rows.map((r) => r.id);
}
