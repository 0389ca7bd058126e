/**
 * One upgrade test per migration (server/db/migrations): a fresh PGlite is migrated up to the
 * one before, filled with rows as that version stored them, then migrated by the one under test
 * with drizzle's migrator, as openDatabase does (server/src/db/client.ts). The rows must survive
 * and the new table or column must work. A migration without its test here fails the first test.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../../server/src/db/client';

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}
const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as Journal & Record<string, unknown>;
const TAGS = journal.entries.map((e) => e.tag);

const folders: string[] = [];
const clients: PGlite[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** The migrations folder as it stood when `tag` was the newest: the same SQL files, the journal cut after it. */
function folderUpTo(tag: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'portal-migrations-'));
  folders.push(folder);
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const entries = journal.entries.slice(0, TAGS.indexOf(tag) + 1);
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

/** A fresh database migrated up to the one before `tag`, and how to apply `tag` itself. */
async function databaseBefore(tag: string) {
  const client = new PGlite();
  clients.push(client);
  const db = drizzle(client);
  const index = TAGS.indexOf(tag);
  if (index > 0) await migrate(db, { migrationsFolder: folderUpTo(TAGS[index - 1]!) });
  const rows = async <T>(query: string, params: unknown[] = []) => (await client.query<T>(query, params)).rows;
  return { client, rows, apply: () => migrate(db, { migrationsFolder: folderUpTo(tag) }) };
}

const TENANT = '00000000-0000-4000-8000-000000000001';
const ACCOUNT = '00000000-0000-4000-8000-000000000002';
const DOSSIER = '00000000-0000-4000-8000-000000000003';
const NOW = '2026-06-15T10:00:00Z';

/** The rows every version since 0000 holds: a tenant with an account and a dossier. */
async function insertTenant(client: PGlite, syncVersion = 1): Promise<void> {
  await client.query(
    `insert into tenants (id, reference, civility, last_name, first_name, birth_date, sync_version, created_at, updated_at) values ($1, '1000123456', 'Mme', 'DUPONT', 'Marie', '1980-04-02', $2, $3, $3)`,
    [TENANT, syncVersion, NOW],
  );
  await client.query(`insert into accounts (id, tenant_id, email, password_hash, created_at, updated_at) values ($1, $2, 'marie@example.org', 'x', $3, $3)`, [ACCOUNT, TENANT, NOW]);
  await client.query(`insert into dossiers (id, tenant_id, version, updated_at, number, address_line, postal_code, city) values ($1, $2, 1, $3, 'D-1', '1 rue des Lilas', '78000', 'VERSAILLES')`, [DOSSIER, TENANT, NOW]);
}

