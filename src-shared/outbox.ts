/** The outbox as the renderer sees it: writes on their way to the landlord, and the tenant's choices on a held-back one. */
import { z } from 'zod';
import { isoDateTime, refusalSchema } from './view-parts';
import { type AreaProcedures, empty, procedure } from './procedure';
import type { ApiRouteName } from './api/routes';
import { bankDetailsChangeBodySchema } from './balance/api';
import { occupantsChangeBodySchema } from './contract/api';
import { paperlessBodySchema } from './documents/api';
import { personalInfoChangeBodySchema } from './dossier/api';
import { insuranceBodySchema } from './insurance/api';
import { notificationPreferenceBodySchema } from './notifications/api';
import { cancelRequestBodySchema, createRequestBodySchema, requestMessageBodySchema } from './requests/api';

/**
 * Every kind of write the outbox carries: its Portal API route and the schema of its body. An
 * item's body is parsed with its kind's schema when it is read back (a row written by an older
 * version that no longer fits is held back with a reason, never sent half-understood), and the
 * renderer words each kind (a Record over this enum, so a new kind without its words does not
 * compile).
 */
export const OUTBOX_KINDS = {
  'dossier.update': { route: 'personalInfoChange', body: personalInfoChangeBodySchema },
  'contract.occupants': { route: 'occupantsChange', body: occupantsChangeBodySchema },
  'balance.bankDetails': { route: 'bankDetailsChange', body: bankDetailsChangeBodySchema },
  'insurance.submit': { route: 'insurance', body: insuranceBodySchema },
  'documents.paperless': { route: 'paperless', body: paperlessBodySchema },
  'requests.create': { route: 'createRequest', body: createRequestBodySchema },
  'requests.message': { route: 'requestMessage', body: requestMessageBodySchema },
  'requests.cancel': { route: 'cancelRequest', body: cancelRequestBodySchema },
  'notifications.preference': { route: 'notificationPreference', body: notificationPreferenceBodySchema },
} as const satisfies Record<string, { route: ApiRouteName; body: z.ZodType }>;

export type OutboxKind = keyof typeof OUTBOX_KINDS;
export const OUTBOX_KIND_NAMES = Object.keys(OUTBOX_KINDS) as OutboxKind[];
export type OutboxBody<K extends OutboxKind> = z.input<(typeof OUTBOX_KINDS)[K]['body']>;

export const outboxViewSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(OUTBOX_KIND_NAMES as [OutboxKind, ...OutboxKind[]]),
      status: z.enum(['pending', 'refused']),
      createdAt: isoDateTime,
      attempts: z.number().int(),
      error: refusalSchema.nullable(),
    }),
  ),
});

export type OutboxView = z.infer<typeof outboxViewSchema>;

export const outboxItemInputSchema = z.object({ id: z.string().uuid() }).strict();

/** The outbox area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const outboxProcedures = {
  'outbox.get': procedure(empty, outboxViewSchema),
  'outbox.dismiss': procedure(outboxItemInputSchema, outboxViewSchema),
  'outbox.retry': procedure(outboxItemInputSchema, outboxViewSchema),
} as const satisfies AreaProcedures;
