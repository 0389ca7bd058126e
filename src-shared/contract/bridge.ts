/** Mon contrat (contract): contracts, occupants and the occupants change request. */
import { z } from 'zod';
import { isoDate, addressSchema, decisionSchema } from '../view-parts';
import { requiredTextSchema, birthDateSchema } from '../validation/schemas';
import { type AreaProcedures, empty, procedure } from '../procedure';
import { writeQueuedSchema } from '../view-parts';

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
      /** Staff's latest answer to a change of occupants, while none is pending. */
      lastOccupantsDecision: decisionSchema.nullable(),
    }),
  ),
});

export type ContractsView = z.infer<typeof contractsViewSchema>;


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

/** The contract area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const contractProcedures = {
  'contract.get': procedure(empty, contractsViewSchema),
  'contract.requestOccupantsChange': procedure(occupantsChangeInputSchema, writeQueuedSchema),
} as const satisfies AreaProcedures;
