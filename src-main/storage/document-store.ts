/**
 * The account's offline document library: PDF files stored by their SHA-256 in the account
 * folder (kiosk: a temporary folder wiped at the end of the session). A file is kept only if its
 * bytes hash to the SHA-256 the sync feed announced; it is written atomically, so a crash never
 * leaves a half file that looks complete.
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { documentFiles } from '../../db/schema';
import { PortalError } from '../../src-shared/errors';
import { writeFileAtomic } from './atomic-file';
import type { CacheDb } from './cache-database';

const SHA256 = /^[0-9a-f]{64}$/;

export class DocumentHashMismatch extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`document bytes hash to ${actual}, expected ${expected}`);
    this.name = 'DocumentHashMismatch';
  }
}

export function createDocumentStore(db: CacheDb, folder: string) {
  function filePath(sha256: string): string {
    if (!SHA256.test(sha256)) throw new PortalError('NOT_FOUND');
    return join(folder, `${sha256}.pdf`);
  }

  function has(sha256: string): boolean {
    return db.select().from(documentFiles).where(eq(documentFiles.sha256, sha256)).get() !== undefined && existsSync(filePath(sha256));
  }

  /** Verifies then keeps the bytes; throws DocumentHashMismatch (and keeps nothing) otherwise. */
  function keep(sha256: string, bytes: Uint8Array, now: Date) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new DocumentHashMismatch(sha256, actual);
    writeFileAtomic(filePath(sha256), bytes);
    db.insert(documentFiles)
      .values({ sha256, size: bytes.length, storedAt: now.toISOString() })
      .onConflictDoNothing()
      .run();
  }

  /** The file's path if it is here, for the protocol / preview host to stream. */
  function locate(sha256: string): string | null {
    return SHA256.test(sha256) && has(sha256) ? filePath(sha256) : null;
  }

  function storedHashes(): Set<string> {
    return new Set(db.select({ sha256: documentFiles.sha256 }).from(documentFiles).all().map((row) => row.sha256));
  }

  function forget(sha256: string) {
    db.delete(documentFiles).where(eq(documentFiles.sha256, sha256)).run();
    rmSync(filePath(sha256), { force: true });
  }

  return { has, keep, locate, storedHashes, forget, folder };
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;
