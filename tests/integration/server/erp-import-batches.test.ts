/**
 * The ERP import's batches (server/src/admin/erp-import.ts), with a tiny batch size so that a few
 * lines cross several batch boundaries: a tenant's two dossiers in two batches, the contracts and
 * occupants of a dossier written in its tenants line's transaction or later, side files in another
 * order than the tenants file, a wrong line in the last batch, a write failing half-way (PGlite,
 * and PostgreSQL when TEST_DATABASE_URL is set). And a property: random valid files give the
 * database they describe, and importing them again writes nothing and moves no sync version.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importErpFiles, type ErpFiles } from '../../../server/src/admin/erp-import';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import type { DatabaseHandle } from '../../../server/src/db/client';
import * as t from '../../../server/src/db/schema';
import { testClock } from '../../helpers/clock';
import { backends } from './helpers';

const TENANT_HEADER = 'reference;civilite;nom;prenom;date_de_naissance;dossier;adresse;code_postal;ville;banque;iban;bic;titulaire';
const IBAN = 'FR7630006000011234567890189';
const tenantLine = (ref: string, dossier: string, name = `NOM${ref}`) => `${ref};Mme;${name};Anne;02/04/1980;${dossier};1 rue ${dossier};78000;VERSAILLES;LA BANQUE;${IBAN};AGRIFRPPXXX;${name} ANNE`;
const CONTRACT_HEADER = 'dossier;type;libelle;adresse;date_debut';
const OCCUPANT_HEADER = 'dossier;civilite;nom;prenom;date_de_naissance;lien;signataire';

describe.each(backends)('ERP import in batches ($name)', (backend) => {
  let handle: DatabaseHandle;
  let dir: string;
  let files = 0;
  const clock = testClock();
  const cipher = createDataCipher(Buffer.alloc(32, 3));
  const deps = () => ({ db: handle.db, cipher, now: clock.clock });
  const file = (lines: string[]) => {
    const path = join(dir, `file-${++files}.csv`);
    writeFileSync(path, lines.join('\r\n') + '\r\n');
    return path;
  };

  /** What the database holds for the tenants whose reference starts with `prefix`: live rows by business key, every version, and how many rows in all (tombstones too). */
  const snapshot = async (prefix: string) => {
    const tenantRows = await handle.db.select().from(t.tenants).where(like(t.tenants.reference, `${prefix}%`));
    const ids = tenantRows.map((row) => row.id);
    if (ids.length === 0) return { tenants: {}, dossiers: {}, contracts: {}, occupants: {}, banks: {}, rows: 0 };
    const referenceOf = new Map(tenantRows.map((row) => [row.id, row.reference]));
    const dossierRows = await handle.db.select().from(t.dossiers).where(inArray(t.dossiers.tenantId, ids));
    const numberOf = new Map(dossierRows.map((row) => [row.id, row.number]));
    const contractRows = await handle.db.select().from(t.contracts).where(inArray(t.contracts.tenantId, ids));
    const occupantRows = await handle.db.select().from(t.occupants).where(inArray(t.occupants.tenantId, ids));
    const bankRows = await handle.db.select().from(t.bankAccounts).where(inArray(t.bankAccounts.tenantId, ids));
    const byDossier = <R extends { dossierId: string; deleted: boolean }>(rows: R[], describe: (row: R) => string) => {
      const lists: Record<string, string[]> = {};
      for (const row of rows.filter((r) => !r.deleted)) (lists[numberOf.get(row.dossierId)!] ??= []).push(describe(row));
      for (const list of Object.values(lists)) list.sort();
      return lists;
    };
    return {
      tenants: Object.fromEntries(tenantRows.map((row) => [row.reference, { name: row.lastName, syncVersion: row.syncVersion }])),
      dossiers: Object.fromEntries(dossierRows.map((row) => [row.number, { tenant: referenceOf.get(row.tenantId), address: row.addressLine, version: row.version }])),
      contracts: byDossier(contractRows, (row) => `${row.kind} ${row.label} ${row.startDate} ${row.addressLine} v${row.version}`),
      occupants: byDossier(occupantRows, (row) => `${row.lastName} ${row.firstName} ${row.relationship} ${row.signatory} v${row.version}`),
      banks: byDossier(bankRows, (row) => `${row.ibanMasked} v${row.version}`),
      rows: tenantRows.length + dossierRows.length + contractRows.length + occupantRows.length + bankRows.length,
    };
  };
  const NOTHING_CHANGES = {
    tenants: { created: 0, updated: 0 },
    dossiers: { created: 0, updated: 0 },
    bankAccounts: { created: 0, replaced: 0 },
    contracts: { added: 0, removed: 0 },
    occupants: { added: 0, removed: 0 },
  };

  beforeAll(async () => {
    handle = await backend.open();
    dir = mkdtempSync(join(tmpdir(), 'portal-erp-batches-'));
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a tenant's two dossier lines in two batches make one tenant; side-file groups wait for their dossier's batch; aligned files write each new tenant once (version 1)", async () => {
    // Batches of 2 lines: [A-1, B-1] [B-2, C-1] [D-1]. B's second dossier opens the second batch.
    const tenants = file([TENANT_HEADER, tenantLine('A', 'A-1'), tenantLine('B', 'B-1'), tenantLine('B', 'B-2'), tenantLine('C', 'C-1'), tenantLine('D', 'D-1')]);
    // B-2's two contracts are read while the first batch is cut: they wait for the second.
    const contracts = file([CONTRACT_HEADER, 'A-1;logement;Logement;;01/01/2018', 'B-1;logement;Logement;;01/01/2019', 'B-2;logement;Logement;;01/02/2019', 'B-2;stationnement;Parking;Sous-sol;01/02/2019', 'D-1;logement;Logement;;01/03/2020']);
    const occupants = file([OCCUPANT_HEADER, 'B-2;M.;NOMB;Paul;10/10/2010;Enfant;non', 'C-1;Mme;NOMC;Anne;02/04/1980;Titulaire;oui']);
    const summary = await importErpFiles(deps(), { tenants, contracts, occupants }, { batchSize: 2 });
    expect(summary).toMatchObject({
      tenants: { created: 4, updated: 0, unchanged: 0 },
      dossiers: { created: 5, updated: 0, unchanged: 0 },
      bankAccounts: { created: 5 },
      contracts: { added: 5, removed: 0 },
      occupants: { added: 2, removed: 0 },
    });
    const first = await snapshot('');
    expect(first.dossiers['B-1']!.tenant).toBe('B');
    expect(first.dossiers['B-2']!.tenant).toBe('B');
    // B's second batch bumped B once, for its dossier, bank, contracts and occupant together.
    expect(first.contracts['B-2']).toEqual(['logement Logement 2019-02-01 1 rue B-2 v2', 'stationnement Parking 2019-02-01 Sous-sol v2']);
    expect(first.occupants['B-2']).toEqual(['NOMB Paul Enfant false v2']);
    expect(first.occupants['C-1']).toEqual(['NOMC Anne Titulaire true v1']);
    // A, C and D were written whole, each in one transaction: version 1.
    expect(Object.fromEntries(Object.entries(first.tenants).map(([ref, row]) => [ref, row.syncVersion]))).toEqual({ A: 1, B: 2, C: 1, D: 1 });

    const again = await importErpFiles(deps(), { tenants, contracts, occupants }, { batchSize: 2 });
    expect(again).toMatchObject({ ...NOTHING_CHANGES, tenants: { unchanged: 4 }, dossiers: { unchanged: 5 }, bankAccounts: { unchanged: 5 } });
    expect(await snapshot('')).toEqual(first);
  });

  it("a tenant's columns are read from its first line, also when its next line falls in a later batch (else each night would flip them)", async () => {
    // Batches of 1: N's second line, with another name and birth date, is in the second batch.
    const tenants = file([TENANT_HEADER, tenantLine('N', 'N-1', 'PREMIER'), tenantLine('N', 'N-2', 'SECOND').replace('02/04/1980', '03/05/1981')]);
    const summary = await importErpFiles(deps(), { tenants }, { batchSize: 1 });
    expect(summary.tenants).toEqual({ created: 1, updated: 0, unchanged: 0 });
    const first = await snapshot('N');
    expect(first.tenants).toEqual({ N: { name: 'PREMIER', syncVersion: 2 } });
    expect(await importErpFiles(deps(), { tenants }, { batchSize: 1 })).toMatchObject({ ...NOTHING_CHANGES, tenants: { unchanged: 1 } });
    expect(await snapshot('N')).toEqual(first);
  });

  it('side files in another order than the tenants file (reversed, a dossier the first test imported) give the same lists', async () => {
    const tenants = file([TENANT_HEADER, tenantLine('R1', 'R1-1'), tenantLine('R2', 'R2-1'), tenantLine('R3', 'R3-1')]);
    // Reversed: R3-1 waits for the last batch, the others come after the tenants file; A-1 was imported by the test before.
    const contracts = file([CONTRACT_HEADER, 'R3-1;logement;Logement R3;;01/01/2018', 'A-1;stationnement;Box 4;;01/06/2024', 'R2-1;logement;Logement R2;;01/01/2018', 'R1-1;logement;Logement R1;;01/01/2018']);
    const summary = await importErpFiles(deps(), { tenants, contracts }, { batchSize: 1 });
    expect(summary.contracts).toEqual({ added: 4, removed: 1 });
    const after = await snapshot('');
    expect(after.contracts['R1-1']).toEqual(['logement Logement R1 2018-01-01 1 rue R1-1 v2']);
    expect(after.contracts['R3-1']).toEqual(['logement Logement R3 2018-01-01 1 rue R3-1 v1']);
    // A-1's list is now the file's: its Logement tombstoned, the box added, A bumped once.
    expect(after.contracts['A-1']).toEqual(['stationnement Box 4 2024-06-01 1 rue A-1 v2']);
    expect(after.tenants['A']!.syncVersion).toBe(2);
  });

  it('a wrong line in the last batch, or the last line of a side file, and nothing is written', async () => {
    const lines = ['W1', 'W2', 'W3', 'W4', 'W5'].map((ref) => tenantLine(ref, `${ref}-1`));
    const badTenants = file([TENANT_HEADER, ...lines.slice(0, 4), lines[4]!.replace('02/04/1980', '31/02/1980')]);
    const error = (await importErpFiles(deps(), { tenants: badTenants }, { batchSize: 2 }).catch((e: unknown) => e)) as { fields: { path: string }[] };
    expect(error.fields.map((f) => f.path)).toEqual([expect.stringMatching(/, ligne 6$/)]);
    expect(await snapshot('W')).toMatchObject({ rows: 0 });

    const tenants = file([TENANT_HEADER, ...lines]);
    const contracts = file([CONTRACT_HEADER, 'W1-1;logement;Logement;;01/01/2018', 'W5-1;garage;Box;;01/01/2018']);
    const sideError = (await importErpFiles(deps(), { tenants, contracts }, { batchSize: 2 }).catch((e: unknown) => e)) as { fields: { path: string; message: string }[] };
    expect(sideError.fields).toEqual([expect.objectContaining({ path: expect.stringMatching(/, ligne 3$/), message: expect.stringMatching(/^type : /) })]);
    expect(await snapshot('W')).toMatchObject({ rows: 0 });
  });

  it('a write failing half-way stops the import with its error: the batches before it stay, none after it is written', async () => {
    let encrypted = 0;
    const failing = { ...cipher, encrypt: (text: string) => (++encrypted === 5 ? failOnce() : cipher.encrypt(text)) };
    const failOnce = (): never => {
      throw new Error('clé indisponible');
    };
    // Batches of 2 lines, IBAN and BIC encrypted per line: the 5th encryption is the third line's, in the second batch.
    const tenants = file([TENANT_HEADER, ...['F1', 'F2', 'F3', 'F4', 'F5', 'F6'].map((ref) => tenantLine(ref, `${ref}-1`))]);
    await expect(importErpFiles({ ...deps(), cipher: failing }, { tenants }, { batchSize: 2 })).rejects.toThrow('clé indisponible');
    expect(Object.keys((await snapshot('F')).tenants).sort()).toEqual(['F1', 'F2']);
  });

  it('random valid files: the database says what they say, and a second import writes nothing and moves no version', async () => {
    let run = 0;
    const model = fc.record({
      tenants: fc.array(
        fc.record({
          name: fc.constantFrom('MARTIN', 'BERNARD', 'DUBOIS'),
          dossiers: fc.array(
            fc.record({
              contracts: fc.uniqueArray(fc.record({ kind: fc.constantFrom('logement', 'stationnement', 'facturation'), label: fc.constantFrom('Logement', 'Parking', 'Box', 'Cave'), address: fc.constantFrom('', 'Sous-sol') }), { maxLength: 3, selector: (c) => `${c.kind} ${c.label} ${c.address}` }),
              occupants: fc.uniqueArray(fc.record({ first: fc.constantFrom('Anne', 'Paul', 'Léa'), signatory: fc.boolean() }), { maxLength: 2, selector: (o) => o.first }),
            }),
            { minLength: 1, maxLength: 3 },
          ),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      sideOrder: fc.constantFrom('aligned', 'reversed', 'shuffled'),
      seed: fc.integer(),
      batchSize: fc.integer({ min: 1, max: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(model, async ({ tenants: people, sideOrder, seed, batchSize }) => {
        const prefix = `P${++run}-`;
        const dossiers = people.flatMap((person, i) => person.dossiers.map((dossier, j) => ({ ...dossier, tenant: `${prefix}${i}`, name: person.name, number: `${prefix}${i}-${j}` })));
        const mix = (text: string) => [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), seed);
        const ordered = sideOrder === 'aligned' ? dossiers : sideOrder === 'reversed' ? [...dossiers].reverse() : [...dossiers].sort((a, b) => mix(a.number) - mix(b.number));
        const files: ErpFiles = {
          tenants: file([TENANT_HEADER, ...dossiers.map((d) => tenantLine(d.tenant, d.number, d.name))]),
          contracts: file([CONTRACT_HEADER, ...ordered.flatMap((d) => d.contracts.map((c) => `${d.number};${c.kind};${c.label};${c.address};01/01/2020`))]),
          occupants: file([OCCUPANT_HEADER, ...ordered.flatMap((d) => d.occupants.map((o) => `${d.number};M.;${d.name};${o.first};01/01/1990;Enfant;${o.signatory ? 'oui' : 'non'}`))]),
        };
        await importErpFiles(deps(), files, { batchSize });
        const once = await snapshot(prefix);
        const strip = (lists: Record<string, string[]>) => Object.fromEntries(Object.entries(lists).map(([number, list]) => [number, list.map((entry) => entry.replace(/ v\d+$/, ''))]));
        expect(Object.keys(once.tenants).sort()).toEqual([...new Set(dossiers.map((d) => d.tenant))].sort());
        expect(Object.fromEntries(Object.entries(once.dossiers).map(([number, row]) => [number, row.tenant]))).toEqual(Object.fromEntries(dossiers.map((d) => [d.number, d.tenant])));
        expect(strip(once.contracts)).toEqual(Object.fromEntries(dossiers.filter((d) => d.contracts.length > 0).map((d) => [d.number, d.contracts.map((c) => `${c.kind} ${c.label} 2020-01-01 ${c.address || `1 rue ${d.number}`}`).sort()])));
        expect(strip(once.occupants)).toEqual(Object.fromEntries(dossiers.filter((d) => d.occupants.length > 0).map((d) => [d.number, d.occupants.map((o) => `${d.name} ${o.first} Enfant ${o.signatory}`).sort()])));
        // No row is newer than its tenant's counter (the sync cursor would miss it).
        for (const row of Object.values(once.dossiers)) expect(row.version).toBeLessThanOrEqual(once.tenants[row.tenant!]!.syncVersion);
        for (const [number, list] of Object.entries({ ...once.contracts, ...once.occupants })) {
          for (const entry of list) expect(Number(/ v(\d+)$/.exec(entry)![1])).toBeLessThanOrEqual(once.tenants[once.dossiers[number]!.tenant!]!.syncVersion);
        }

        const again = await importErpFiles(deps(), files, { batchSize });
        expect(again).toMatchObject(NOTHING_CHANGES);
        expect(await snapshot(prefix)).toEqual(once);
      }),
      { numRuns: 12 },
    );
  });
});
