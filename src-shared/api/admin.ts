/**
 * Staff side (minimal): routes under /v1/admin, authenticated by `X-Api-Key` (the server's
 * PORTAL_ADMIN_API_KEY). Not for the desktop app.
 */
import { z } from 'zod';
import { centsSchema, isoDateSchema, isoDateTimeSchema, uuidSchema } from './common';

const text = (max: number) => z.string().trim().min(1, 'Champ obligatoire').max(max);

export const adminHeadersSchema = z.looseObject({ 'x-api-key': z.string().min(1, 'Champ obligatoire') });

export const adminCreateTenantBodySchema = z.object({
  reference: text(40),
  civility: text(10),
  lastName: text(100),
  firstName: text(100),
  birthDate: isoDateSchema,
  contactEmail: z.email().nullable().optional(),
  phoneHome: z.string().max(30).nullable().optional(),
  phoneMobile: z.string().max(30).nullable().optional(),
  phoneWork: z.string().max(30).nullable().optional(),
  cafNumber: z.string().max(20).nullable().optional(),
  dossier: z.object({
    number: text(40),
    addressLine: text(200),
    postalCode: text(10),
    city: text(100),
    directDebitDay: z.number().int().min(1).max(28).nullable().optional(),
    /** The residence's code (its ERP reference, a residence already created); absent: none, or left as it is. */
    residenceCode: z.string().trim().min(1).max(40).optional(),
  }),
  contracts: z.array(z.object({ kind: z.enum(['logement', 'stationnement', 'facturation']), label: text(100), startDate: isoDateSchema, addressLine: z.string().max(200).optional() })).default([]),
  occupants: z
    .array(z.object({ civility: text(10), lastName: text(100), firstName: text(100), birthDate: isoDateSchema, relationship: z.string().max(50), signatory: z.boolean() }))
    .default([]),
  bank: z.object({ bankName: text(100), iban: text(50), bic: text(20), holder: text(200), mandateRum: z.string().max(50).nullable().optional(), creditorId: z.string().max(50).nullable().optional() }).optional(),
});
export type AdminCreateTenantBody = z.input<typeof adminCreateTenantBodySchema>;
export const adminCreateTenantResponseSchema = z.object({ tenantId: uuidSchema, dossierId: uuidSchema });

/** A month, `aaaa-mm` (month 01 to 12). */
const periodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Période attendue au format aaaa-mm');

/**
 * Largest amount of one ledger line, either way: 1 000 000,00 €. Far above any rent, it keeps
 * every balance a safe integer (an unbounded line made the balance overflow and the answer fail).
 */
export const MAX_LEDGER_LINE_CENTS = 100_000_000;

export const ledgerPostingSchema = z.object({
  date: isoDateSchema,
  kind: z.enum(['rent', 'charges', 'apl', 'payment', 'adjustment']),
  label: text(200),
  /** Positive = débit, negative = crédit. */
  amountCents: centsSchema.min(-MAX_LEDGER_LINE_CENTS, 'Montant trop grand (1 000 000,00 € au plus)').max(MAX_LEDGER_LINE_CENTS, 'Montant trop grand (1 000 000,00 € au plus)'),
  period: periodSchema.nullable().optional(),
});
export const adminLedgerBodySchema = z.object({ entries: z.array(ledgerPostingSchema).min(1).max(1000) });
export type AdminLedgerBody = z.infer<typeof adminLedgerBodySchema>;
export const adminLedgerResponseSchema = z.object({ ids: z.array(uuidSchema), balanceCents: centsSchema });
export const dossierNumberParamsSchema = z.object({ number: text(40) });

export const requestStatusSchema = z.enum(['open', 'in_progress', 'closed', 'cancelled']);
export const adminRequestSchema = z.object({
  id: uuidSchema,
  number: z.number().int(),
  tenantId: uuidSchema,
  dossierNumber: z.string(),
  kind: z.enum(['technical', 'administrative']),
  category: z.string(),
  subject: z.string(),
  status: requestStatusSchema,
  createdAt: isoDateTimeSchema,
});
export const adminRequestsQuerySchema = z.object({ status: requestStatusSchema.optional() });
export const adminRequestListSchema = z.object({ requests: z.array(adminRequestSchema) });
export const adminUpdateRequestBodySchema = z.object({ status: requestStatusSchema, message: z.string().trim().min(1).max(4000).optional() });

export const changeRequestStatusSchema = z.enum(['pending', 'approved', 'refused']);
export const adminChangeRequestSchema = z.object({
  id: uuidSchema,
  tenantId: uuidSchema,
  kind: z.enum(['personal_info', 'occupants', 'bank_details']),
  summary: z.record(z.string(), z.unknown()),
  attachmentSha256: z.string().nullable(),
  status: changeRequestStatusSchema,
  createdAt: isoDateTimeSchema,
});
export const adminChangeRequestsQuerySchema = z.object({ status: changeRequestStatusSchema.optional() });
export const adminChangeRequestListSchema = z.object({ changeRequests: z.array(adminChangeRequestSchema) });
export const adminDecisionBodySchema = z.object({ decision: z.enum(['approve', 'refuse']), comment: z.string().trim().max(2000).optional() });
export const idParamsSchema = z.object({ id: uuidSchema });

/** Imports a ready PDF (from the landlord's ERP) as a tenant document: it reaches the app by sync. */
export const adminDocumentBodySchema = z.object({
  kind: z.enum(['quittance', 'avis_echeance', 'recu']),
  period: periodSchema,
  title: text(200),
  /** The PDF, base64. */
  pdfBase64: z.string().min(1, 'Champ obligatoire').max(14_000_000),
});
export const adminDocumentResponseSchema = z.object({ id: uuidSchema, sha256: z.string(), size: z.number().int() });
