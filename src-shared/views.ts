/**
 * What each portal section shows, as the main process answers it from the local cache alone
 * (so every screen works offline). The renderer formats: amounts are integer cents, dates ISO.
 * Also the inputs of the writes the sections make; each becomes an outbox item in main.
 */
import { z } from 'zod';
import { TECHNICAL_CATEGORIES } from './api/writes';
import { UPLOAD_MEDIA_TYPES } from './api/uploads';
import {
  bicSchema,
  birthDateSchema,
  euroAmountInputSchema,
  frenchDateSchema,
  ibanSchema,
  optionalFrenchPhoneSchema,
  requiredTextSchema,
} from './validation/schemas';

const isoDate = z.string();
const isoDateTime = z.string();

export const addressSchema = z.object({ line: z.string(), postalCode: z.string(), city: z.string() });

/** Where a write stands on its way to the server (optimistic rows are 'pending'). */
export const deliverySchema = z.enum(['synced', 'pending', 'refused']);
export const refusalSchema = z.object({
  code: z.string(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const dossierSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  address: addressSchema,
  /** Positive: the tenant owes ("débiteur"); zero or negative: "créditeur". */
  balanceCents: z.number().int(),
});

export const homeViewSchema = z.object({
  today: isoDate,
  displayName: z.string(),
  dossiers: z.array(dossierSummarySchema),
  /** No valid (nor pending) home-insurance certificate for a housing dossier. */
  insuranceAlert: z.boolean(),
  lastActions: z.array(z.object({ id: z.string(), at: isoDateTime, kind: z.string(), label: z.string() })),
  todos: z.array(
    z.object({
      kind: z.enum(['pay', 'insurance', 'refusedItems', 'pendingItems']),
      dossierId: z.string().optional(),
      count: z.number().int().optional(),
    }),
  ),
  lastSyncAt: isoDateTime.nullable(),
});
export type HomeView = z.infer<typeof homeViewSchema>;

export const insuranceStatusSchema = z.object({
  dossierId: z.string(),
  number: z.string(),
  status: z.enum(['none', 'valid', 'expired', 'pending', 'refused']),
  insurer: z.string().nullable(),
  policyNumber: z.string().nullable(),
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
});

export const dossierViewSchema = z.object({
  profile: z.object({
    civility: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string().nullable(),
    phoneHome: z.string().nullable(),
    phoneMobile: z.string().nullable(),
    phoneWork: z.string().nullable(),
    cafNumber: z.string().nullable(),
  }),
  /** "Une demande de mise à jour de ces informations est actuellement en cours." */
  pendingUpdate: z.boolean(),
  insurance: z.array(insuranceStatusSchema),
});
export type DossierView = z.infer<typeof dossierViewSchema>;

export const occupantViewSchema = z.object({
  id: z.string(),
  civility: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: isoDate,
  relationship: z.string(),
  signatory: z.boolean(),
});

export const contractsViewSchema = z.object({
  holderName: z.string(),
  dossiers: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      address: addressSchema,
      contracts: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(['logement', 'stationnement', 'facturation']),
          label: z.string(),
          address: addressSchema,
          startDate: isoDate,
        }),
      ),
      occupants: z.array(occupantViewSchema),
      pendingOccupantsChange: z.boolean(),
    }),
  ),
});
export type ContractsView = z.infer<typeof contractsViewSchema>;

export const ledgerLineSchema = z.object({
  id: z.string(),
  date: isoDate,
  kind: z.enum(['rent', 'charges', 'apl', 'payment', 'adjustment']),
  label: z.string(),
  /** Positive = débit, negative = crédit. */
  amountCents: z.number().int(),
  period: z.string().nullable(),
});

export const balanceViewSchema = z.object({
  today: isoDate,
  dossiers: z.array(
    dossierSummarySchema.extend({
      directDebitDay: z.number().int().nullable(),
      bank: z
        .object({
          bankName: z.string(),
          ibanMasked: z.string(),
          bicMasked: z.string(),
          holder: z.string(),
          mandateRum: z.string().nullable(),
          creditorId: z.string().nullable(),
        })
        .nullable(),
      pendingBankChange: z.boolean(),
      /** Newest first. */
      ledger: z.array(ledgerLineSchema),
    }),
  ),
});
export type BalanceView = z.infer<typeof balanceViewSchema>;

