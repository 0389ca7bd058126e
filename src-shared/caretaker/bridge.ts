/**
 * The caretaker's space (caretaker.*, issue 19): a caretaker signs in at the lodge PC with their
 * staff account (email, password, then the authenticator's code), sees their residences'
 * technical requests, replies, changes the status and plans a date. The staff token stays in
 * main (src-main/caretaker); replies and status changes typed offline wait in the caretaker's own
 * queue, and the last list read is shown offline, marked as such.
 */
import { z } from 'zod';
import { emailSchema } from '../api/common';
import { staffRequestStatusSchema, staffRoleSchema } from '../api/staff';
import { REQUEST_TEXT_MAX_CHARS } from '../limits';
import { type AreaProcedures, empty, procedure } from '../procedure';
import { frenchDateSchema, requiredTextSchema } from '../validation/schemas';
import { isoDate, isoDateTime } from '../view-parts';

export const caretakerResidenceSchema = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const caretakerStateSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('signedOut'),
    /** 'expired': the server ended the staff session (30 min idle, 10 h at most); the queue waits for the same caretaker. */
    reason: z.enum(['expired', 'signedOut']).optional(),
  }),
  /** The password was right: the authenticator's code is asked for. */
  z.object({ state: z.literal('codeNeeded'), email: z.string() }),
  z.object({
    state: z.literal('signedIn'),
    staff: z.object({ displayName: z.string(), email: z.string(), role: staffRoleSchema, residences: z.array(caretakerResidenceSchema) }),
    /** Replies and status changes not sent yet. */
    pending: z.number().int().nonnegative(),
  }),
]);
export type CaretakerState = z.infer<typeof caretakerStateSchema>;

/** Where the shown data comes from: read just now, or the last copy read (offline). */
const sourceSchema = z.object({ offline: z.boolean(), readAt: isoDateTime.nullable() });

export const caretakerRequestRowSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  category: z.string(),
  subject: z.string(),
  status: staffRequestStatusSchema,
  tenantName: z.string(),
  dossierNumber: z.string(),
  residence: caretakerResidenceSchema.nullable(),
  plannedDate: isoDate.nullable(),
  createdAt: isoDateTime,
  /** A reply or status change for it waits in the queue. */
  pending: z.boolean(),
});
export type CaretakerRequestRow = z.infer<typeof caretakerRequestRowSchema>;

export const caretakerListSchema = sourceSchema.extend({ items: z.array(caretakerRequestRowSchema), total: z.number().int() });
export type CaretakerList = z.infer<typeof caretakerListSchema>;

export const caretakerFiltersSchema = z
  .object({
    status: staffRequestStatusSchema.optional(),
    residenceId: z.string().uuid().optional(),
    category: z.string().trim().min(1).max(50).optional(),
    q: z.string().trim().max(100).optional(),
  })
  .strict();
export type CaretakerFilters = z.infer<typeof caretakerFiltersSchema>;

/** `refused`: the server's error code when it refused it (the request was closed meanwhile, say); it stays until sign-out. */
const queuedSchema = z.object({ id: z.string(), createdAt: isoDateTime, refused: z.string().nullable() });

export const caretakerRequestSchema = sourceSchema.extend({
  request: caretakerRequestRowSchema.extend({
    description: z.string(),
    permissionToEnter: z.boolean().nullable(),
    availability: z.string().nullable(),
    photoSha256s: z.array(z.string()),
    tenant: z.object({ name: z.string(), phoneHome: z.string().nullable(), phoneMobile: z.string().nullable(), phoneWork: z.string().nullable() }),
    dossier: z.object({ number: z.string(), addressLine: z.string(), postalCode: z.string(), city: z.string() }),
    messages: z.array(z.object({ id: z.string(), author: z.enum(['tenant', 'staff']), authorName: z.string().nullable(), body: z.string(), createdAt: isoDateTime })),
  }),
  /** What this caretaker typed that has not reached the server yet (shown under the thread). */
  queuedReplies: z.array(queuedSchema.extend({ body: z.string() })),
  queuedStatus: queuedSchema.extend({ status: staffRequestStatusSchema, plannedDate: isoDate.nullable() }).nullable(),
});
export type CaretakerRequest = z.infer<typeof caretakerRequestSchema>;

export const caretakerSignInInputSchema = z
  .object({
    email: z.string({ error: 'fields.required' }).trim().min(1, 'fields.required').pipe(emailSchema),
    password: z.string({ error: 'fields.required' }).min(1, 'fields.required').max(200, 'fields.tooLong'),
  })
  .strict();

export const caretakerCodeInputSchema = z
  .object({ code: z.string({ error: 'fields.required' }).transform((code) => code.replace(/\s+/g, '')).pipe(z.string().regex(/^\d{6}$/, 'fields.invalid')) })
  .strict();

export const caretakerReplyInputSchema = z.object({ requestId: z.string().uuid(), body: requiredTextSchema(REQUEST_TEXT_MAX_CHARS) }).strict();

export const caretakerStatusInputSchema = z
  .object({
    requestId: z.string().uuid(),
    status: staffRequestStatusSchema,
    /** jj/mm/aaaa, or empty for none. */
    plannedDate: z.union([z.literal(''), frenchDateSchema]).transform((value) => (value === '' ? null : value)),
  })
  .strict();

/** A write of the caretaker's: sent at once when online, else queued ('pending'). */
export const caretakerWriteSchema = z.object({ id: z.string(), delivery: z.enum(['synced', 'pending']) });

export const caretakerProcedures = {
  'caretaker.state': procedure(empty, caretakerStateSchema),
  // INVALID_CREDENTIALS whatever was wrong (no enumeration); THROTTLED with its wait.
  'caretaker.signIn': procedure(caretakerSignInInputSchema, caretakerStateSchema),
  'caretaker.verifyCode': procedure(caretakerCodeInputSchema, caretakerStateSchema),
  // UNSENT_ITEMS while replies wait, unless discardUnsent.
  'caretaker.signOut': procedure(z.object({ discardUnsent: z.boolean() }).strict(), caretakerStateSchema),
  'caretaker.list': procedure(caretakerFiltersSchema, caretakerListSchema),
  'caretaker.get': procedure(z.object({ requestId: z.string().uuid() }).strict(), caretakerRequestSchema),
  // A request's photo, as a data URL (the token never reaches the page).
  'caretaker.photo': procedure(z.object({ requestId: z.string().uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), z.object({ dataUrl: z.string() })),
  'caretaker.reply': procedure(caretakerReplyInputSchema, caretakerWriteSchema),
  'caretaker.setStatus': procedure(caretakerStatusInputSchema, caretakerWriteSchema),
} as const satisfies AreaProcedures;
