/**
 * PostgreSQL schema (drizzle pg-core), the same on PGlite and on PostgreSQL.
 * Synced tables carry `tenant_id`, `version` (the tenant's counter at the write) and `deleted`
 * (tombstone): see src/sync/feed.ts. Amounts are integer cents.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  bigserial,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const syncColumns = {
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  version: bigint('version', { mode: 'number' }).notNull(),
  deleted: boolean('deleted').notNull().default(false),
  updatedAt: ts('updated_at').notNull(),
};

/** Singleton row (id = 1): the landlord's white-label settings, validated by landlordSchema. */
export const landlordSettings = pgTable('landlord_settings', {
  id: integer('id').primaryKey(),
  data: jsonb('data').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey(),
    /** Numéro TG, printed on the rent notice. */
    reference: text('reference').notNull(),
    civility: text('civility').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    contactEmail: text('contact_email'),
    phoneHome: text('phone_home'),
    phoneMobile: text('phone_mobile'),
    phoneWork: text('phone_work'),
    cafNumber: text('caf_number'),
    paperless: boolean('paperless').notNull().default(false),
    paperlessSince: ts('paperless_since'),
    /** The tenant's sync counter: bumped (row-locked) by every write transaction. */
    syncVersion: bigint('sync_version', { mode: 'number' }).notNull().default(0),
    /** Cursors below this version are too old (tombstones purged): the client must reset. */
    minCursorVersion: bigint('min_cursor_version', { mode: 'number' }).notNull().default(0),
    /** Version of the profile row itself, in the sync feed. */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('tenants_reference_idx').on(t.reference)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('accounts_email_idx').on(t.email), uniqueIndex('accounts_tenant_idx').on(t.tenantId)],
);

export const consents = pgTable('consents', {
  id: uuid('id').primaryKey(),
  accountId: uuid('account_id')
    .notNull()
    .references(() => accounts.id),
  kind: text('kind', { enum: ['cgu', 'privacy', 'paperless'] }).notNull(),
  version: text('version').notNull(),
  acceptedAt: ts('accepted_at').notNull(),
});

/** One row per issued token pair; refresh rotation chains rows of the same family. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    familyId: uuid('family_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    deviceName: text('device_name').notNull(),
    accessHash: text('access_hash').notNull(),
    refreshHash: text('refresh_hash').notNull(),
    accessExpiresAt: ts('access_expires_at').notNull(),
    refreshExpiresAt: ts('refresh_expires_at').notNull(),
    /** Set when the refresh token was exchanged: presenting it again is a reuse. */
    rotatedAt: ts('rotated_at'),
    /** First use of this pair's access token; a pair never used may replace a lost answer. */
    usedAt: ts('used_at'),
    revokedAt: ts('revoked_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('sessions_access_idx').on(t.accessHash),
    uniqueIndex('sessions_refresh_idx').on(t.refreshHash),
    index('sessions_family_idx').on(t.familyId),
    index('sessions_account_idx').on(t.accountId),
  ],
);

/** Single-use links sent by mail (password reset, email change confirmation). */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    purpose: text('purpose', { enum: ['reset_password', 'confirm_email'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    payload: jsonb('payload'),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('one_time_tokens_hash_idx').on(t.tokenHash)],
);

/**
 * Attempt counters and quotas shared by every server instance (auth/throttle.ts). A fixed-window
 * counter: `count` uses since `window_started_at`. A sign-in lockout: `count` failures in a row,
 * `window_started_at` the last attempt, `blocked_until` the end of the current pause.
 * `expires_at`: when the row no longer matters (maintenance deletes it).
 */
export const throttleCounters = pgTable('throttle_counters', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowStartedAt: ts('window_started_at').notNull(),
  blockedUntil: ts('blocked_until'),
  expiresAt: ts('expires_at'),
});

