/**
 * What the staff console reads: the queues (requests, change requests, insurance certificates,
 * tenants) and the pages behind them, each within the staff member's scope. Queues page by 50 with
 * a total, oldest open first; their filters have indexes (migration 0009_staff_residences).
 * Outside the scope an object answers 404, as if it did not exist.
 */
import { and, asc, count, desc, eq, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { STAFF_PAGE_SIZE, type StaffRole } from '../../../src-shared/api/staff';
import type { Db } from '../db/client';
import { changeRequests, consents, accounts, documents, dossiers, insuranceCertificates, ledgerEntries, requestEvents, requestMessages, requests, residences, tenants } from '../db/schema';
import { ApiError } from '../http/errors';
import { displayName } from '../auth/sessions';
import { residenceRef } from '../residences/service';
import { can, requestKindsOf, seesEveryResidence } from './roles';

export interface StaffScope {
  role: StaffRole;
  /** A caretaker's residences. */
  residenceIds: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const page = (n: number) => ({ limit: STAFF_PAGE_SIZE, offset: (n - 1) * STAFF_PAGE_SIZE });
const notFound = (message: string) => new ApiError('NOT_FOUND', { message });
/** `%text%` for ILIKE, with its wildcards taken literally. */
const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const tenantNameOf = (t: { civility: string; lastName: string; firstName: string }) => displayName(t);
type ResidenceColumns = { id: string; code: string; name: string } | null;
const residenceOrNull = (r: ResidenceColumns) => (r ? residenceRef(r) : null);
const residenceColumns = { id: residences.id, code: residences.code, name: residences.name };

/** The dossiers a scope sees: a caretaker, those of their residences; the others, all. */
function dossierScope(scope: StaffScope): SQL | undefined {
  if (seesEveryResidence(scope.role)) return undefined;
  return scope.residenceIds.length ? inArray(dossiers.residenceId, scope.residenceIds) : sql`false`;
}

/** The requests a scope sees: the kinds of its role, in its residences. */
function requestScope(scope: StaffScope): SQL {
  const kinds = requestKindsOf(scope.role);
  if (kinds.length === 0) return sql`false`;
  return and(inArray(requests.kind, kinds), dossierScope(scope)) ?? sql`true`;
}

// --- Requests ---------------------------------------------------------------------------------

export interface RequestsFilter {
  status?: 'open' | 'in_progress' | 'closed' | 'cancelled';
  residenceId?: string;
  kind?: 'technical' | 'administrative';
  category?: string;
  minAgeDays?: number;
  q?: string;
  page: number;
}

function requestRow(row: { r: typeof requests.$inferSelect; d: typeof dossiers.$inferSelect; t: typeof tenants.$inferSelect; res: ResidenceColumns }) {
  return {
    id: row.r.id,
    number: row.r.number,
    kind: row.r.kind,
    category: row.r.category,
    subject: row.r.subject,
    status: row.r.status,
    tenantId: row.t.id,
    tenantName: tenantNameOf(row.t),
    dossierNumber: row.d.number,
    residence: residenceOrNull(row.res),
    plannedDate: row.r.plannedDate,
    createdAt: row.r.createdAt.toISOString(),
    updatedAt: row.r.updatedAt.toISOString(),
  };
}

const requestSelection = { r: requests, d: dossiers, t: tenants, res: residenceColumns };

export async function listStaffRequests(db: Db, scope: StaffScope, filter: RequestsFilter, now: Date) {
  const where: (SQL | undefined)[] = [requestScope(scope), eq(requests.deleted, false)];
  if (filter.status) where.push(eq(requests.status, filter.status));
  if (filter.kind) where.push(eq(requests.kind, filter.kind));
  if (filter.category) where.push(eq(requests.category, filter.category));
  if (filter.residenceId) where.push(eq(dossiers.residenceId, filter.residenceId));
  if (filter.minAgeDays !== undefined) where.push(lte(requests.createdAt, new Date(now.getTime() - filter.minAgeDays * DAY_MS)));
  if (filter.q) {
    const text = like(filter.q);
    const byNumber = /^\d{1,15}$/.test(filter.q) ? eq(requests.number, Number(filter.q)) : undefined;
    where.push(or(byNumber, ilike(requests.subject, text), ilike(tenants.lastName, text), ilike(tenants.firstName, text), ilike(dossiers.number, text)));
  }
  const condition = and(...where);
  const base = () =>
    db.select(requestSelection).from(requests).innerJoin(dossiers, eq(dossiers.id, requests.dossierId)).innerJoin(tenants, eq(tenants.id, requests.tenantId)).leftJoin(residences, eq(residences.id, dossiers.residenceId));
  const [rows, [total]] = await Promise.all([
    base()
      .where(condition)
      // Oldest open first: what waits longest comes first; the closed ones after.
      .orderBy(sql`case when ${requests.status} in ('open', 'in_progress') then 0 else 1 end`, asc(requests.createdAt), asc(requests.id))
      .limit(page(filter.page).limit)
      .offset(page(filter.page).offset),
    db.select({ n: count() }).from(requests).innerJoin(dossiers, eq(dossiers.id, requests.dossierId)).innerJoin(tenants, eq(tenants.id, requests.tenantId)).where(condition),
  ]);
  return { items: rows.map(requestRow), total: Number(total?.n ?? 0), page: filter.page, pageSize: STAFF_PAGE_SIZE };
}

/** A request in the scope, or 404. */
export async function requireRequestInScope(db: Db, scope: StaffScope, id: string) {
  const [row] = await db
    .select(requestSelection)
    .from(requests)
    .innerJoin(dossiers, eq(dossiers.id, requests.dossierId))
    .innerJoin(tenants, eq(tenants.id, requests.tenantId))
    .leftJoin(residences, eq(residences.id, dossiers.residenceId))
    .where(and(eq(requests.id, id), eq(requests.deleted, false), requestScope(scope)));
  if (!row) throw notFound('Demande introuvable.');
  return row;
}

export async function staffRequestDetail(db: Db, scope: StaffScope, id: string) {
  const row = await requireRequestInScope(db, scope, id);
  const [messages, events] = await Promise.all([
    db.select().from(requestMessages).where(and(eq(requestMessages.requestId, id), eq(requestMessages.deleted, false))).orderBy(asc(requestMessages.createdAt), asc(requestMessages.id)),
    db.select().from(requestEvents).where(and(eq(requestEvents.requestId, id), eq(requestEvents.deleted, false))).orderBy(asc(requestEvents.at), asc(requestEvents.id)),
  ]);
  const { r, d, t } = row;
  return {
    ...requestRow(row),
    description: r.description,
    permissionToEnter: r.permissionToEnter,
    // The tenant's form asks for no availability yet: null until it does.
    availability: null,
    photoSha256s: r.photoSha256s,
    tenant: { id: t.id, reference: t.reference, name: tenantNameOf(t), email: t.contactEmail, phoneHome: t.phoneHome, phoneMobile: t.phoneMobile, phoneWork: t.phoneWork },
    dossier: { id: d.id, number: d.number, addressLine: d.addressLine, postalCode: d.postalCode, city: d.city },
    messages: messages.map((m) => ({ id: m.id, author: m.author, authorName: m.authorName, body: m.body, createdAt: m.createdAt.toISOString() })),
    events: events.map((e) => ({ id: e.id, status: e.status, by: e.by, at: e.at.toISOString() })),
  };
}

// --- Change requests --------------------------------------------------------------------------

function changeRow(row: { c: typeof changeRequests.$inferSelect; t: typeof tenants.$inferSelect; dossierNumber: string | null; res: ResidenceColumns }) {
  return {
    id: row.c.id,
    kind: row.c.kind,
    status: row.c.status,
    tenantId: row.t.id,
    tenantName: tenantNameOf(row.t),
    dossierNumber: row.dossierNumber,
    residence: residenceOrNull(row.res),
    createdAt: row.c.createdAt.toISOString(),
    decidedAt: row.c.decidedAt?.toISOString() ?? null,
  };
}

const changeSelection = { c: changeRequests, t: tenants, dossierNumber: dossiers.number, res: residenceColumns };
const changeFrom = (db: Db) =>
  db.select(changeSelection).from(changeRequests).innerJoin(tenants, eq(tenants.id, changeRequests.tenantId)).leftJoin(dossiers, eq(dossiers.id, changeRequests.dossierId)).leftJoin(residences, eq(residences.id, dossiers.residenceId));

export async function listStaffChangeRequests(db: Db, filter: { status?: 'pending' | 'approved' | 'refused'; kind?: 'personal_info' | 'occupants' | 'bank_details'; page: number }) {
  const where = and(eq(changeRequests.deleted, false), filter.status ? eq(changeRequests.status, filter.status) : undefined, filter.kind ? eq(changeRequests.kind, filter.kind) : undefined);
  const [rows, [total]] = await Promise.all([
    changeFrom(db).where(where).orderBy(sql`case when ${changeRequests.status} = 'pending' then 0 else 1 end`, asc(changeRequests.createdAt), asc(changeRequests.id)).limit(page(filter.page).limit).offset(page(filter.page).offset),
    db.select({ n: count() }).from(changeRequests).where(where),
  ]);
  return { items: rows.map(changeRow), total: Number(total?.n ?? 0), page: filter.page, pageSize: STAFF_PAGE_SIZE };
}

/** What the tenant's file says today, beside what they asked (the staff member compares). */
async function currentValues(db: Db, c: typeof changeRequests.$inferSelect, t: typeof tenants.$inferSelect): Promise<Record<string, unknown>> {
  if (c.kind === 'personal_info') return { email: t.contactEmail, phoneHome: t.phoneHome, phoneMobile: t.phoneMobile, phoneWork: t.phoneWork, cafNumber: t.cafNumber };
  return {};
}

export async function staffChangeRequestDetail(db: Db, id: string, decrypt: (sealed: string) => string) {
  const [row] = await changeFrom(db).where(and(eq(changeRequests.id, id), eq(changeRequests.deleted, false)));
  if (!row) throw notFound('Demande de modification introuvable.');
  const summary = { ...(row.c.summary as Record<string, unknown>) };
  if (row.c.kind === 'bank_details') {
    // Staff check the full IBAN against the RIB sent with it.
    const payload = row.c.payload as { ibanEncrypted?: string; bicEncrypted?: string };
    if (payload.ibanEncrypted) summary.iban = decrypt(payload.ibanEncrypted);
    if (payload.bicEncrypted) summary.bic = decrypt(payload.bicEncrypted);
  }
  return { ...changeRow(row), summary, current: await currentValues(db, row.c, row.t), attachmentSha256: row.c.attachmentSha256, staffComment: row.c.staffComment };
}

// --- Insurance --------------------------------------------------------------------------------

const insuranceSelection = { i: insuranceCertificates, t: tenants, d: dossiers, res: residenceColumns };
const insuranceFrom = (db: Db) =>
  db.select(insuranceSelection).from(insuranceCertificates).innerJoin(tenants, eq(tenants.id, insuranceCertificates.tenantId)).innerJoin(dossiers, eq(dossiers.id, insuranceCertificates.dossierId)).leftJoin(residences, eq(residences.id, dossiers.residenceId));

function insuranceRow(row: { i: typeof insuranceCertificates.$inferSelect; t: typeof tenants.$inferSelect; d: typeof dossiers.$inferSelect; res: ResidenceColumns }) {
  return {
    id: row.i.id,
    status: row.i.status,
    tenantId: row.t.id,
    tenantName: tenantNameOf(row.t),
    dossierId: row.d.id,
    dossierNumber: row.d.number,
    residence: residenceOrNull(row.res),
    insurer: row.i.insurer,
    policyNumber: row.i.policyNumber,
    validFrom: row.i.validFrom,
    validTo: row.i.validTo,
    attachmentSha256: row.i.attachmentSha256,
    staffComment: row.i.staffComment,
    createdAt: row.i.createdAt.toISOString(),
    decidedAt: row.i.decidedAt?.toISOString() ?? null,
  };
}

export async function listStaffInsurances(db: Db, filter: { status?: 'pending' | 'accepted' | 'refused'; page: number }) {
  const where = and(eq(insuranceCertificates.deleted, false), filter.status ? eq(insuranceCertificates.status, filter.status) : undefined);
  const [rows, [total]] = await Promise.all([
    insuranceFrom(db).where(where).orderBy(sql`case when ${insuranceCertificates.status} = 'pending' then 0 else 1 end`, asc(insuranceCertificates.createdAt), asc(insuranceCertificates.id)).limit(page(filter.page).limit).offset(page(filter.page).offset),
    db.select({ n: count() }).from(insuranceCertificates).where(where),
  ]);
  return { items: rows.map(insuranceRow), total: Number(total?.n ?? 0), page: filter.page, pageSize: STAFF_PAGE_SIZE };
}

// --- Tenants ----------------------------------------------------------------------------------

export async function listStaffTenants(db: Db, filter: { q?: string; residenceId?: string; page: number }) {
  const where: (SQL | undefined)[] = [eq(dossiers.deleted, false)];
  if (filter.residenceId) where.push(eq(dossiers.residenceId, filter.residenceId));
  if (filter.q) {
    const text = like(filter.q);
    where.push(or(eq(tenants.reference, filter.q), ilike(tenants.lastName, text), ilike(tenants.firstName, text), ilike(dossiers.number, text)));
  }
  const condition = and(...where);
  // One row per dossier: a tenant with two dossiers shows twice, each with its balance.
  const [rows, [total]] = await Promise.all([
    db
      .select({ t: tenants, d: dossiers, res: residenceColumns })
      .from(dossiers)
      .innerJoin(tenants, eq(tenants.id, dossiers.tenantId))
      .leftJoin(residences, eq(residences.id, dossiers.residenceId))
      .where(condition)
      .orderBy(asc(tenants.lastName), asc(tenants.firstName), asc(dossiers.number))
      .limit(page(filter.page).limit)
      .offset(page(filter.page).offset),
    db.select({ n: count() }).from(dossiers).innerJoin(tenants, eq(tenants.id, dossiers.tenantId)).where(condition),
  ]);
  return {
    items: rows.map(({ t, d, res }) => ({ id: t.id, reference: t.reference, name: tenantNameOf(t), dossierNumber: d.number, residence: residenceOrNull(res), balanceCents: d.balanceCents })),
    total: Number(total?.n ?? 0),
    page: filter.page,
    pageSize: STAFF_PAGE_SIZE,
  };
}

/** A tenant's page: profile, dossiers, ledger, documents, requests, consents, change requests, insurance. */
export async function staffTenantDetail(db: Db, scope: StaffScope, id: string) {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, id));
  if (!t) throw notFound('Locataire introuvable.');
  const [dossierRows, ledger, docs, reqs, consentRows, changes, insurance] = await Promise.all([
    db.select({ d: dossiers, res: residenceColumns }).from(dossiers).leftJoin(residences, eq(residences.id, dossiers.residenceId)).where(and(eq(dossiers.tenantId, id), eq(dossiers.deleted, false))).orderBy(asc(dossiers.number)),
    db.select().from(ledgerEntries).where(and(eq(ledgerEntries.tenantId, id), eq(ledgerEntries.deleted, false))).orderBy(desc(ledgerEntries.date), desc(ledgerEntries.postingSeq)).limit(500),
    db.select().from(documents).where(and(eq(documents.tenantId, id), eq(documents.deleted, false))).orderBy(desc(documents.issuedAt)).limit(500),
    requestKindsOf(scope.role).length
      ? db
          .select(requestSelection)
          .from(requests)
          .innerJoin(dossiers, eq(dossiers.id, requests.dossierId))
          .innerJoin(tenants, eq(tenants.id, requests.tenantId))
          .leftJoin(residences, eq(residences.id, dossiers.residenceId))
          .where(and(eq(requests.tenantId, id), eq(requests.deleted, false), requestScope(scope)))
          .orderBy(desc(requests.createdAt))
      : Promise.resolve([]),
    db.select({ c: consents }).from(consents).innerJoin(accounts, eq(accounts.id, consents.accountId)).where(eq(accounts.tenantId, id)).orderBy(asc(consents.acceptedAt)),
    can(scope.role, 'changeRequests.decide') ? changeFrom(db).where(and(eq(changeRequests.tenantId, id), eq(changeRequests.deleted, false))).orderBy(desc(changeRequests.createdAt)) : Promise.resolve([]),
    can(scope.role, 'insurance.decide') ? insuranceFrom(db).where(and(eq(insuranceCertificates.tenantId, id), eq(insuranceCertificates.deleted, false))).orderBy(desc(insuranceCertificates.createdAt)) : Promise.resolve([]),
  ]);
  return {
    profile: {
      id: t.id,
      reference: t.reference,
      civility: t.civility,
      lastName: t.lastName,
      firstName: t.firstName,
      birthDate: t.birthDate,
      email: t.contactEmail,
      phoneHome: t.phoneHome,
      phoneMobile: t.phoneMobile,
      phoneWork: t.phoneWork,
      cafNumber: t.cafNumber,
      paperless: t.paperless,
    },
    dossiers: dossierRows.map(({ d, res }) => ({ id: d.id, number: d.number, addressLine: d.addressLine, postalCode: d.postalCode, city: d.city, directDebitDay: d.directDebitDay, balanceCents: d.balanceCents, residence: residenceOrNull(res) })),
    ledger: ledger.map((l) => ({ id: l.id, dossierId: l.dossierId, date: l.date, kind: l.kind, label: l.label, amountCents: l.amountCents, period: l.period })),
    documents: docs.map((d) => ({ id: d.id, dossierId: d.dossierId, kind: d.kind, period: d.period, title: d.title, sha256: d.sha256, issuedAt: d.issuedAt.toISOString() })),
    requests: reqs.map(requestRow),
    consents: consentRows.map(({ c }) => ({ kind: c.kind, version: c.version, acceptedAt: c.acceptedAt.toISOString() })),
    changeRequests: changes.map(changeRow),
    insurance: insurance.map(insuranceRow),
  };
}

