/** Publishes a document for a tenant straight into the server's database (as the admin side will). */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle } from '../../server/src/db/client';
import * as t from '../../server/src/db/schema';
import { withTenantWrite } from '../../server/src/sync/versions';

export async function publishDocument(
  handle: DatabaseHandle,
  options: { dossierNumber: string; kind: 'quittance' | 'avis_echeance' | 'recu'; period: string; bytes: Buffer; servedBytes?: Buffer; now: Date; amountCents?: number },
): Promise<{ id: string; sha256: string }> {
  const [dossier] = await handle.db.select().from(t.dossiers).where(eq(t.dossiers.number, options.dossierNumber));
  if (!dossier) throw new Error('no such dossier');
  const sha256 = createHash('sha256').update(options.bytes).digest('hex');
  const id = randomUUID();
  const now = options.now;
  await withTenantWrite(handle.db, dossier.tenantId, async (tx, version) => {
    // `servedBytes` plays a corrupted store or a tampering proxy: the bytes no longer match their hash.
    const content = options.servedBytes ?? options.bytes;
    await tx.insert(t.blobs).values({ sha256, mediaType: 'application/pdf', size: content.length, content, createdAt: now }).onConflictDoNothing();
    await tx.insert(t.documents).values({
      id,
      tenantId: dossier.tenantId,
      version,
      updatedAt: now,
      dossierId: dossier.id,
      kind: options.kind,
      period: options.period,
      title: `${options.kind} ${options.period}`,
      sha256,
      size: options.bytes.length,
      issuedAt: now,
      amountCents: options.amountCents ?? null,
    });
  });
  return { id, sha256 };
}

/** Repairs a blob's content (the server fixed its store). */
export async function repairBlob(handle: DatabaseHandle, sha256: string, bytes: Buffer) {
  await handle.db.update(t.blobs).set({ content: bytes, size: bytes.length }).where(eq(t.blobs.sha256, sha256));
}

export function fakePdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}
