/**
 * The demo data set (the seed tutorial's tenant) and a generator of N realistic tenants.
 * Used by `--demo`, the tests and bench/server-sync.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, changeRequests, consents, requests, tenants } from '../db/schema';
import type { DataCipher } from '../crypto/data-key';
import type { PasswordHasher } from '../auth/passwords';
import { withTenantWrite } from '../sync/versions';
import { postLedgerEntries, type LedgerPosting } from '../balance/ledger';
import { addActivity } from '../home/activity';
import { addRequestEvent, nextRequestNumber } from '../requests/events';
import { createTenant, type NewTenant } from '../dossier/tenants';
import { issueDemoDocuments, withPartPaidMonth } from '../documents/demo';
import { loadDemoStaff } from './demo-staff';
import { parisDate } from '../../../src-shared/clock';
import { addDays, addMonths } from '../../../src-shared/validation/dates';

export const DEMO_ACCOUNT = { email: 'martine.dupont@example.org', password: 'Demo-Locataire-2026!' } as const;
export const DEMO_TENANT_ID = '5e0d3a6c-0000-4000-8000-000000000001';
export const DEMO_TENANT = {
  reference: '1000123456',
  lastName: 'DUPONT',
  firstName: 'MARTINE',
  birthDate: '1970-01-01',
  dossierNumber: '0123456789',
} as const;

export interface DemoDeps {
  db: Db;
  cipher: DataCipher;
  hasher: PasswordHasher;
  now: Date;
  /** Also issue the demo tenant's avis, quittances and a reçu (src/documents/demo.ts); `npm run demo` does. */
  documents?: boolean;
}

const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * `months` months of ledger up to the Paris calendar date of `now` (the landlord's "today",
 * src-shared/clock.ts): rent + charges on the 1st, direct debit of the rest on the 3rd, APL on
 * the 5th. So on the 1st and 2nd of a month its rent + charges are owed; from the 3rd the
 * dossier is paid up (on the 3rd and 4th the debit takes the whole amount, the APL not being in).
 */
