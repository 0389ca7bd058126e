/**
 * The staff side (issue 19): routes under /v1/staff, authenticated by a staff session token
 * (`Authorization: Bearer <token>`, never a tenant's). Used by the staff console (server/console)
 * and by the caretaker's space in the desktop app. See /docs/STAFF.md for the roles.
 *
 * Lists page by STAFF_PAGE_SIZE (`page` from 1) and answer `{ items, total, page, pageSize }`;
 * errors are the documented error shape (errorResponseSchema).
 */
import { z } from 'zod';
import { emailSchema, isoDateSchema, isoDateTimeSchema, sha256Schema, text, uuidSchema } from './common';
import { passwordSchema } from './auth';
import { landlordSchema } from './landlord';
import { TECHNICAL_CATEGORIES } from '../requests/api';

export const STAFF_ROLES = ['caretaker', 'adviser', 'accounting', 'administrator'] as const;
export const staffRoleSchema = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** Lists answer 50 rows a page. */
export const STAFF_PAGE_SIZE = 50;

const pageQuery = z.coerce.number().int().min(1).max(100_000).default(1);
/** A page of a list: `{ items, total, page, pageSize }`. */
export function staffPageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int().min(0), page: z.number().int().min(1), pageSize: z.number().int().min(1) });
}

const optionalComment = z.string().trim().max(2000).optional();

// --- Residences -------------------------------------------------------------------------------

export const residenceRefSchema = z.object({ id: uuidSchema, code: z.string(), name: z.string() });
export type ResidenceRef = z.infer<typeof residenceRefSchema>;