export const idempotencyRecords = pgTable(
  'idempotency_records',
  {
    accountId: uuid('account_id').notNull(),
    key: uuid('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.key] })],
);

export const dossiers = pgTable(
  'dossiers',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    number: text('number').notNull(),
    addressLine: text('address_line').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    /** Day of the month of the direct debit, null when the tenant pays otherwise. */
    directDebitDay: integer('direct_debit_day'),
    /** Sum of the dossier's ledger (positive = the tenant owes), kept with every posting. */
    balanceCents: bigint('balance_cents', { mode: 'number' }).notNull().default(0),
    /** The building or group (its caretaker, on-call); null falls back to the landlord's contacts. */
    residenceId: uuid('residence_id').references((): AnyPgColumn => residences.id),
  },
  (t) => [uniqueIndex('dossiers_number_idx').on(t.number), index('dossiers_tenant_idx').on(t.tenantId, t.version), index('dossiers_residence_idx').on(t.residenceId)],
);

export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    kind: text('kind', { enum: ['logement', 'stationnement', 'facturation'] }).notNull(),
    label: text('label').notNull(),
    addressLine: text('address_line').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
  },
  (t) => [index('contracts_tenant_idx').on(t.tenantId, t.version), index('contracts_dossier_idx').on(t.dossierId)],
);

export const occupants = pgTable(
  'occupants',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    civility: text('civility').notNull(),
    lastName: text('last_name').notNull(),
    firstName: text('first_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    relationship: text('relationship').notNull(),
    signatory: boolean('signatory').notNull(),
  },
  (t) => [index('occupants_tenant_idx').on(t.tenantId, t.version), index('occupants_dossier_idx').on(t.dossierId)],
);

/**
 * Posting order of ledger lines, across every dossier: postLedgerEntries takes one value per line,
 * in the order of the call's array, so lines of one day read in the order they were posted (the
 * date alone does not tell rent, charges and a payment of the same day apart).
 */
export const ledgerPostingSeq = pgSequence('ledger_posting_seq');

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['rent', 'charges', 'apl', 'payment', 'adjustment'] }).notNull(),
    label: text('label').notNull(),
    /** Positive = débit (the tenant owes), negative = crédit. */
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    period: text('period'),
    /** From ledger_posting_seq (see above); synced as `postingOrder`. */
    postingSeq: bigint('posting_seq', { mode: 'number' })
      .notNull()
      .default(sql`nextval('ledger_posting_seq')`),
  },
  (t) => [index('ledger_tenant_idx').on(t.tenantId, t.version), index('ledger_dossier_idx').on(t.dossierId, t.date)],
);

export const bankAccounts = pgTable(
  'bank_accounts',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    bankName: text('bank_name').notNull(),
    /** AES-256-GCM ciphertext (src/crypto/data-key.ts); never sent to tenants. */
    ibanEncrypted: text('iban_encrypted').notNull(),
    bicEncrypted: text('bic_encrypted').notNull(),
    ibanMasked: text('iban_masked').notNull(),
    bicMasked: text('bic_masked').notNull(),
    holder: text('holder').notNull(),
    mandateRum: text('mandate_rum'),
    creditorId: text('creditor_id'),
  },
  // By dossier: the notice publisher and the ERP import read a dossier's current account (issue 17).
  (t) => [index('bank_tenant_idx').on(t.tenantId, t.version), index('bank_dossier_idx').on(t.dossierId, t.version)],
);

export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** A tenant's upload: who may see which blob (PUT /v1/uploads/{id}). */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('uploads_tenant_idx').on(t.tenantId, t.sha256)],
);

export const insuranceCertificates = pgTable(
  'insurance_certificates',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    insurer: text('insurer').notNull(),
    policyNumber: text('policy_number').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    attachmentSha256: text('attachment_sha256').notNull(),
    status: text('status', { enum: ['pending', 'accepted', 'refused'] }).notNull(),
    createdAt: ts('created_at').notNull(),
    /** Staff's reason when refused (shown to the tenant). */
    staffComment: text('staff_comment'),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('insurance_tenant_idx').on(t.tenantId, t.version), index('insurance_status_idx').on(t.status, t.createdAt)],
);

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    kind: text('kind', { enum: ['quittance', 'avis_echeance', 'recu'] }).notNull(),
    /** YYYY-MM */
    period: text('period').notNull(),
    title: text('title').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    size: integer('size').notNull(),
    issuedAt: ts('issued_at').notNull(),
    /** What the document says in euros (the reçu's or quittance's sum received, the notice's total to pay); null when not known (older rows, an imported PDF without it). */
    amountCents: bigint('amount_cents', { mode: 'number' }),
  },
  // By dossier and period: publishing and settlement look up a period's live documents (issue 17).
  (t) => [index('documents_tenant_idx').on(t.tenantId, t.version), index('documents_dossier_period_idx').on(t.dossierId, t.period)],
);

