/** Ma situation de solde (balance): balance, ledger, bank details and the RIB change request. */
import { z } from 'zod';
import { isoDate, dossierSummarySchema, attachmentInputSchema, decisionSchema } from '../view-parts';
import { ibanSchema, bicSchema, requiredTextSchema } from '../validation/schemas';
import { type AreaProcedures, empty, procedure } from '../procedure';
import { writeQueuedSchema } from '../view-parts';

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
      /** Staff's latest answer to a RIB change, while none is pending. */
      lastBankDecision: decisionSchema.nullable(),
      /** Newest first. */
      ledger: z.array(ledgerLineSchema),
    }),
  ),
});

export type BalanceView = z.infer<typeof balanceViewSchema>;


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

/** The balance area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const balanceProcedures = {
  'balance.get': procedure(empty, balanceViewSchema),
  'balance.requestBankChange': procedure(bankChangeInputSchema, writeQueuedSchema),
} as const satisfies AreaProcedures;
