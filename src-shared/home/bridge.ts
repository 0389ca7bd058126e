/** Accueil (home): the bridge procedures and the view the page shows. */
import { z } from 'zod';
import { isoDate, dossierSummarySchema, isoDateTime } from '../view-parts';
import { type AreaProcedures, empty, procedure } from '../procedure';

export const homeViewSchema = z.object({
  today: isoDate,
  displayName: z.string(),
  dossiers: z.array(dossierSummarySchema),
  /** No valid (nor pending) home-insurance certificate for a housing dossier. */
  insuranceAlert: z.boolean(),
  /**
   * `kind` one of ACTIVITY_KINDS (src-shared/home/activity.ts) is worded by the renderer with `params`
   * (a request's number, a document's period); any other kind shows the server's French `label`.
   */
  lastActions: z.array(
    z.object({ id: z.string(), at: isoDateTime, kind: z.string(), label: z.string(), params: z.record(z.string(), z.string()) }),
  ),
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

/** The home area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const homeProcedures = {
  'home.get': procedure(empty, homeViewSchema),
} as const satisfies AreaProcedures;
