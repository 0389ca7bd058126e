/** Ma situation de solde (balance): the HTTP contract (ledger and bank rows of the feed, the bank details change body). */
import { z } from 'zod';
import { uuidSchema, text, isoDateSchema, centsSchema, nullableText } from '../api/common';

/** "Mettre à jour le RIB": any SEPA IBAN (checked by checksum), holder, proof attached. */
export const bankDetailsChangeBodySchema = z.object({
  dossierId: uuidSchema,
  iban: text(50),
  bic: text(20),
  bankName: text(100),
  holder: z.object({
    lastName: text(100),
    firstNames: text(100),
    address: text(200),
    city: text(100),
    postalCode: z.string().trim().regex(/^[0-9A-Z -]{3,10}$/i, 'Code postal invalide'),
  }),
  attachmentUploadId: uuidSchema,
});

export type BankDetailsChangeBody = z.infer<typeof bankDetailsChangeBodySchema>;


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