export const requestNumberSeq = pgSequence('request_number_seq', { startWith: 1000000 });

export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** Shown as "Demande n° 1000013". */
    number: bigint('number', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: ['technical', 'administrative'] }).notNull(),
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    permissionToEnter: boolean('permission_to_enter'),
    photoSha256s: jsonb('photo_sha256s').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status', { enum: ['open', 'in_progress', 'closed', 'cancelled'] }).notNull(),
    createdAt: ts('created_at').notNull(),
    /** The planned intervention, set by staff. */
    plannedDate: date('planned_date', { mode: 'string' }),
  },
  (t) => [
    index('requests_tenant_idx').on(t.tenantId, t.version),
    uniqueIndex('requests_number_idx').on(t.number),
    // The staff queues: oldest first within a status, by kind, per dossier (residence filter).
    index('requests_queue_idx').on(t.status, t.createdAt),
    index('requests_kind_queue_idx').on(t.kind, t.status, t.createdAt),
    index('requests_dossier_idx').on(t.dossierId),
  ],
);

export const requestMessages = pgTable(
  'request_messages',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    author: text('author', { enum: ['tenant', 'staff'] }).notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
    /** The staff member's name shown to the tenant ("M. Petit, gardien"); null for the tenant or the office. */
    authorName: text('author_name'),
  },
  (t) => [index('request_messages_tenant_idx').on(t.tenantId, t.version), index('request_messages_request_idx').on(t.requestId)],
);

/** A request's status history ("Mes demandes": détail), with staff's note when there is one. */
export const requestEvents = pgTable(
  'request_events',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    status: text('status', { enum: ['open', 'in_progress', 'closed', 'cancelled'] }).notNull(),
    by: text('by', { enum: ['tenant', 'staff'] }).notNull(),
    at: ts('at').notNull(),
  },
  (t) => [index('request_events_tenant_idx').on(t.tenantId, t.version)],
);

export const changeRequests = pgTable(
  'change_requests',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    dossierId: uuid('dossier_id').references(() => dossiers.id),
    kind: text('kind', { enum: ['personal_info', 'occupants', 'bank_details'] }).notNull(),
    /** What the tenant may see again (bank details masked). */
    summary: jsonb('summary').notNull(),
    /** Full proposed values; for bank details, encrypted fields only. */
    payload: jsonb('payload').notNull(),
    attachmentSha256: text('attachment_sha256'),
    status: text('status', { enum: ['pending', 'approved', 'refused'] }).notNull(),
    staffComment: text('staff_comment'),
    createdAt: ts('created_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('change_requests_tenant_idx').on(t.tenantId, t.version), index('change_requests_queue_idx').on(t.status, t.createdAt)],
);

/** "Mes dernières actions". */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    at: ts('at').notNull(),
    kind: text('kind').notNull(),
    label: text('label').notNull(),
    refId: uuid('ref_id'),
  },
  (t) => [index('activities_tenant_idx').on(t.tenantId, t.version)],
);

/**
 * Online card payments (Lyra "formulaire" protocol, see src/payment/). A row is created with the
 * signed form; only the bank's signed notification (IPN) moves it to a final status. Not synced:
 * the desktop asks GET /v1/payments/{id}; the effects (ledger, activity, document) sync.
 */
