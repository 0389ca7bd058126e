/**
 * Opens an account's local cache: SQLite through better-sqlite3, schema from db/schema.ts,
 * migrations from db/migrations applied at open.
 *
 * Version guard: after migrating we store the number of migrations this build knows in
 * PRAGMA user_version. A cache whose user_version is higher was written by a newer build (the
 * tenant downgraded): we refuse to open it rather than let old code misread new tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema';
import { PortalError } from '../../src-shared/errors';

export type CacheDb = BetterSQLite3Database<typeof schema>;

export interface CacheDatabase {
  db: CacheDb;
  sqlite: Database.Database;
  close(): void;
}

export interface OpenCacheOptions {
  /** A file path, or ':memory:' (kiosk sessions keep nothing on disk). */
  file: string;
  /** Folder holding the generated SQL migrations and meta/_journal.json. */
  migrationsFolder: string;
  /** better-sqlite3 `nativeBinding`, for a build made for Electron's ABI. */
  nativeBinding?: string;
}

/** How many migrations this build ships: the schema version it writes. */
export function knownSchemaVersion(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export function openCacheDatabase({ file, migrationsFolder, nativeBinding }: OpenCacheOptions): CacheDatabase {
  const known = knownSchemaVersion(migrationsFolder);
  const sqlite = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    const written = sqlite.pragma('user_version', { simple: true }) as number;
    if (written > known) {
      throw new PortalError('DATABASE_TOO_NEW', {
        cause: new Error(`cache schema ${written} is newer than this build's ${known}`),
      });
    }
    // NORMAL: durable enough for a cache that can always be resynced, and far fewer fsyncs. Also for
    // a new cache: building it without fsyncs saved 20-40 ms once per PC, but a power cut in those
    // milliseconds could leave a cache that no longer opens, and nothing recovers one (issue 17).
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder });
    sqlite.pragma(`user_version = ${known}`);
    return { db, sqlite, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