/** A residence as staff write it (landlord-written French texts). */
export const residenceBodySchema = z.object({
  /** The ERP's reference of the building or group. */
  code: text(40),
  name: text(200),
  addressLine: text(200),
  postalCode: text(10),
  city: text(100),
  caretakerName: text(100),
  caretakerPhone: text(30),
  caretakerHours: text(200),
  lodgeAddress: text(200),
  onCallPhone: z.string().trim().max(30).default(''),
  onCallHours: z.string().trim().max(200).default(''),
});
export type ResidenceBody = z.input<typeof residenceBodySchema>;
export const residenceSchema = residenceBodySchema.extend({
  id: uuidSchema,
  onCallPhone: z.string(),
  onCallHours: z.string(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type Residence = z.infer<typeof residenceSchema>;
export const staffResidencesResponseSchema = z.object({ items: z.array(residenceSchema) });

// --- Authentication ---------------------------------------------------------------------------

export const staffMeSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  /** A caretaker's residences; every residence for the other roles' scope is implied (empty here). */
  residences: z.array(residenceRefSchema),
});
export type StaffMe = z.infer<typeof staffMeSchema>;

const tokenText = z.string().min(1, 'Champ obligatoire').max(200);
/** Six digits from the authenticator app (spaces allowed, as apps show "123 456"). */
export const totpCodeSchema = z
  .string()
  .transform((code) => code.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Code à 6 chiffres attendu'));

export const staffActivationQuerySchema = z.object({ token: tokenText });
export const staffActivationResponseSchema = z.object({
  email: z.string(),
  displayName: z.string(),
  /** `otpauth://totp/…` for the authenticator app. */
  otpauthUri: z.string(),
  /** The same secret as base32 text, to type in by hand. */
  secretBase32: z.string(),
  /** The otpauth URI as a QR code, `data:image/svg+xml;base64,…`. */
  qrSvgDataUrl: z.string(),
});
export type StaffActivation = z.infer<typeof staffActivationResponseSchema>;
export const staffActivateBodySchema = z.object({ token: tokenText, password: passwordSchema, code: totpCodeSchema });
export type StaffActivateBody = z.input<typeof staffActivateBodySchema>;

export const staffSignInBodySchema = z.object({ email: emailSchema, password: passwordSchema });
export type StaffSignInBody = z.infer<typeof staffSignInBodySchema>;
export const staffSignInResponseSchema = z.object({ challenge: z.string() });
export const staffTotpBodySchema = z.object({ challenge: tokenText, code: totpCodeSchema });
export type StaffTotpBody = z.input<typeof staffTotpBodySchema>;
export const staffSessionResponseSchema = z.object({ token: z.string(), idleExpiresAt: isoDateTimeSchema, staff: staffMeSchema });
export type StaffSession = z.infer<typeof staffSessionResponseSchema>;

/** Every /v1/staff route but activation and sign-in: the staff session token. */
export const staffHeadersSchema = z.looseObject({ authorization: z.string().min(1, 'Champ obligatoire') });

// --- Requests ---------------------------------------------------------------------------------

export const staffRequestStatusSchema = z.enum(['open', 'in_progress', 'closed', 'cancelled']);
export const staffRequestKindSchema = z.enum(['technical', 'administrative']);

export const staffRequestsQuerySchema = z.object({
  status: staffRequestStatusSchema.optional(),
  residenceId: uuidSchema.optional(),
  kind: staffRequestKindSchema.optional(),
  /** A technical category, or an administrative request's service id. */
  category: z.string().trim().min(1).max(50).optional(),
  /** Only requests at least this many days old. */
  minAgeDays: z.coerce.number().int().min(0).max(36_500).optional(),
  /** Request number, subject, tenant's name or dossier number. */
  q: z.string().trim().min(1).max(100).optional(),
  page: pageQuery,
});
export type StaffRequestsQuery = z.input<typeof staffRequestsQuerySchema>;

export const staffRequestRowSchema = z.object({
  id: uuidSchema,
  number: z.number().int(),
  kind: staffRequestKindSchema,
  category: z.string(),
  subject: z.string(),
  status: staffRequestStatusSchema,
  tenantId: uuidSchema,
  /** "Mme DUPONT MARTINE" */
  tenantName: z.string(),
  dossierNumber: z.string(),
  residence: residenceRefSchema.nullable(),
  plannedDate: isoDateSchema.nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type StaffRequestRow = z.infer<typeof staffRequestRowSchema>;
export const staffRequestsResponseSchema = staffPageSchema(staffRequestRowSchema);

export const staffRequestDetailSchema = staffRequestRowSchema.extend({
  description: z.string(),
  permissionToEnter: z.boolean().nullable(),
  /** The tenant's availability for an intervention, as they wrote it (null: not given). */
  availability: z.string().nullable(),
  photoSha256s: z.array(sha256Schema),
  tenant: z.object({
    id: uuidSchema,
    reference: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phoneHome: z.string().nullable(),
    phoneMobile: z.string().nullable(),
    phoneWork: z.string().nullable(),
  }),
  dossier: z.object({ id: uuidSchema, number: z.string(), addressLine: z.string(), postalCode: z.string(), city: z.string() }),
  messages: z.array(z.object({ id: uuidSchema, author: z.enum(['tenant', 'staff']), authorName: z.string().nullable(), body: z.string(), createdAt: isoDateTimeSchema })),
  events: z.array(z.object({ id: uuidSchema, status: staffRequestStatusSchema, by: z.enum(['tenant', 'staff']), at: isoDateTimeSchema })),
});
export type StaffRequestDetail = z.infer<typeof staffRequestDetailSchema>;

export const staffRequestReplyBodySchema = z.object({
  body: text(4000),
  /**
   * Optional: the reply's id chosen by the client (the caretaker's offline queue). Sending the
   * same id again answers the first reply's result instead of writing it twice.
   */
  clientMessageId: uuidSchema.optional(),
});
export type StaffRequestReplyBody = z.infer<typeof staffRequestReplyBodySchema>;
export const staffRequestStatusBodySchema = z.object({
  status: staffRequestStatusSchema,
  /** The planned intervention (null clears it). */
  plannedDate: isoDateSchema.nullable().optional(),
  /** Sent to the tenant as a staff message with the change. */
  comment: z.string().trim().min(1).max(4000).optional(),
});
export type StaffRequestStatusBody = z.infer<typeof staffRequestStatusBodySchema>;

export const staffBlobParamsSchema = z.object({ sha256: sha256Schema });

// --- Change requests --------------------------------------------------------------------------

export const staffChangeRequestStatusSchema = z.enum(['pending', 'approved', 'refused']);
export const staffChangeRequestKindSchema = z.enum(['personal_info', 'occupants', 'bank_details']);
export const staffChangeRequestsQuerySchema = z.object({ status: staffChangeRequestStatusSchema.optional(), kind: staffChangeRequestKindSchema.optional(), page: pageQuery });
export type StaffChangeRequestsQuery = z.input<typeof staffChangeRequestsQuerySchema>;
export const staffChangeRequestRowSchema = z.object({
  id: uuidSchema,
  kind: staffChangeRequestKindSchema,
  status: staffChangeRequestStatusSchema,
  tenantId: uuidSchema,
  tenantName: z.string(),
  dossierNumber: z.string().nullable(),
  residence: residenceRefSchema.nullable(),
  createdAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.nullable(),
});
export const staffChangeRequestsResponseSchema = staffPageSchema(staffChangeRequestRowSchema);
export const staffChangeRequestDetailSchema = staffChangeRequestRowSchema.extend({
  /** What was asked (bank details unmasked for staff: they check them against the RIB). */
  summary: z.record(z.string(), z.unknown()),
  /** What the tenant's file says today, the same fields as `summary`. */
  current: z.record(z.string(), z.unknown()),
  attachmentSha256: sha256Schema.nullable(),
  staffComment: z.string().nullable(),
});
export type StaffChangeRequestDetail = z.infer<typeof staffChangeRequestDetailSchema>;
export const staffChangeDecisionBodySchema = z
  .object({ decision: z.enum(['approve', 'refuse']), comment: optionalComment })
  .refine((v) => v.decision !== 'refuse' || !!v.comment, { message: 'Indiquez le motif du refus', path: ['comment'], params: { key: 'fields.required' } });
export type StaffChangeDecisionBody = z.infer<typeof staffChangeDecisionBodySchema>;

// --- Insurance --------------------------------------------------------------------------------

export const staffInsuranceStatusSchema = z.enum(['pending', 'accepted', 'refused']);
export const staffInsurancesQuerySchema = z.object({ status: staffInsuranceStatusSchema.optional(), page: pageQuery });
export type StaffInsurancesQuery = z.input<typeof staffInsurancesQuerySchema>;
export const staffInsuranceRowSchema = z.object({
  id: uuidSchema,
  status: staffInsuranceStatusSchema,
  tenantId: uuidSchema,
  tenantName: z.string(),
  dossierId: uuidSchema,
  dossierNumber: z.string(),
  residence: residenceRefSchema.nullable(),
  insurer: z.string(),
  policyNumber: z.string(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema,
  attachmentSha256: sha256Schema,
  staffComment: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.nullable(),
});
export const staffInsurancesResponseSchema = staffPageSchema(staffInsuranceRowSchema);
export const staffInsuranceDecisionBodySchema = z
  .object({ decision: z.enum(['accept', 'refuse']), reason: optionalComment })
  .refine((v) => v.decision !== 'refuse' || !!v.reason, { message: 'Indiquez le motif du refus', path: ['reason'], params: { key: 'fields.required' } });
export type StaffInsuranceDecisionBody = z.infer<typeof staffInsuranceDecisionBodySchema>;

// --- Tenants ----------------------------------------------------------------------------------

export const staffTenantsQuerySchema = z.object({ q: z.string().trim().min(1).max(100).optional(), residenceId: uuidSchema.optional(), page: pageQuery });
export type StaffTenantsQuery = z.input<typeof staffTenantsQuerySchema>;
export const staffTenantRowSchema = z.object({
  id: uuidSchema,
  reference: z.string(),
  name: z.string(),
  dossierNumber: z.string().nullable(),
  residence: residenceRefSchema.nullable(),
  balanceCents: z.number().int(),
});
export const staffTenantsResponseSchema = staffPageSchema(staffTenantRowSchema);
export const staffTenantDetailSchema = z.object({
  profile: z.object({
    id: uuidSchema,
    reference: z.string(),
    civility: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    birthDate: isoDateSchema,
    email: z.string().nullable(),
    phoneHome: z.string().nullable(),
    phoneMobile: z.string().nullable(),
    phoneWork: z.string().nullable(),
    cafNumber: z.string().nullable(),
    paperless: z.boolean(),
  }),
  dossiers: z.array(
    z.object({
      id: uuidSchema,
      number: z.string(),
      addressLine: z.string(),
      postalCode: z.string(),
      city: z.string(),
      directDebitDay: z.number().int().nullable(),
      balanceCents: z.number().int(),
      residence: residenceRefSchema.nullable(),
    }),
  ),
  ledger: z.array(z.object({ id: uuidSchema, dossierId: uuidSchema, date: isoDateSchema, kind: z.string(), label: z.string(), amountCents: z.number().int(), period: z.string().nullable() })),
  documents: z.array(z.object({ id: uuidSchema, dossierId: uuidSchema, kind: z.string(), period: z.string(), title: z.string(), sha256: sha256Schema, issuedAt: isoDateTimeSchema })),
  requests: z.array(staffRequestRowSchema),
  consents: z.array(z.object({ kind: z.string(), version: z.string(), acceptedAt: isoDateTimeSchema })),
  changeRequests: z.array(staffChangeRequestRowSchema),
  insurance: z.array(staffInsuranceRowSchema),
});
export type StaffTenantDetail = z.infer<typeof staffTenantDetailSchema>;

// --- Notice runs ------------------------------------------------------------------------------

export const staffNoticeRunBodySchema = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Période attendue au format aaaa-mm') });
export const staffNoticeRunCreatedSchema = z.object({ id: uuidSchema });
export const staffNoticeRunSchema = z.object({
  id: uuidSchema,
  period: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  /** Dossiers processed so far, out of the live dossiers when the run started. */
  done: z.number().int(),
  total: z.number().int(),
  summary: z.object({
    published: z.number().int(),
    unchanged: z.number().int(),
    superseded: z.number().int(),
    skipped: z.number().int(),
    refused: z.number().int(),
  }),
  startedAt: isoDateTimeSchema,
  finishedAt: isoDateTimeSchema.nullable(),
  /** Why a failed run stopped (French). */
  error: z.string().nullable(),
});
export type StaffNoticeRun = z.infer<typeof staffNoticeRunSchema>;

// --- Landlord settings ------------------------------------------------------------------------

export const staffLandlordSchema = landlordSchema;

// --- Staff accounts ---------------------------------------------------------------------------

export const staffAccountSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  displayName: z.string(),
  role: staffRoleSchema,
  residences: z.array(residenceRefSchema),
  activatedAt: isoDateTimeSchema.nullable(),
  disabledAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;
export const staffAccountsResponseSchema = z.object({ items: z.array(staffAccountSchema) });
export const staffAccountCreateBodySchema = z.object({
  email: emailSchema,
  displayName: text(100),
  role: staffRoleSchema,
  residenceIds: z.array(uuidSchema).max(500).default([]),
});
export type StaffAccountCreateBody = z.input<typeof staffAccountCreateBodySchema>;
/** The new account and its one-time activation link (72 h), shown to the administrator. */
export const staffAccountCreatedSchema = z.object({ account: staffAccountSchema, activationUrl: z.string(), activationExpiresAt: isoDateTimeSchema });
export const staffAccountUpdateBodySchema = z
  .object({ role: staffRoleSchema.optional(), residenceIds: z.array(uuidSchema).max(500).optional(), disabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.residenceIds !== undefined || v.disabled !== undefined, { message: 'Rien à modifier', path: [], params: { key: 'fields.required' } });
export type StaffAccountUpdateBody = z.infer<typeof staffAccountUpdateBodySchema>;

// --- Audit log --------------------------------------------------------------------------------

/** What a staff write is recorded as in the audit log. */
export const STAFF_AUDIT_ACTIONS = [
  'request.reply',
  'request.status',
  'changeRequest.decide',
  'insurance.decide',
  'account.create',
  'account.update',
  'account.activate',
  'residence.create',
  'residence.update',
  'landlord.update',
  'noticeRun.start',
] as const;
export type StaffAuditAction = (typeof STAFF_AUDIT_ACTIONS)[number];
export const staffAuditQuerySchema = z.object({
  staffId: uuidSchema.optional(),
  action: z.enum(STAFF_AUDIT_ACTIONS).optional(),
  targetId: z.string().trim().min(1).max(100).optional(),
  page: pageQuery,
});
export type StaffAuditQuery = z.input<typeof staffAuditQuerySchema>;
export const staffAuditEntrySchema = z.object({
  id: z.number().int(),
  at: isoDateTimeSchema,
  /** null: the admin CLI (no staff account). */
  staffId: uuidSchema.nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type StaffAuditEntry = z.infer<typeof staffAuditEntrySchema>;
export const staffAuditResponseSchema = staffPageSchema(staffAuditEntrySchema);

export const staffIdParamsSchema = z.object({ id: uuidSchema });

/** The technical categories, for the queue's filter. */
export const STAFF_TECHNICAL_CATEGORIES = TECHNICAL_CATEGORIES;