const UPGRADES: Record<string, () => Promise<void>> = {
  async '0000_init'() {
    const { client, rows, apply } = await databaseBefore('0000_init');
    await apply();
    await insertTenant(client);
    expect(await rows(`select reference, sync_version from tenants`)).toEqual([{ reference: '1000123456', sync_version: expect.anything() }]);
    expect(await rows(`select number from dossiers where tenant_id = $1`, [TENANT])).toEqual([{ number: 'D-1' }]);
  },

  async '0001_payments'() {
    const { client, rows, apply } = await databaseBefore('0001_payments');
    await insertTenant(client);
    await apply();
    expect(await rows(`select email from accounts`)).toEqual([{ email: 'marie@example.org' }]);
    await client.query(
      `insert into payments (id, tenant_id, dossier_id, account_id, amount_cents, currency, site_id, ctx_mode, trans_id, trans_date, trans_day, status, created_at, updated_at)
       values ('00000000-0000-4000-8000-0000000000aa', $1, $2, $3, 45000, '978', '12345678', 'TEST', '000001', '20260615100000', '20260615', 'created', $4, $4)`,
      [TENANT, DOSSIER, ACCOUNT, NOW],
    );
    expect(await rows(`select amount_cents::int as cents, status from payments`)).toEqual([{ cents: 45000, status: 'created' }]);
  },

  async '0002_session_used_at'() {
    const { client, rows, apply } = await databaseBefore('0002_session_used_at');
    await insertTenant(client);
    await client.query(
      `insert into sessions (id, account_id, family_id, device_id, device_name, access_hash, refresh_hash, access_expires_at, refresh_expires_at, created_at)
       values ('00000000-0000-4000-8000-0000000000bb', $1, '00000000-0000-4000-8000-0000000000bc', '00000000-0000-4000-8000-0000000000bd', 'PC du salon', 'a', 'r', $2, $2, $2)`,
      [ACCOUNT, NOW],
    );
    await apply();
    // A session from before the column: never used since, as far as the server knows.
    expect(await rows(`select device_name, used_at from sessions`)).toEqual([{ device_name: 'PC du salon', used_at: null }]);
    await client.query(`update sessions set used_at = $1`, [NOW]);
    expect(await rows(`select used_at from sessions`)).toEqual([{ used_at: new Date(NOW) }]);
  },

  async '0003_request_events'() {
    const { client, rows, apply } = await databaseBefore('0003_request_events');
    await insertTenant(client);
    const request = '00000000-0000-4000-8000-0000000000cc';
    await client.query(
      `insert into requests (id, tenant_id, version, updated_at, dossier_id, number, kind, category, subject, description, status, created_at)
       values ($1, $2, 2, $3, $4, 1000000, 'technical', 'plomberie', 'Fuite', 'Fuite sous l''évier', 'open', $3)`,
      [request, TENANT, NOW, DOSSIER],
    );
    await apply();
    expect(await rows(`select subject, status from requests`)).toEqual([{ subject: 'Fuite', status: 'open' }]);
    await client.query(`insert into request_events (id, tenant_id, version, updated_at, request_id, status, "by", at) values ('00000000-0000-4000-8000-0000000000cd', $1, 3, $2, $3, 'open', 'tenant', $2)`, [TENANT, NOW, request]);
    expect(await rows(`select status, "by" from request_events where request_id = $1`, [request])).toEqual([{ status: 'open', by: 'tenant' }]);
  },

  async '0004_ledger_posting_order'() {
    const { client, rows, apply } = await databaseBefore('0004_ledger_posting_order');
    await insertTenant(client, 7);
    const line = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;
    // Posted before the column existed: the order to recover is (version, date, id).
    const lines: [id: string, version: number, date: string, label: string, deleted: boolean][] = [
      [line(4), 5, '2026-06-01', 'Loyer juin', false],
      [line(1), 3, '2026-05-05', 'Prélèvement mai', false],
      [line(3), 3, '2026-05-01', 'Loyer mai', false],
      [line(2), 6, '2026-06-03', 'Annulé', true],
    ];
    for (const [id, version, date, label, deleted] of lines) {
      await client.query(
        `insert into ledger_entries (id, tenant_id, version, deleted, updated_at, dossier_id, date, kind, label, amount_cents) values ($1, $2, $3, $4, $5, $6, $7, 'rent', $8, 1000)`,
        [id, TENANT, version, deleted, NOW, DOSSIER, date, label],
      );
    }
    await apply();
    const after = await rows<{ label: string; posting_seq: string | number; version: string | number; deleted: boolean }>(`select label, posting_seq, version, deleted from ledger_entries order by posting_seq`);
    expect(after.map((r) => [r.label, Number(r.posting_seq)])).toEqual([
      ['Loyer mai', 1],
      ['Prélèvement mai', 2],
      ['Loyer juin', 3],
      ['Annulé', 4],
    ]);
    // The tenant's desktops get the live lines again, with their order: a new version for them.
    expect((await rows<{ sync_version: string | number }>(`select sync_version from tenants`)).map((r) => Number(r.sync_version))).toEqual([8]);
    expect(after.filter((r) => !r.deleted).map((r) => Number(r.version))).toEqual([8, 8, 8]);
    expect(Number(after.find((r) => r.deleted)!.version)).toBe(6);
    // A line posted after the upgrade comes after them all.
    await client.query(`insert into ledger_entries (id, tenant_id, version, updated_at, dossier_id, date, kind, label, amount_cents) values ($1, $2, 9, $3, $4, '2026-06-05', 'payment', 'Paiement', -1000)`, [line(5), TENANT, NOW, DOSSIER]);
    expect(await rows(`select posting_seq::int as seq from ledger_entries where id = $1`, [line(5)])).toEqual([{ seq: 5 }]);
  },

  async '0005_throttle_lockout'() {
    const { client, rows, apply } = await databaseBefore('0005_throttle_lockout');
    await client.query(`insert into throttle_counters (key, count, window_started_at) values ('signin-account:abc', 3, $1)`, [NOW]);
    await apply();
    // A counter from before: no pause, no expiry of its own (maintenance falls back to its window).
    expect(await rows(`select key, count, blocked_until, expires_at from throttle_counters`)).toEqual([{ key: 'signin-account:abc', count: 3, blocked_until: null, expires_at: null }]);
    await client.query(`update throttle_counters set blocked_until = $1, expires_at = $1`, [NOW]);
    expect(await rows(`select blocked_until, expires_at from throttle_counters`)).toEqual([{ blocked_until: new Date(NOW), expires_at: new Date(NOW) }]);
  },
  async '0006_scale_indexes'() {
    const { client, rows, apply } = await databaseBefore('0006_scale_indexes');
    await insertTenant(client);
    await client.query(
      `insert into bank_accounts (id, tenant_id, version, updated_at, dossier_id, bank_name, iban_encrypted, bic_encrypted, iban_masked, bic_masked, holder) values ($1, $2, 1, $3, $4, 'BANQUE', 'x', 'y', '#####189', '###', 'DUPONT')`,
      ['00000000-0000-4000-8000-000000000201', TENANT, NOW, DOSSIER],
    );
    await apply();
    expect(await rows(`select holder from bank_accounts where dossier_id = $1`, [DOSSIER])).toEqual([{ holder: 'DUPONT' }]);
    // The lookups of publishing and the ERP import have their index (issue 17).
    const indexes = (await rows<{ indexname: string }>(`select indexname from pg_indexes where schemaname = 'public'`)).map((r) => r.indexname);
    expect(indexes).toEqual(expect.arrayContaining(['bank_dossier_idx', 'documents_dossier_period_idx', 'contracts_dossier_idx', 'occupants_dossier_idx']));
  },

  async '0007_document_amount'() {
    const { client, rows, apply } = await databaseBefore('0007_document_amount');
    await insertTenant(client);
    const sha = 'a'.repeat(64);
    await client.query(`insert into blobs (sha256, media_type, size, content, created_at) values ($1, 'application/pdf', 4, '\\x25504446', $2)`, [sha, NOW]);
    await client.query(
      `insert into documents (id, tenant_id, version, updated_at, dossier_id, kind, period, title, sha256, size, issued_at) values ($1, $2, 1, $3, $4, 'recu', '2026-06', 'Reçu de juin 2026', $5, 4, $3)`,
      ['00000000-0000-4000-8000-000000000301', TENANT, NOW, DOSSIER, sha],
    );
    await apply();
    // A document from before: its amount is not known (Mes documents then names it by its date alone).
    expect(await rows(`select title, amount_cents from documents`)).toEqual([{ title: 'Reçu de juin 2026', amount_cents: null }]);
    await client.query(`update documents set amount_cents = 15000`);
    expect(await rows(`select amount_cents::int as cents from documents`)).toEqual([{ cents: 15000 }]);
  },

  async '0008_ledger_import_keys'() {
    const { client, rows, apply } = await databaseBefore('0008_ledger_import_keys');
    await insertTenant(client);
    await client.query(`insert into blobs (sha256, media_type, size, content, created_at) values ('ab', 'application/pdf', 1, '\\x00', $1)`, [NOW]);
    const documentId = '00000000-0000-4000-8000-000000000301';
    await client.query(
      `insert into documents (id, tenant_id, version, updated_at, dossier_id, kind, period, title, sha256, size, issued_at) values ($1, $2, 1, $3, $4, 'avis_echeance', '2026-06', 'Avis', 'ab', 1, $3)`,
      [documentId, TENANT, NOW, DOSSIER],
    );
    await apply();
    expect(await rows(`select title from documents where id = $1`, [documentId])).toEqual([{ title: 'Avis' }]);
    // A line's key is taken once (issue 17: import-ledger posts nothing twice).
    const key = `insert into ledger_import_keys (key, ledger_entry_id, imported_at) values ('k1', $1, $2) on conflict do nothing returning key`;
    expect(await rows(key, ['00000000-0000-4000-8000-000000000401', NOW])).toEqual([{ key: 'k1' }]);
    expect(await rows(key, ['00000000-0000-4000-8000-000000000402', NOW])).toEqual([]);
    // A document's input hash goes with it when its tombstone is purged.
    await client.query(`insert into document_inputs (document_id, input_sha256) values ($1, 'cd')`, [documentId]);
    await client.query(`delete from documents where id = $1`, [documentId]);
    expect(await rows(`select * from document_inputs`)).toEqual([]);
  },

  async '0009_staff_residences'() {
    const { client, rows, apply } = await databaseBefore('0009_staff_residences');
    await insertTenant(client);
    await apply();
    // A dossier from before residences has none (it falls back to the landlord's contacts).
    expect(await rows(`select number, residence_id from dossiers`)).toEqual([{ number: 'D-1', residence_id: null }]);
    const RESIDENCE = '00000000-0000-4000-8000-000000000301';
    await client.query(
      `insert into residences (id, code, name, address_line, postal_code, city, caretaker_name, caretaker_phone, caretaker_hours, lodge_address, created_at, updated_at)
       values ($1, 'RES-1', 'Les Lilas', '1 rue des Lilas', '78000', 'VERSAILLES', 'M. Petit', '01 02 03 04 05', 'Du lundi au vendredi', 'Loge, bâtiment A', $2, $2)`,
      [RESIDENCE, NOW],
    );
    await client.query(`update dossiers set residence_id = $1`, [RESIDENCE]);
    expect(await rows(`select d.number, r.caretaker_name from dossiers d join residences r on r.id = d.residence_id`)).toEqual([{ number: 'D-1', caretaker_name: 'M. Petit' }]);
    // The audit log takes rows and refuses every change to them (the trigger).
    await client.query(`insert into staff_audit_log (at, action, target_type, target_id, after) values ($1, 'residence.create', 'residence', $2, '{}')`, [NOW, RESIDENCE]);
    await expect(client.query(`update staff_audit_log set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`delete from staff_audit_log`)).rejects.toThrow(/append-only/);
    await expect(client.query(`truncate staff_audit_log`)).rejects.toThrow(/append-only/);
    expect(await rows(`select action from staff_audit_log`)).toEqual([{ action: 'residence.create' }]);
  },

  async '0010_notifications'() {
    const { client, rows, apply } = await databaseBefore('0010_notifications');
    await insertTenant(client);
    await apply();
    expect(await rows(`select number from dossiers where tenant_id = $1`, [TENANT])).toEqual([{ number: 'D-1' }]);
    const insert = (id: string) =>
      client.query(`insert into notifications (id, tenant_id, version, updated_at, kind, subject, params, ref_id, at) values ($1, $2, 2, $3, 'request.answered', 'm-1', '{}', null, $3)`, [id, TENANT, NOW]);
    await insert('00000000-0000-4000-8000-000000000301');
    expect(await rows(`select kind, mail_state from notifications`)).toEqual([{ kind: 'request.answered', mail_state: 'pending' }]);
    // One fact, one notification: the same (tenant, kind, subject) is refused.
    await expect(insert('00000000-0000-4000-8000-000000000302')).rejects.toThrow(/notifications_subject_idx/);
    await client.query(`insert into notification_preferences (id, tenant_id, version, updated_at, channels) values ($1, $1, 3, $2, '{"debit.upcoming":"mail"}')`, [TENANT, NOW]);
    expect(await rows(`select channels from notification_preferences`)).toEqual([{ channels: { 'debit.upcoming': 'mail' } }]);
  },

  async '0011_blob_storage_external'() {
    const { client, rows, apply } = await databaseBefore('0011_blob_storage_external');
    const storage = () => rows(`select attstorage from pg_attribute where attrelid = 'blobs'::regclass and attname = 'content'`);
    const blob = (sha: string, bytes: Buffer) => client.query(`insert into blobs (sha256, media_type, size, content, created_at) values ($1, 'application/pdf', $2, $3, $4)`, [sha, bytes.length, bytes, NOW]);
    expect(await storage()).toEqual([{ attstorage: 'x' }]);
    const before = Buffer.alloc(20_000, 'a');
    await blob('before', before);
    await apply();
    // Stored out of line without compression from now on; a blob stored before reads back the same.
    expect(await storage()).toEqual([{ attstorage: 'e' }]);
    const after = Buffer.alloc(20_000, 'b');
    await blob('after', after);
    const read = await rows<{ sha256: string; content: Uint8Array }>(`select sha256, content from blobs order by sha256`);
    expect(read.map((row) => [row.sha256, Buffer.from(row.content).equals(row.sha256 === 'after' ? after : before)])).toEqual([['after', true], ['before', true]]);
  },
};

describe('database migrations', () => {
  it('every migration has its upgrade test', () => {
    expect(Object.keys(UPGRADES)).toEqual(TAGS);
  });

  // drizzle's migrator applies only the migrations whose `when` is later than the last one applied:
  // a branch merged with an older `when` than its predecessor would silently never run.
  it('the journal numbers migrations in order and dates each after the one before', () => {
    journal.entries.forEach((entry, i) => {
      expect(entry.idx).toBe(i);
      expect(entry.tag.startsWith(String(i).padStart(4, '0') + '_')).toBe(true);
      if (i > 0) expect(entry.when).toBeGreaterThan(journal.entries[i - 1]!.when);
    });
  });

  it.each(TAGS)('%s upgrades the previous version, keeping its rows', async (tag) => {
    await UPGRADES[tag]!();
  });
});
