import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { knownSchemaVersion, openCacheDatabase } from '../../../src-main/storage/cache-database';
import { PortalError } from '../../../src-shared/errors';
import { migrationsFolder, temporaryFolder } from '../../helpers/core';

function tableNames(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  const rows = sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as { name: string }[];
  sqlite.close();
  return rows.map((row) => row.name);
}

describe('local cache database', () => {
  let folder: ReturnType<typeof temporaryFolder>;
  let file: string;
  beforeEach(() => {
    folder = temporaryFolder();
    file = join(folder.path, 'cache.sqlite');
  });
  afterEach(() => folder.remove());

  it('migrates a fresh database to every table of the schema and records its version', () => {
    const cache = openCacheDatabase({ file, migrationsFolder });
    expect(cache.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion(migrationsFolder));
    expect(cache.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Durable as any cache from its first transaction: WAL, synchronous NORMAL (1).
    expect(cache.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(cache.sqlite.pragma('synchronous', { simple: true })).toBe(1);
    cache.close();
    expect(tableNames(file)).toEqual(expect.arrayContaining(['cache_meta', 'outbox', 'sync_state', '__drizzle_migrations']));
  });

  it('reopens an up-to-date database without re-running migrations or losing data', () => {
    const first = openCacheDatabase({ file, migrationsFolder });
    first.sqlite.prepare("insert into cache_meta (key, value) values ('accountId', 'a-1')").run();
    first.close();
    const second = openCacheDatabase({ file, migrationsFolder });
    expect(second.sqlite.prepare("select value from cache_meta where key = 'accountId'").get()).toEqual({ value: 'a-1' });
    expect(second.sqlite.prepare('select count(*) as n from __drizzle_migrations').get()).toEqual({ n: knownSchemaVersion(migrationsFolder) });
    second.close();
  });

  it('applies a migration added by a later version to an existing database', () => {
    // Simulate the next release: the same migrations plus one more.
    const nextFolder = join(folder.path, 'next-migrations');
    cpSync(migrationsFolder, nextFolder, { recursive: true });
    const journalFile = join(nextFolder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] };
    const last = journal.entries.at(-1)!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_test_next' });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(join(nextFolder, '9999_test_next.sql'), 'CREATE TABLE `next_feature` (`id` integer PRIMARY KEY NOT NULL);');

    openCacheDatabase({ file, migrationsFolder }).close();
    const upgraded = openCacheDatabase({ file, migrationsFolder: nextFolder });
    expect(upgraded.sqlite.pragma('user_version', { simple: true })).toBe(journal.entries.length);
    upgraded.close();
    expect(tableNames(file)).toContain('next_feature');
  });

  it('refuses a database written by a newer version, with a typed error, and leaves it untouched', () => {
    openCacheDatabase({ file, migrationsFolder }).close();
    const sqlite = new Database(file);
    sqlite.pragma('user_version = 99');
    sqlite.close();
    const before = join(folder.path, 'before.sqlite');
    copyFileSync(file, before);

    let caught: unknown;
    try {
      openCacheDatabase({ file, migrationsFolder });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PortalError);
    expect((caught as PortalError).code).toBe('DATABASE_TOO_NEW');
    expect(readFileSync(file).equals(readFileSync(before))).toBe(true);
  });

  it('keeps an in-memory cache off the disk (kiosk sessions)', () => {
    const cache = openCacheDatabase({ file: ':memory:', migrationsFolder });
    expect(cache.sqlite.memory).toBe(true);
    cache.close();
  });
});
