/**
 * The nightly ERP import (`import-erp`, server/src/admin/erp-import.ts) over a real database
 * (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): French CSV (`;`, dd/mm/yyyy, BOM or
 * Windows-1252), tenants, dossiers, bank details, contracts and occupants upserted by reference;
 * a second run over the same files changes nothing (not even a sync version); a changed line
 * changes only its tenant; a file with errors names them by file and line and writes nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../server/src/admin/cli';
import { createDataCipher } from '../../../server/src/crypto/data-key';
import type { DatabaseHandle } from '../../../server/src/db/client';
import * as t from '../../../server/src/db/schema';
import { testClock } from '../../helpers/clock';
import { backends } from './helpers';

const TENANT_HEADER = 'Référence;Civilité;Nom;Prénom;Date de naissance;Email;Téléphone portable;Dossier;Adresse;Code postal;Ville;Jour prélèvement;Banque;IBAN;BIC;Titulaire;RUM;ICS';
const tenantLine = (ref: string, name: string, dossier: string, extra: { mobile?: string; iban?: string; debit?: string } = {}) =>
  `${ref};Mme;${name};Martine;02/04/1980;${name.toLowerCase()}@example.org;${extra.mobile ?? '06 12 34 56 78'};${dossier};"12, rue des Lilas";78000;VERSAILLES;${extra.debit ?? '3'};LA BANQUE;${extra.iban ?? 'FR76 3000 6000 0112 3456 7890 189'};AGRIFRPPXXX;${name} MARTINE;RUM-${ref};FR12ZZZ123456`;
const CONTRACT_HEADER = 'dossier;type;libellé;adresse;date_debut';
const OCCUPANT_HEADER = 'dossier;civilité;nom;prénom;date de naissance;lien;signataire';

describe.each(backends)('ERP import ($name)', (backend) => {
  let handle: DatabaseHandle;
  let dir: string;
  const clock = testClock();
  const cipher = createDataCipher(Buffer.alloc(32, 3));
  const deps = () => ({ db: handle.db, cipher, now: clock.clock });
  const file = (name: string, lines: string[], encoding: BufferEncoding = 'utf8') => {
    const path = join(dir, name);
    writeFileSync(path, Buffer.from(lines.join('\r\n') + '\r\n', encoding));
    return path;
  };
  const run = (files: { tenants: string; contracts?: string; occupants?: string }) =>
    runAdminCommand(['import-erp', '--locataires', files.tenants, ...(files.contracts ? ['--contrats', files.contracts] : []), ...(files.occupants ? ['--occupants', files.occupants] : [])], deps());
  const versions = async () => Object.fromEntries((await handle.db.select({ reference: t.tenants.reference, v: t.tenants.syncVersion }).from(t.tenants)).map((r) => [r.reference, r.v]));
  const liveContracts = async (dossier: string) => {
    const [d] = await handle.db.select().from(t.dossiers).where(eq(t.dossiers.number, dossier));
    return (await handle.db.select().from(t.contracts).where(eq(t.contracts.dossierId, d!.id)).orderBy(asc(t.contracts.label))).filter((c) => !c.deleted).map((c) => `${c.kind} ${c.label} ${c.startDate} ${c.addressLine}`);
  };

  const tenants = [tenantLine('1000000001', 'DURAND', 'D-001'), tenantLine('1000000002', 'PETIT', 'D-002', { debit: '' }), tenantLine('1000000003', 'ROUX', 'D-003')];
  const contracts = [
    'D-001;logement;Logement T3;;01/01/2018',
    'D-001;stationnement;Parking n° 12;"Parking, niveau -1";01/03/2020',
    'D-002;logement;Logement T2;;15/09/2021',
  ];
  const occupants = ['D-001;Mme;DURAND;Martine;02/04/1980;Titulaire;oui', 'D-001;M.;DURAND;Paul;10/10/2010;Enfant;non'];

  beforeAll(async () => {
    handle = await backend.open();
    dir = mkdtempSync(join(tmpdir(), 'portal-erp-'));
  });
  afterAll(async () => {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports tenants, dossiers, bank details, contracts and occupants from French CSV (BOM, quotes, dd/mm/yyyy)', async () => {
    const files = { tenants: file('locataires.csv', ['\uFEFF' + TENANT_HEADER, ...tenants]), contracts: file('contrats.csv', [CONTRACT_HEADER, ...contracts]), occupants: file('occupants.csv', [OCCUPANT_HEADER, ...occupants]) };
    expect(await run(files)).toEqual({
      lines: { tenants: 3, contracts: 3, occupants: 2 },
      tenants: { created: 3, updated: 0, unchanged: 0 },
      dossiers: { created: 3, updated: 0, unchanged: 0 },
      bankAccounts: { created: 3, replaced: 0, unchanged: 0 },
      contracts: { added: 3, removed: 0 },
      occupants: { added: 2, removed: 0 },
    });
    const [durand] = await handle.db.select().from(t.tenants).where(eq(t.tenants.reference, '1000000001'));
    expect(durand).toMatchObject({ lastName: 'DURAND', firstName: 'MARTINE', birthDate: '1980-04-02', phoneMobile: '06 12 34 56 78', contactEmail: 'durand@example.org' });
    const [dossier] = await handle.db.select().from(t.dossiers).where(eq(t.dossiers.number, 'D-001'));
    expect(dossier).toMatchObject({ tenantId: durand!.id, addressLine: '12, rue des Lilas', directDebitDay: 3 });
    const [petit] = await handle.db.select().from(t.dossiers).where(eq(t.dossiers.number, 'D-002'));
    expect(petit!.directDebitDay).toBeNull();
    const [bank] = await handle.db.select().from(t.bankAccounts).where(eq(t.bankAccounts.dossierId, dossier!.id));
    expect(cipher.decrypt(bank!.ibanEncrypted)).toBe('FR7630006000011234567890189');
    expect(bank).toMatchObject({ ibanMasked: '#####189', mandateRum: 'RUM-1000000001', creditorId: 'FR12ZZZ123456', holder: 'DURAND MARTINE' });
    expect(await liveContracts('D-001')).toEqual(['logement Logement T3 2018-01-01 12, rue des Lilas', 'stationnement Parking n° 12 2020-03-01 Parking, niveau -1']);
    const people = await handle.db.select().from(t.occupants).where(eq(t.occupants.dossierId, dossier!.id));
    expect(people.map((o) => [o.firstName, o.relationship, o.signatory]).sort()).toEqual([['Martine', 'Titulaire', true], ['Paul', 'Enfant', false]]);
  });

  it('a second run over the same files changes nothing, not even a sync version', async () => {
    const before = await versions();
    const files = { tenants: file('locataires.csv', [TENANT_HEADER, ...tenants]), contracts: file('contrats.csv', [CONTRACT_HEADER, ...contracts]), occupants: file('occupants.csv', [OCCUPANT_HEADER, ...occupants]) };
    expect(await run(files)).toMatchObject({
      tenants: { created: 0, updated: 0, unchanged: 3 },
      dossiers: { created: 0, updated: 0, unchanged: 3 },
      bankAccounts: { created: 0, replaced: 0, unchanged: 3 },
      contracts: { added: 0, removed: 0 },
      occupants: { added: 0, removed: 0 },
    });
    expect(await versions()).toEqual(before);
  });

  it('a changed line changes its tenant only: new phone, new IBAN (old row tombstoned), a contract gone', async () => {
    const before = await versions();
    const changed = [tenantLine('1000000001', 'DURAND', 'D-001', { mobile: '07 00 00 00 01', iban: 'FR1420041010050500013M02606' }), tenants[1]!, tenants[2]!];
    const result = await run({ tenants: file('locataires.csv', [TENANT_HEADER, ...changed]), contracts: file('contrats.csv', [CONTRACT_HEADER, contracts[0]!, contracts[2]!]) });
    expect(result).toMatchObject({ tenants: { created: 0, updated: 1, unchanged: 2 }, bankAccounts: { created: 0, replaced: 1, unchanged: 2 }, contracts: { added: 0, removed: 1 } });
    const after = await versions();
    expect(after['1000000001']).toBeGreaterThan(before['1000000001']!);
    expect({ ...after, '1000000001': 0 }).toEqual({ ...before, '1000000001': 0 });
    const [dossier] = await handle.db.select().from(t.dossiers).where(eq(t.dossiers.number, 'D-001'));
    const banks = await handle.db.select().from(t.bankAccounts).where(eq(t.bankAccounts.dossierId, dossier!.id));
    expect(banks.map((b) => [b.deleted, b.ibanMasked]).sort()).toEqual([[false, '#####606'], [true, '#####189']]);
    expect(await liveContracts('D-001')).toEqual(['logement Logement T3 2018-01-01 12, rue des Lilas']);
  });

  it('a file with errors names each by file and line, in French, and writes nothing', async () => {
    const count = async () => (await handle.db.select().from(t.tenants)).length;
    const before = await count();
    const bad = [
      TENANT_HEADER,
      tenantLine('1000000004', 'LEROY', 'D-004'),
      tenantLine('1000000005', 'MOREAU', 'D-005').replace('02/04/1980', '31/02/1980'),
      tenantLine('1000000006', 'SIMON', 'D-006', { iban: 'FR76 3000 6000 0112 3456 7890 188' }),
      tenantLine('1000000007', 'LAURENT', 'D-001'),
    ];
    const contractsBad = [CONTRACT_HEADER, 'D-004;garage;Box;;01/01/2020', 'D-999;logement;Logement;;01/01/2020'];
    const error = (await run({ tenants: file('locataires.csv', bad), contracts: file('contrats.csv', contractsBad) }).catch((e: unknown) => e)) as { fields: { path: string; message: string }[] };
    expect(error.fields).toEqual([
      { path: 'locataires.csv, ligne 3', key: 'fields.invalid', message: expect.stringMatching(/^date_de_naissance : /) },
      { path: 'locataires.csv, ligne 4', key: 'fields.invalid', message: 'iban : IBAN invalide : la clé de contrôle est incorrecte' },
      { path: 'locataires.csv, ligne 5', key: 'fields.invalid', message: 'dossier : « D-001 » est celui du locataire 1000000001, pas de 1000000007' },
      { path: 'contrats.csv, ligne 2', key: 'fields.invalid', message: expect.stringMatching(/^type : /) },
      { path: 'contrats.csv, ligne 3', key: 'fields.invalid', message: 'dossier : « D-999 » inconnu (ni dans locataires.csv ni déjà importé)' },
    ]);
    expect(await count()).toBe(before);
  });

  it('reads a Windows-1252 file, and refuses contracts of one dossier that do not follow one another', async () => {
    const latin = file('latin1.csv', [TENANT_HEADER, tenantLine('1000000008', 'ROUX', 'D-008').replace('Martine', 'Hélène')], 'latin1');
    expect(await run({ tenants: latin })).toMatchObject({ tenants: { created: 1 } });
    const [row] = await handle.db.select().from(t.tenants).where(eq(t.tenants.reference, '1000000008'));
    expect(row!.firstName).toBe('HÉLÈNE');
    const scattered = file('contrats.csv', [CONTRACT_HEADER, contracts[0]!, contracts[2]!, contracts[1]!]);
    const error = (await run({ tenants: latin, contracts: scattered }).catch((e: unknown) => e)) as { fields: unknown };
    expect(error.fields).toEqual([{ path: 'contrats.csv, ligne 4', key: 'fields.invalid', message: 'dossier : les lignes du dossier « D-001 » doivent se suivre (triez le fichier par dossier)' }]);
  });
});
