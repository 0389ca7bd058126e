/** Mes documents, the tenant's side: paperless notices on or off, and the bytes of a document or an upload. */
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { blobs, documents, tenants } from '../db/schema';
import { addActivity } from '../home/activity';
import type { WriteAt } from '../sync/versions';
import { isOwnUpload } from '../uploads/service';

export async function setPaperless(tx: Tx, at: Omit<WriteAt, 'id'>, enabled: boolean) {
  const { version, now, tenantId } = at;
  await tx.update(tenants).set({ paperless: enabled, paperlessSince: enabled ? now : null, version, updatedAt: now }).where(eq(tenants.id, tenantId));
  await addActivity(tx, version, now, tenantId, enabled ? 'paperless.subscribed' : 'paperless.stopped', enabled ? 'Souscription aux avis d\'échéance numériques' : 'Arrêt des avis d\'échéance numériques', null);
  return { id: tenantId, version };
}

/** Whether the tenant may read these bytes: one of their uploads or of their live documents. */
export async function mayReadBlob(db: Db, tenantId: string, sha256: string): Promise<boolean> {
  if (await isOwnUpload(db, tenantId, sha256)) return true;
  const [doc] = await db.select({ sha256: documents.sha256 }).from(documents).where(and(eq(documents.tenantId, tenantId), eq(documents.sha256, sha256), eq(documents.deleted, false))).limit(1);
  return doc !== undefined;
}

export async function readBlob(db: Db, sha256: string) {
  const [blob] = await db.select().from(blobs).where(eq(blobs.sha256, sha256));
  return blob ?? null;
}