export const payments = pgTable(
  'payments',
  {
    /** The Idempotency-Key of POST /v1/payments; also vads_order_id. */
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    /** ISO 4217 numeric, "978" = EUR. */
    currency: text('currency').notNull(),
    siteId: text('site_id').notNull(),
    ctxMode: text('ctx_mode', { enum: ['TEST', 'PRODUCTION'] }).notNull(),
    /** vads_trans_id: 6 digits, unique per shop and UTC day (trans_day). */
    transId: text('trans_id').notNull(),
    /** vads_trans_date, UTC yyyyMMddHHmmss. */
    transDate: text('trans_date').notNull(),
    transDay: text('trans_day').notNull(),
    status: text('status', { enum: ['created', 'pending', 'accepted', 'refused', 'cancelled'] }).notNull(),
    /** vads_trans_status of the last notification applied. */
    pspStatus: text('psp_status'),
    /** vads_trans_uuid of the transaction the bank notified. */
    pspTransUuid: text('psp_trans_uuid'),
    ledgerEntryId: uuid('ledger_entry_id'),
    documentId: uuid('document_id'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    decidedAt: ts('decided_at'),
  },
  (t) => [uniqueIndex('payments_trans_idx').on(t.siteId, t.transDay, t.transId), index('payments_tenant_idx').on(t.tenantId, t.createdAt)],
);

/** vads_trans_id counter per shop and UTC day (Lyra: unique over the day, 000000-899999). */
export const paymentTransCounters = pgTable(
  'payment_trans_counters',
  {
    siteId: text('site_id').notNull(),
    day: text('day').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.siteId, t.day] })],
);

/** Every signed IPN applied, once per (vads_trans_uuid, vads_trans_status): the audit trail and the replay guard. */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    id: uuid('id').primaryKey(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id),
    transUuid: text('trans_uuid').notNull(),
    transStatus: text('trans_status').notNull(),
    /** The vads_* fields received (no card data beyond the masked number the bank sends). */
    fields: jsonb('fields').notNull(),
    receivedAt: ts('received_at').notNull(),
  },
  (t) => [uniqueIndex('payment_notifications_uuid_status_idx').on(t.transUuid, t.transStatus)],
);

/**
 * import-ledger's record of the file lines it posted (issue 17), one per line's stable key
 * (admin/ledger-import.ts): a re-run of the same file, or a run stopped half-way and started
 * again, claims each key first and posts only the lines whose key was free. No foreign key to the
 * entry: the key is claimed before the entry is written, in the same transaction.
 */
export const ledgerImportKeys = pgTable('ledger_import_keys', {
  key: text('key').primaryKey(),
  ledgerEntryId: uuid('ledger_entry_id').notNull(),
  importedAt: ts('imported_at').notNull(),
});

/**
 * The SHA-256 of what a published document was rendered from (documents/publish.ts, issue 17):
 * a resumed or repeated publishing run, or a ledger import run again, compares the new input's
 * hash with it and skips an unchanged avis, quittance or reçu without rendering it again.
 * Documents issued before it (or by the demo data) have no row: they are compared by re-rendering.
 */
export const documentInputs = pgTable('document_inputs', {
  documentId: uuid('document_id')
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  inputSha256: text('input_sha256').notNull(),
});

// --- The staff side (issue 19): residences, staff accounts, their sessions and the audit log ---

/** A building or group of the landlord, with its caretaker and on-call arrangement (French texts). */
export const residences = pgTable('residences', {
  id: uuid('id').primaryKey(),
  /** The ERP's reference. */
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  addressLine: text('address_line').notNull(),
  postalCode: text('postal_code').notNull(),
  city: text('city').notNull(),
  caretakerName: text('caretaker_name').notNull(),
  caretakerPhone: text('caretaker_phone').notNull(),
  caretakerHours: text('caretaker_hours').notNull(),
  lodgeAddress: text('lodge_address').notNull(),
  onCallPhone: text('on_call_phone').notNull().default(''),
  onCallHours: text('on_call_hours').notNull().default(''),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const staffAccounts = pgTable('staff_accounts', {
  id: uuid('id').primaryKey(),
  /** Lower-cased. */
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['caretaker', 'adviser', 'accounting', 'administrator'] }).notNull(),
  /** argon2id; null until the account is activated. */
  passwordHash: text('password_hash'),
  /** The TOTP secret, AES-GCM through the server's data cipher; null until activated. */
  totpSecretEncrypted: text('totp_secret_encrypted'),
  /** The last TOTP time step accepted: a code of this step or an earlier one is refused (never twice). */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  activatedAt: ts('activated_at'),
  disabledAt: ts('disabled_at'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** A caretaker's residences. */
export const staffResidences = pgTable(
  'staff_residences',
  {
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    residenceId: uuid('residence_id')
      .notNull()
      .references(() => residences.id),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.residenceId] }), index('staff_residences_residence_idx').on(t.residenceId)],
);

