/**
 * The bridge contract: every procedure the renderer may call in the main process, with the zod
 * schema of its input and output, and every event main may push. The preload, the browser-preview
 * client and the main-process router are all built from this one map, so a procedure that is not
 * here cannot be called at all.
 *
 * Names are `area.procedure`; one area per portal section or service.
 */
import { z } from 'zod';
import type { BridgeResult } from './errors';
import type { EventName, ProcedureName } from './bridge-channels';

import { localeSchema } from './locale';
import { procedure, empty, type AreaProcedures, type ProcedureDefinition } from './procedure';

import { sessionProcedures } from './session/bridge';
import { accountProcedures } from './account/bridge';
import { outboxProcedures } from './outbox';
import { homeProcedures } from './home/bridge';
import { dossierProcedures } from './dossier/bridge';
import { contractProcedures } from './contract/bridge';
import { balanceProcedures } from './balance/bridge';
import { insuranceProcedures } from './insurance/bridge';
import { documentsProcedures } from './documents/bridge';
import { requestsProcedures } from './requests/bridge';
import { contactProcedures } from './contact/bridge';
import { paymentProcedures } from './payment/bridge';
import { kioskProcedures } from './kiosk/bridge';
import { notificationsEvents, notificationsProcedures } from './notifications/bridge';
import { caretakerProcedures } from './caretaker/bridge';

export * from './bridge-channels';

export const brandingSchema = z.object({
  /** Landlord's display name, e.g. "Office Public de l'Habitat". */
  name: z.string(),
  /** Title shown in the header ("Espace Locataire" by default). */
  portalTitle: z.string(),
  /** URL of the logo, relative to the app origin (served by the protocol / the preview host). */
  logoUrl: z.string(),
  /** Text alternative of the logo, for screen readers. */
  logoAlt: z.string(),
  colors: z.object({
    primary: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    onPrimary: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    accent: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    alert: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  }),
});
export type Branding = z.infer<typeof brandingSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  /** True on the caretaker's lodge PC. */
  kiosk: z.boolean(),
  /** True when the renderer runs in the browser preview (development and tests only). */
  preview: z.boolean(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Where the app's own update stands ("Redémarrer pour mettre à jour" when ready). */
export const updateViewSchema = z.object({
  status: z.enum(['disabled', 'idle', 'checking', 'downloading', 'ready', 'waiting', 'error']),
  version: z.string().nullable(),
  percent: z.number().nullable(),
  canRestart: z.boolean(),
  restartRequested: z.boolean(),
  /** Why a ready update waits: an unsaved form, unsent items, a tenant on the kiosk. */
  blockers: z.array(z.enum(['dirtyForm', 'unsentItems', 'kioskSessionOpen'])),
});
export type UpdateViewPayload = z.infer<typeof updateViewSchema>;

/** Where the sync stands; `reason` is an error code when status is 'error'. */
export const syncStateSchema = z.object({
  status: z.enum(['upToDate', 'syncing', 'offline', 'error']),
  lastSyncAt: z.string().nullable(),
  /** Writes waiting to be sent. */
  pending: z.number().int().nonnegative(),
  reason: z.string().optional(),
});

export const settingsSchema = z.object({
  locale: localeSchema,
  /** Keep the last 12 months of quittances and rent notices on this PC without being asked. */
  prefetchDocuments: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

/** The app shell's own procedures (app, updates, branding, settings, sync, the landlord). */
export const shellProcedures = {

  'app.info': procedure(empty, appInfoSchema),
  // The renderer says when a form holds unsaved input: an update never restarts under it.
  'app.setFormDirty': procedure(z.object({ dirty: z.boolean() }).strict(), z.object({ dirty: z.boolean() })),
  'update.get': procedure(empty, updateViewSchema),
  'update.restartNow': procedure(empty, updateViewSchema),
  'branding.get': procedure(empty, brandingSchema),
  'settings.get': procedure(empty, settingsSchema),
  'settings.update': procedure(settingsSchema.partial().strict(), settingsSchema),
  'landlord.tenantReference': procedure(
    empty,
    z.object({ label: z.string(), pattern: z.string(), example: z.string() }),
  ),
  // The landlord's CGU and privacy policy (null: not published, or not fetched yet).
  'landlord.legalTexts': procedure(empty, z.object({ cgu: z.string().nullable(), privacy: z.string().nullable() })),
  'sync.get': procedure(empty, syncStateSchema),
  'sync.now': procedure(empty, syncStateSchema),
} as const satisfies AreaProcedures;

/** Every procedure: the shell's and each area's, merged once here. */
export const procedures = {
  ...shellProcedures,
  ...sessionProcedures,
  ...accountProcedures,
  ...outboxProcedures,
  ...homeProcedures,
  ...dossierProcedures,
  ...contractProcedures,
  ...balanceProcedures,
  ...insuranceProcedures,
  ...documentsProcedures,
  ...requestsProcedures,
  ...contactProcedures,
  ...paymentProcedures,
  ...kioskProcedures,
  ...notificationsProcedures,
  ...caretakerProcedures,
} as const satisfies Record<ProcedureName, ProcedureDefinition>;

/** A procedure declared by an area but missing from the channel list (bridge-channels.ts) fails here. */
const everyProcedureHasAChannel: [Exclude<keyof typeof procedures, ProcedureName>] extends [never] ? true : never = true;
void everyProcedureHasAChannel;

export type Procedures = typeof procedures;
export type ProcedureInput<P extends ProcedureName> = z.input<Procedures[P]['input']>;
export type ProcedureOutput<P extends ProcedureName> = z.output<Procedures[P]['output']>;


/** Events main pushes to the renderer. */
export const events = {
  'sync.state': syncStateSchema,
  'connectivity.changed': z.object({ online: z.boolean() }),
  'session.expired': z.object({}),
  'kiosk.idleWarning': z.object({ secondsLeft: z.number().int().nonnegative() }),
  'documents.progress': z.object({ sha256: z.string(), received: z.number().int(), total: z.number().int().nullable() }),
  'branding.changed': brandingSchema,
  'update.state': updateViewSchema,
  ...notificationsEvents,
} as const satisfies Record<EventName, z.ZodType>;

export type Events = typeof events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

/**
 * The surface exposed to the renderer as `window.portal` (by the preload in Electron, by the
 * preview client in a browser). Results are plain data: errors come back as values because
 * Error objects do not survive structured cloning across contextBridge.
 */
export interface PortalBridge {
  invoke<P extends ProcedureName>(
    name: P,
    input: ProcedureInput<P>,
  ): Promise<BridgeResult<ProcedureOutput<P>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}