export const documentViewSchema = z.object({
  id: z.string(),
  dossierId: z.string(),
  kind: z.enum(['quittance', 'avis_echeance', 'recu']),
  period: z.string(),
  title: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  issuedAt: isoDateTime,
  /** Kept on this PC: opens without a network. */
  offline: z.boolean(),
});

export const documentsViewSchema = z.object({
  paperless: z.object({ enabled: z.boolean(), since: isoDateTime.nullable(), delivery: deliverySchema }),
  dossiers: z.array(z.object({ id: z.string(), number: z.string(), documents: z.array(documentViewSchema) })),
});
export type DocumentsView = z.infer<typeof documentsViewSchema>;

export const requestSummarySchema = z.object({
  id: z.string(),
  dossierId: z.string(),
  /** "Demande n° 1000013"; null until the server has numbered it. */
  number: z.number().int().nullable(),
  kind: z.enum(['technical', 'administrative']),
  category: z.string(),
  subject: z.string(),
  status: z.enum(['open', 'in_progress', 'closed', 'cancelled']),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  delivery: deliverySchema,
  refusal: refusalSchema.nullable(),
});

export const requestsViewSchema = z.object({ requests: z.array(requestSummarySchema) });
export type RequestsView = z.infer<typeof requestsViewSchema>;

export const requestDetailSchema = requestSummarySchema.extend({
  description: z.string(),
  permissionToEnter: z.boolean().nullable(),
  photoCount: z.number().int(),
  messages: z.array(
    z.object({ id: z.string(), author: z.enum(['tenant', 'staff']), body: z.string(), createdAt: isoDateTime, delivery: deliverySchema }),
  ),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const contactsViewSchema = z.object({
  landlordName: z.string(),
  caretaker: z.object({ label: z.string(), phone: z.string(), hours: z.string() }),
  onCall: z.object({ phone: z.string(), hours: z.string() }),
  services: z.array(z.object({ id: z.string(), label: z.string(), email: z.string().optional(), phone: z.string().optional() })),
});
export type ContactsView = z.infer<typeof contactsViewSchema>;

export const outboxViewSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      status: z.enum(['pending', 'refused']),
      createdAt: isoDateTime,
      attempts: z.number().int(),
      error: refusalSchema.nullable(),
    }),
  ),
});
export type OutboxView = z.infer<typeof outboxViewSchema>;

// ---- writes -------------------------------------------------------------------------------

/** 10 MB once decoded; base64 is about 4/3 of it. */
const MAX_ATTACHMENT_BASE64 = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 4;

/** A file the tenant picked; its real kind is checked on its content by main. */
export const attachmentInputSchema = z.object({
  name: z.string().trim().min(1, 'fields.required').max(255),
  mediaType: z.enum(UPLOAD_MEDIA_TYPES, { error: 'fields.file.type' }),
  dataBase64: z.string().min(1, 'fields.required').max(MAX_ATTACHMENT_BASE64, 'fields.file.tooLarge'),
});
export type AttachmentInput = z.infer<typeof attachmentInputSchema>;

export const personalInfoUpdateInputSchema = z
  .object({
    phoneHome: optionalFrenchPhoneSchema,
    phoneMobile: optionalFrenchPhoneSchema,
    phoneWork: optionalFrenchPhoneSchema,
    cafNumber: z.string().trim().max(20, 'fields.invalid').transform((value) => (value === '' ? null : value)),
  })
  .strict();

export const occupantInputViewSchema = z.object({
  civility: requiredTextSchema(10),
  lastName: requiredTextSchema(100),
  firstName: requiredTextSchema(100),
  birthDate: birthDateSchema,
  relationship: z.string().trim().max(50),
  signatory: z.boolean(),
});

export const occupantsChangeInputSchema = z
  .object({ dossierId: z.string().uuid(), occupants: z.array(occupantInputViewSchema).min(1).max(20) })
  .strict()
  .refine((value) => value.occupants.some((occupant) => occupant.signatory), {
    path: ['occupants'],
    message: 'fields.occupants.signatoryRequired',
  });