export const staffSessions = pgTable(
  'staff_sessions',
  {
    id: uuid('id').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    /** sha256 of the opaque bearer token. */
    tokenHash: text('token_hash').notNull(),
    createdAt: ts('created_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    idleExpiresAt: ts('idle_expires_at').notNull(),
    absoluteExpiresAt: ts('absolute_expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('staff_sessions_token_idx').on(t.tokenHash), index('staff_sessions_staff_idx').on(t.staffId)],
);

/**
 * Staff's single-use secrets: the activation link (72 h, `payload` holds the TOTP secret being
 * set up, encrypted) and the sign-in challenge between the password and the TOTP code (5 min).
 */
export const staffTokens = pgTable(
  'staff_tokens',
  {
    id: uuid('id').primaryKey(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    purpose: text('purpose', { enum: ['activation', 'challenge'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    payload: jsonb('payload'),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('staff_tokens_hash_idx').on(t.tokenHash), index('staff_tokens_staff_idx').on(t.staffId)],
);

/**
 * Every staff write: who, what, when, before/after. Append-only: a trigger (migration
 * 0009_staff_residences) refuses UPDATE, DELETE and TRUNCATE. Written only by recordAudit (staff/audit.ts),
 * in the transaction of the change it records. `staff_id` null: the admin CLI or API key.
 */
export const staffAuditLog = pgTable(
  'staff_audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull(),
    staffId: uuid('staff_id').references(() => staffAccounts.id),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [index('staff_audit_staff_idx').on(t.staffId, t.id), index('staff_audit_action_idx').on(t.action, t.id), index('staff_audit_target_idx').on(t.targetId, t.id)],
);

/** The month's notice runs started from the console, with their progress (any instance answers). */
export const staffNoticeRuns = pgTable('staff_notice_runs', {
  id: uuid('id').primaryKey(),
  period: text('period').notNull(),
  status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
  done: integer('done').notNull().default(0),
  total: integer('total').notNull().default(0),
  summary: jsonb('summary').notNull(),
  error: text('error'),
  startedBy: uuid('started_by').references(() => staffAccounts.id),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at'),
});

/**
 * What the tenant is told about (issue 20, src/notifications/): one row per (tenant, kind, subject),
 * so a fact is notified once however often its writer or the reminders job runs. `subject` is what
 * makes it one fact (a message id, a certificate and its end date, a debit's date); `ref_id` is
 * what the entry opens. The mail goes after the commit (`mail_state`), never inside the fact's
 * transaction; it is not synced.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    params: jsonb('params').$type<Record<string, string | number | null>>().notNull(),
    refId: uuid('ref_id'),
    at: ts('at').notNull(),
    mailState: text('mail_state', { enum: ['pending', 'sent', 'skipped', 'failed'] }).notNull().default('pending'),
  },
  (t) => [
    uniqueIndex('notifications_subject_idx').on(t.tenantId, t.kind, t.subject),
    index('notifications_tenant_idx').on(t.tenantId, t.version),
    index('notifications_mail_idx').on(t.mailState),
  ],
);

/** The tenant's channel per notification kind (absent kinds take their default): one row per tenant, id = tenant id. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    id: uuid('id').primaryKey(),
    ...syncColumns,
    channels: jsonb('channels').$type<Record<string, string>>().notNull(),
  },
  (t) => [index('notification_preferences_tenant_idx').on(t.tenantId, t.version)],
);
