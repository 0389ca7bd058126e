/**
 * GET /v1/sync?cursor=C: the tenant's changes since C, server authoritative.
 *
 * - Every synced row carries `version` (the tenant's counter at its last write) and `deleted`
 *   (a tombstone: `data` is null). Apply changes in order, then save `cursor` in the same local
 *   transaction. Repeat while `hasMore`.
 * - No cursor = a full sync (live rows only). A cursor older than the tombstone retention gets
 *   `{ reset: true }`: drop the local copy and sync again without cursor.
 * - The cursor is opaque: store it as received.
 */
import { z } from 'zod';
import { centsSchema, isoDateSchema, isoDateTimeSchema, sha256Schema, uuidSchema } from './common';

const nullableText = z.string().nullable();

export const profileDataSchema = z.object({
  reference: z.string(),
  civility: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: isoDateSchema,
  email: nullableText,
  phoneHome: nullableText,
  phoneMobile: nullableText,
  phoneWork: nullableText,
  /** Numéro d'allocataire CAF; null = "Non renseigné". */
  cafNumber: nullableText,
  paperless: z.boolean(),
  paperlessSince: isoDateTimeSchema.nullable(),
});

export const dossierDataSchema = z.object({
  number: z.string(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  /** "prélevé le 3 de chaque échéance"; null without direct debit. */
  directDebitDay: z.number().int().nullable(),
  /** Positive: the tenant owes ("débiteur"); negative or zero: "créditeur". */
  balanceCents: centsSchema,
});

export const contractDataSchema = z.object({
  dossierId: uuidSchema,
  kind: z.enum(['logement', 'stationnement', 'facturation']),
  label: z.string(),
  addressLine: z.string(),
  postalCode: z.string(),
  city: z.string(),
  startDate: isoDateSchema,
});

export const occupantDataSchema = z.object({
  dossierId: uuidSchema,
  civility: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: isoDateSchema,
  /** "enfant", "conjoint"...; empty for the signatory. */
  relationship: z.string(),
  signatory: z.boolean(),
});

export const ledgerEntryDataSchema = z.object({
  dossierId: uuidSchema,
  date: isoDateSchema,
  kind: z.enum(['rent', 'charges', 'apl', 'payment', 'adjustment']),
  label: z.string(),
  /** Positive = débit, negative = crédit. */
  amountCents: centsSchema,
  /** YYYY-MM the entry belongs to, when it is periodic. */
  period: nullableText,
  /**
   * Posting order (increasing, across the landlord's whole ledger): lines of one day read in the
   * order they were posted. 0 for a line a desktop cached before the server sent it (read back
   * through this schema); the server sends such lines again with their order.
   */
  postingOrder: z.number().int().nonnegative().default(0),
});

/** Bank details: masked only ("#####189"), tenants never receive the full IBAN. */
export const bankAccountDataSchema = z.object({
  dossierId: uuidSchema,
  bankName: z.string(),
  ibanMasked: z.string(),
  bicMasked: z.string(),
  holder: z.string(),
  mandateRum: nullableText,
  creditorId: nullableText,
});

export const insuranceDataSchema = z.object({
  dossierId: uuidSchema,
  insurer: z.string(),
  policyNumber: z.string(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema,
  attachmentSha256: sha256Schema,
  status: z.enum(['pending', 'accepted', 'refused']),
  createdAt: isoDateTimeSchema,
});

export const documentDataSchema = z.object({
  dossierId: uuidSchema,
  kind: z.enum(['quittance', 'avis_echeance', 'recu']),
  period: z.string(),
  title: z.string(),
  /** Fetch from /v1/blobs/{sha256}; verify the hash before keeping the file. */
  sha256: sha256Schema,
  size: z.number().int(),
  issuedAt: isoDateTimeSchema,
});

export const requestDataSchema = z.object({
  dossierId: uuidSchema,
  /** Shown as "Demande n° 1000013". */
  number: z.number().int(),
  kind: z.enum(['technical', 'administrative']),
  category: z.string(),
  subject: z.string(),
  description: z.string(),
  permissionToEnter: z.boolean().nullable(),
  photoSha256s: z.array(sha256Schema),
  status: z.enum(['open', 'in_progress', 'closed', 'cancelled']),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});

export const requestMessageDataSchema = z.object({
  requestId: uuidSchema,
  author: z.enum(['tenant', 'staff']),
  body: z.string(),
  createdAt: isoDateTimeSchema,
});

/** One step of a request's status history. */
export const requestEventDataSchema = z.object({
  requestId: uuidSchema,
  status: z.enum(['open', 'in_progress', 'closed', 'cancelled']),
  by: z.enum(['tenant', 'staff']),
  at: isoDateTimeSchema,
});

export const changeRequestDataSchema = z.object({
  dossierId: uuidSchema.nullable(),
  kind: z.enum(['personal_info', 'occupants', 'bank_details']),
  /** What was asked, as the tenant may see it again (bank details masked). */
  summary: z.record(z.string(), z.unknown()),
  attachmentSha256: sha256Schema.nullable(),
  status: z.enum(['pending', 'approved', 'refused']),
  staffComment: nullableText,
  createdAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.nullable(),
});

/** "Mes dernières actions". */
export const activityDataSchema = z.object({
  at: isoDateTimeSchema,
  kind: z.string(),
  label: z.string(),
  refId: uuidSchema.nullable(),
});

export const SYNC_ENTITIES = {
  profile: profileDataSchema,
  dossier: dossierDataSchema,
  contract: contractDataSchema,
  occupant: occupantDataSchema,
  ledgerEntry: ledgerEntryDataSchema,
  bankAccount: bankAccountDataSchema,
  insurance: insuranceDataSchema,
  document: documentDataSchema,
  request: requestDataSchema,
  requestMessage: requestMessageDataSchema,
  requestEvent: requestEventDataSchema,
  changeRequest: changeRequestDataSchema,
  activity: activityDataSchema,
} as const;
export type SyncEntity = keyof typeof SYNC_ENTITIES;
export const SYNC_ENTITY_NAMES = Object.keys(SYNC_ENTITIES) as SyncEntity[];

function changeOf<E extends SyncEntity>(entity: E) {
  return z.object({
    entity: z.literal(entity),
    id: uuidSchema,
    version: z.number().int(),
    deleted: z.boolean(),
    /** null for a tombstone. */
    data: SYNC_ENTITIES[entity].nullable(),
  });
}

export const syncChangeSchema = z.discriminatedUnion('entity', [
  changeOf('profile'),
  changeOf('dossier'),
  changeOf('contract'),
  changeOf('occupant'),
  changeOf('ledgerEntry'),
  changeOf('bankAccount'),
  changeOf('insurance'),
  changeOf('document'),
  changeOf('request'),
  changeOf('requestMessage'),
  changeOf('requestEvent'),
  changeOf('changeRequest'),
  changeOf('activity'),
]);
export type SyncChange = z.infer<typeof syncChangeSchema>;
export type SyncData<E extends SyncEntity> = z.infer<(typeof SYNC_ENTITIES)[E]>;

export const syncQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type SyncQuery = z.infer<typeof syncQuerySchema>;

export const syncPageSchema = z.object({
  changes: z.array(syncChangeSchema),
  cursor: z.string(),
  hasMore: z.boolean(),
});
export const syncResetSchema = z.object({ reset: z.literal(true) });
export const syncResponseSchema = z.union([syncPageSchema, syncResetSchema]);
export type SyncPage = z.infer<typeof syncPageSchema>;
export type SyncResponse = z.infer<typeof syncResponseSchema>;
