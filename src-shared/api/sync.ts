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
import { isoDateTimeSchema, nullableText, sha256Schema, uuidSchema } from './common';
import { profileDataSchema, dossierDataSchema } from '../dossier/api';
import { contractDataSchema, occupantDataSchema } from '../contract/api';
import { ledgerEntryDataSchema, bankAccountDataSchema } from '../balance/api';
import { insuranceDataSchema } from '../insurance/api';
import { documentDataSchema } from '../documents/api';
import { requestDataSchema, requestMessageDataSchema, requestEventDataSchema } from '../requests/api';
import { activityDataSchema } from '../home/api';
import { notificationDataSchema, notificationPreferencesDataSchema } from '../notifications/api';
import { residenceDataSchema } from '../contact/api';

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
  notification: notificationDataSchema,
  notificationPreferences: notificationPreferencesDataSchema,
  residence: residenceDataSchema,
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
  changeOf('notification'),
  changeOf('notificationPreferences'),
  changeOf('residence'),
]);
export type SyncChange = z.infer<typeof syncChangeSchema>;
export type SyncData<E extends SyncEntity> = z.infer<(typeof SYNC_ENTITIES)[E]>;

/** The largest page a client may ask for (`limit`); the server's default is smaller. */
export const SYNC_PAGE_LIMIT_MAX = 1000;

export const syncQuerySchema = z.object({
  /** Opaque, as the server gave it: base64url characters only. */
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]*$/, 'Curseur de synchronisation invalide').optional(),
  limit: z.coerce.number().int().min(1).max(SYNC_PAGE_LIMIT_MAX).optional(),
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