export function monthlyLedger(now: Date, months: number, rentCents: number, chargesCents: number, aplCents: number): LedgerPosting[] {
  const today = parisDate(now);
  const postings: LedgerPosting[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const period = addMonths(today.slice(0, 7), -i);
    const day = (d: number) => `${period}-${String(d).padStart(2, '0')}`;
    const label = `${MONTH_NAMES[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
    postings.push({ date: day(1), kind: 'rent', label: `Loyer ${label}`, amountCents: rentCents, period });
    postings.push({ date: day(1), kind: 'charges', label: `Provisions pour charges ${label}`, amountCents: chargesCents, period });
    if (day(3) > today) continue;
    const aplPaid = aplCents > 0 && day(5) <= today;
    // Until the APL arrives the debit takes rent + charges in full; the APL then shows as a credit.
    const debitCents = aplPaid || aplCents === 0 ? rentCents + chargesCents - aplCents : rentCents + chargesCents;
    postings.push({ date: day(3), kind: 'payment', label: `Prélèvement ${label}`, amountCents: -debitCents, period });
    if (aplPaid) postings.push({ date: day(5), kind: 'apl', label: `APL ${label}`, amountCents: -aplCents, period });
  }
  return postings;
}

async function createAccount(deps: DemoDeps, tenantId: string, email: string, passwordHash: string): Promise<string> {
  const id = randomUUID();
  await deps.db.insert(accounts).values({ id, tenantId, email, passwordHash, createdAt: deps.now, updatedAt: deps.now });
  await deps.db.insert(consents).values([
    { id: randomUUID(), accountId: id, kind: 'cgu', version: '2026-01', acceptedAt: deps.now },
    { id: randomUUID(), accountId: id, kind: 'privacy', version: '2026-01', acceptedAt: deps.now },
    { id: randomUUID(), accountId: id, kind: 'paperless', version: '1', acceptedAt: deps.now },
  ]);
  await deps.db.update(tenants).set({ paperless: true, paperlessSince: deps.now }).where(eq(tenants.id, tenantId));
  return id;
}

const DEMO_TENANT_RECORD: NewTenant = {
  id: DEMO_TENANT_ID,
  reference: DEMO_TENANT.reference,
  civility: 'Mme',
  lastName: DEMO_TENANT.lastName,
  firstName: DEMO_TENANT.firstName,
  birthDate: DEMO_TENANT.birthDate,
  contactEmail: DEMO_ACCOUNT.email,
  phoneHome: '01.39.00.00.00',
  phoneMobile: '06.00.00.00.00',
  phoneWork: null,
  cafNumber: null,
  dossier: { number: DEMO_TENANT.dossierNumber, addressLine: '8 RUE SAINT NICOLAS', postalCode: '78000', city: 'VERSAILLES', directDebitDay: 3 },
  contracts: [
    { kind: 'logement', label: 'Logement T3 — 2e étage', startDate: '2015-09-01' },
    { kind: 'stationnement', label: 'Place de stationnement n° 12', startDate: '2016-03-01', addressLine: '8 RUE SAINT NICOLAS — PARKING' },
    { kind: 'facturation', label: 'Facturation', startDate: '2015-09-01' },
  ],
  occupants: [
    { civility: 'Mme', lastName: 'DUPONT', firstName: 'MARTINE', birthDate: '1970-01-01', relationship: '', signatory: true },
    { civility: 'M.', lastName: 'DUPONT', firstName: 'MARTIN', birthDate: '2000-01-01', relationship: 'enfant', signatory: false },
  ],
  bank: {
    bankName: 'BANQUE DE DÉMONSTRATION',
    iban: 'FR7630006000011234567890189',
    bic: 'AGRIFRPPXXX',
    holder: 'DUPONT MARTINE',
    mandateRum: 'OPHDEMO-0123456789-01',
    creditorId: 'FR00ZZZ000000',
  },
};

/** Loads the seed's tenant and the demo account. Returns false when tenants already exist. */
export async function loadDemoData(deps: DemoDeps): Promise<boolean> {
  const [any] = await deps.db.select({ id: tenants.id }).from(tenants).limit(1);
  if (any) return false;
  const { tenantId, dossierId } = await createTenant(deps.db, deps.cipher, deps.now, DEMO_TENANT_RECORD);
  await createAccount(deps, tenantId, DEMO_ACCOUNT.email, await deps.hasher.hash(DEMO_ACCOUNT.password));
  await withTenantWrite(deps.db, tenantId, async (tx, version) => {
    const ledger = monthlyLedger(deps.now, 24, 41235, 8760, 15000);
    await postLedgerEntries(tx, version, deps.now, tenantId, dossierId, deps.documents ? withPartPaidMonth(ledger, deps.now) : ledger);
    const requestId = randomUUID();
    const number = await nextRequestNumber(tx);
    const today = parisDate(deps.now);
    // `offset` Paris days before today, at h:m UTC (an afternoon in Paris, always in the past).
    const day = (offset: number, h: number, m: number) => new Date(`${addDays(today, -offset)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`);
    await tx.insert(requests).values({
      id: requestId,
      tenantId,
      dossierId,
      version,
      updatedAt: day(4, 15, 8),
      number,
      kind: 'technical',
      category: 'plomberie',
      subject: 'Fuite sous l\'évier de la cuisine',
      description: 'Une fuite goutte à goutte sous l\'évier depuis deux jours.',
      permissionToEnter: true,
      status: 'open',
      createdAt: day(4, 15, 7),
    });
    await addRequestEvent(tx, version, day(4, 15, 7), tenantId, requestId, 'open', 'tenant');
    await addActivity(tx, version, day(4, 15, 7), tenantId, 'request.created', `Demande n° ${number}`, requestId);
    const changeId = randomUUID();
    await tx.insert(changeRequests).values({
      id: changeId,
      tenantId,
      dossierId,
      version,
      updatedAt: day(3, 17, 21),
      kind: 'personal_info',
      summary: { phoneWork: '01.30.00.00.00' },
      payload: { phoneWork: '01.30.00.00.00' },
      status: 'pending',
      createdAt: day(3, 17, 21),
    });
    await addActivity(tx, version, day(3, 17, 21), tenantId, 'changeRequest.sent', 'Demande de mise à jour de mes informations', changeId);
    // This month's debit, when the ledger above has it (from the 3rd): its "Paiement effectué", early
    // that morning (or now, in the first hours of the 3rd).
    const debitDay = `${today.slice(0, 7)}-03`;
    if (debitDay <= today) {
      const debitAt = new Date(Math.min(Date.parse(`${debitDay}T04:00:00Z`), deps.now.getTime()));
      await addActivity(tx, version, debitAt, tenantId, 'payment.done', 'Paiement effectué', null);
    }
  });
  await loadDemoStaff(deps, dossierId);
  if (deps.documents) await issueDemoDocuments(deps, tenantId);
  return true;
}

const LAST_NAMES = ['MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON', 'MICHEL', 'LEFEBVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD', 'DIALLO', 'NGUYEN', 'BENALI', 'TRAORE'];
const FIRST_NAMES = ['MARIE', 'JEAN', 'FATIMA', 'PIERRE', 'NATHALIE', 'MOHAMED', 'ISABELLE', 'MICHEL', 'SYLVIE', 'ALAIN', 'AMINATA', 'PHILIPPE', 'CHANTAL', 'KARIM', 'MONIQUE', 'LUC'];
const STREETS = ['RUE DE LA PAROISSE', 'AVENUE DE PARIS', 'RUE DES CHANTIERS', 'BOULEVARD DE LA REINE', 'RUE DU MARÉCHAL FOCH', 'RUE SAINT NICOLAS'];

export interface GeneratedTenant {
  tenantId: string;
  reference: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  password: string;
}

/**
 * N realistic tenants (deterministic for a seed), each with an account sharing one password
 * (hashed once), a dossier, contracts, occupants, bank details and `months` of ledger.
 */
export async function generateTenants(deps: DemoDeps, count: number, options: { seed?: number; months?: number; password?: string; withAccounts?: boolean; firstIndex?: number } = {}): Promise<GeneratedTenant[]> {
  let state = options.seed ?? 42;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const password = options.password ?? DEMO_ACCOUNT.password;
  const passwordHash = await deps.hasher.hash(password);
  const out: GeneratedTenant[] = [];
  const first = options.firstIndex ?? 0;
  for (let i = first; i < first + count; i++) {
    const lastName = pick(LAST_NAMES);
    const firstName = pick(FIRST_NAMES);
    const reference = String(2000000000 + i);
    const year = 1940 + Math.floor(rand() * 60);
    const birthDate = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const email = `locataire${i}@example.org`;
    const { tenantId, dossierId } = await createTenant(deps.db, deps.cipher, deps.now, {
      reference,
      civility: rand() < 0.5 ? 'Mme' : 'M.',
      lastName,
      firstName,
      birthDate,
      contactEmail: email,
      phoneMobile: `06.${String(i % 100).padStart(2, '0')}.00.00.00`,
      dossier: { number: String(3000000000 + i), addressLine: `${1 + Math.floor(rand() * 120)} ${pick(STREETS)}`, postalCode: '78000', city: 'VERSAILLES', directDebitDay: 3 },
      contracts: [
        { kind: 'logement', label: 'Logement', startDate: '2018-01-01' },
        { kind: 'facturation', label: 'Facturation', startDate: '2018-01-01' },
      ],
      occupants: [{ civility: 'Mme', lastName, firstName, birthDate, relationship: '', signatory: true }],
      bank: { bankName: 'BANQUE', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPPXXX', holder: `${lastName} ${firstName}` },
    });
    if (options.withAccounts !== false) await createAccount(deps, tenantId, email, passwordHash);
    const rent = 30000 + Math.floor(rand() * 30000);
    await withTenantWrite(deps.db, tenantId, (tx, version) =>
      postLedgerEntries(tx, version, deps.now, tenantId, dossierId, monthlyLedger(deps.now, options.months ?? 12, rent, 6000 + Math.floor(rand() * 6000), rand() < 0.4 ? 12000 : 0)),
    );
    out.push({ tenantId, reference, lastName, firstName, birthDate, email, password });
  }
  return out;
}