// --- Blobs ------------------------------------------------------------------------------------

/** Whether a file is attached to something the scope may read (a request's photo, a certificate, a document). */
export async function staffMayReadBlob(db: Db, scope: StaffScope, sha256: string): Promise<boolean> {
  const photo = await db
    .select({ id: requests.id })
    .from(requests)
    .innerJoin(dossiers, eq(dossiers.id, requests.dossierId))
    .where(and(requestScope(scope), eq(requests.deleted, false), sql`${requests.photoSha256s} @> ${JSON.stringify([sha256])}::jsonb`))
    .limit(1);
  if (photo.length) return true;
  if (can(scope.role, 'changeRequests.decide')) {
    const [change] = await db.select({ id: changeRequests.id }).from(changeRequests).where(eq(changeRequests.attachmentSha256, sha256)).limit(1);
    if (change) return true;
  }
  if (can(scope.role, 'insurance.decide')) {
    const [certificate] = await db.select({ id: insuranceCertificates.id }).from(insuranceCertificates).where(eq(insuranceCertificates.attachmentSha256, sha256)).limit(1);
    if (certificate) return true;
  }
  if (can(scope.role, 'tenants.read')) {
    const [doc] = await db.select({ id: documents.id }).from(documents).where(and(eq(documents.sha256, sha256), eq(documents.deleted, false))).limit(1);
    if (doc) return true;
  }
  return false;
}


