/**
 * Uploads: files the tenant deposits before a write refers to them (an insurance certificate,
 * a RIB's supporting document, a request's photos). Cross-cutting: several areas use them.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { blobs, tenants, uploads } from '../db/schema';
import { QUOTA_WINDOW_SECONDS, type TenantQuotas } from '../http/quotas';
import { ApiError, validationError } from '../http/errors';

/**
 * The uploads must be the tenant's own; returns their SHA-256 in the given order. `path` names
 * the field; for a list field (`list`), the error points at the item ("photoUploadIds.1").
 */
export async function requireUploads(tx: Tx, tenantId: string, ids: string[], path: string, list = false): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx.select({ id: uploads.id, sha256: uploads.sha256 }).from(uploads).where(and(eq(uploads.tenantId, tenantId), inArray(uploads.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r.sha256]));
  const missing = ids.findIndex((id) => !byId.has(id));
  if (missing >= 0) throw validationError([{ path: list ? `${path}.${missing}` : path, message: 'Pièce jointe introuvable : déposez le fichier avant d\'envoyer la demande', key: 'fields.file.missing' }]);
  return ids.map((id) => byId.get(id)!);
}

export type UploadRow = typeof uploads.$inferSelect;

/**
 * Stores an upload under its client-chosen id; `created: false` when that id already holds the
 * same bytes of the same tenant (a retry). Another tenant's id or other bytes -> 422. A new upload
 * counts against the tenant's daily quota (files and bytes over the last 24 hours, from the
 * uploads table itself), under the tenant row's lock so concurrent uploads, on any instance,
 * cannot both squeeze under it.
 */
export async function storeUpload(
  db: Db,
  input: { id: string; tenantId: string; sha256: string; mediaType: string; content: Buffer; now: Date; quotas: Pick<TenantQuotas, 'uploadsPerDay' | 'uploadBytesPerDay'> },
): Promise<{ row: UploadRow; created: boolean }> {
  const { id, tenantId, sha256, mediaType, content, now, quotas } = input;
  const [existing] = await db.select().from(uploads).where(eq(uploads.id, id));
  if (existing) {
    if (existing.tenantId !== tenantId || existing.sha256 !== sha256) throw new ApiError('IDEMPOTENCY_MISMATCH');
    return { row: existing, created: false };
  }
  const row = { id, tenantId, sha256, mediaType, size: content.length, createdAt: now };
  await db.transaction(async (tx) => {
    await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for('update');
    const since = new Date(now.getTime() - QUOTA_WINDOW_SECONDS * 1000);
    const [today] = await tx
      .select({ files: sql<number>`count(*)::int`, bytes: sql<string>`coalesce(sum(${uploads.size}), 0)::bigint`, oldest: sql<Date | null>`min(${uploads.createdAt})` })
      .from(uploads)
      .where(and(eq(uploads.tenantId, tenantId), gt(uploads.createdAt, since)));
    const files = today?.files ?? 0;
    const bytes = Number(today?.bytes ?? 0);
    if (files + 1 > quotas.uploadsPerDay || bytes + content.length > quotas.uploadBytesPerDay) {
      const oldest = today?.oldest ? new Date(today.oldest) : now;
      throw new ApiError('THROTTLED', {
        message: `Vous avez déposé ${files} fichiers (${Math.round(bytes / (1024 * 1024))} Mo) ces dernières 24 heures : au plus ${quotas.uploadsPerDay} fichiers et ${quotas.uploadBytesPerDay / (1024 * 1024)} Mo par jour. Réessayez plus tard.`,
        retryAfter: Math.max(1, Math.ceil((oldest.getTime() + QUOTA_WINDOW_SECONDS * 1000 - now.getTime()) / 1000)),
        key: 'errorDetails.quota.uploads',
        params: { files, megabytes: Math.round(bytes / (1024 * 1024)), limitFiles: quotas.uploadsPerDay, limitMegabytes: quotas.uploadBytesPerDay / (1024 * 1024) },
      });
    }
    await tx.insert(blobs).values({ sha256, mediaType, size: content.length, content, createdAt: now }).onConflictDoNothing();
    await tx.insert(uploads).values(row);
  });
  return { row, created: true };
}

/** Whether the tenant uploaded these bytes themselves. */
export async function isOwnUpload(db: Db, tenantId: string, sha256: string): Promise<boolean> {
  const [mine] = await db.select({ sha256: uploads.sha256 }).from(uploads).where(and(eq(uploads.tenantId, tenantId), eq(uploads.sha256, sha256))).limit(1);
  return mine !== undefined;
}