export const bankChangeInputSchema = z
  .object({
    dossierId: z.string().uuid(),
    iban: ibanSchema,
    bic: bicSchema,
    bankName: requiredTextSchema(100),
    holder: z.object({
      lastName: requiredTextSchema(100),
      firstNames: requiredTextSchema(100),
      address: requiredTextSchema(200),
      city: requiredTextSchema(100),
      postalCode: z.string().trim().regex(/^[0-9A-Z -]{3,10}$/i, 'fields.postalCode'),
    }),
    attachment: attachmentInputSchema,
  })
  .strict();

export const insuranceSubmitInputSchema = z
  .object({
    dossierId: z.string().uuid(),
    insurer: requiredTextSchema(100),
    policyNumber: requiredTextSchema(50),
    validFrom: frenchDateSchema,
    validTo: frenchDateSchema,
    attachment: attachmentInputSchema,
  })
  .strict()
  .refine((value) => value.validTo > value.validFrom, { path: ['validTo'], message: 'fields.date.endBeforeStart' });

export const createRequestInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('technical'),
      dossierId: z.string().uuid(),
      category: z.enum(TECHNICAL_CATEGORIES, { error: 'fields.required' }),
      description: requiredTextSchema(4000),
      permissionToEnter: z.boolean(),
      photos: z.array(attachmentInputSchema).max(5, 'fields.photos.tooMany').default([]),
    })
    .strict(),
  z
    .object({
      kind: z.literal('administrative'),
      dossierId: z.string().uuid(),
      serviceId: requiredTextSchema(50),
      subject: requiredTextSchema(200),
      description: requiredTextSchema(4000),
    })
    .strict(),
]);

export const requestMessageInputSchema = z.object({ requestId: z.string().uuid(), body: requiredTextSchema(4000) }).strict();
export const requestIdInputSchema = z.object({ requestId: z.string().uuid() }).strict();
export const paperlessInputSchema = z.object({ enabled: z.boolean() }).strict();
export const documentInputSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'fields.invalid') }).strict();
export const outboxItemInputSchema = z.object({ id: z.string().uuid() }).strict();

/** Where the renderer opens a document: the app's own URL for the verified offline copy. */
export const documentLocationSchema = z.object({ url: z.string() });

export const writeQueuedSchema = z.object({
  id: z.string(),
  /** 'pending' until sent; the sync.state event says when it is. */
  delivery: deliverySchema,
});

// ---- online payment ("Payer en ligne", issue 7) -------------------------------------------

/** Step 1: the contracts with their up-to-date balance; the amount proposed is what is owed. */
export const paymentPrepareViewSchema = z.object({
  dossiers: z.array(
    dossierSummarySchema.extend({
      /** The balance when the tenant owes something, else 0 (the field then starts empty). */
      proposedAmountCents: z.number().int().nonnegative(),
    }),
  ),
  /** Largest amount per payment; null until the server has said (offline since the app started). */
  ceilingCents: z.number().int().positive().nullable(),
  /** 'offline': a payment needs the server (never queued); 'disabled': the landlord offers none. */
  availability: z.enum(['available', 'offline', 'disabled']),
});
export type PaymentPrepareView = z.infer<typeof paymentPrepareViewSchema>;

export const paymentStartInputSchema = z
  .object({
    dossierId: z.string().uuid('fields.required'),
    /** As typed ("12,34"): more than 0, two decimals at most, at most the ceiling (checked by main). */
    amount: euroAmountInputSchema,
  })
  .strict();

export const paymentStartedSchema = z.object({
  paymentId: z.string(),
  /** The bank's origin, shown to the tenant: the payment window can reach nothing else. */
  pspOrigin: z.string(),
  /** Browser preview only: the page to open in a popup (it posts the signed form to the bank). */
  popupUrl: z.string().nullable(),
});
export type PaymentStarted = z.infer<typeof paymentStartedSchema>;

export const paymentStatusInputSchema = z.object({ paymentId: z.string().uuid() }).strict();

export const paymentStatusViewSchema = z.object({
  paymentId: z.string(),
  dossierId: z.string(),
  status: z.enum(['created', 'pending', 'accepted', 'refused', 'cancelled']),
  amountCents: z.number().int(),
  transId: z.string(),
  decidedAt: isoDateTime.nullable(),
  /** The quittance or reçu, once it has reached this PC by sync. */
  document: z.object({ id: z.string(), kind: z.enum(['quittance', 'recu', 'avis_echeance']), title: z.string(), sha256: z.string() }).nullable(),
});
export type PaymentStatusView = z.infer<typeof paymentStatusViewSchema>;
