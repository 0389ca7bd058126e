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

import { birthDateSchema, emailSchema, passwordSchema, requiredTextSchema } from './validation/schemas';
import * as views from './views';

export * from './bridge-channels';

export const localeSchema = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof localeSchema>;

const empty = z.object({}).strict();

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

export const sessionUserSchema = z.object({
  email: z.string(),
  displayName: z.string(),
});

export const sessionStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signedOut'), reason: z.enum(['expired', 'signedOut']).optional() }),
  z.object({ state: z.literal('signedIn'), user: sessionUserSchema }),
]);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signInInputSchema = z.object({
  email: emailSchema,
  // Sign-in checks presence only: the policy applies when a password is chosen, and telling
  // "too weak" here would hint at what the real one looks like.
  password: z.string({ error: 'fields.required' }).min(1, 'fields.required').max(256, 'fields.invalid'),
});
export type SignInInput = z.infer<typeof signInInputSchema>;

/** Sign-up ("Inscrivez-vous !"): the tenant record is matched on reference + names + birth date. */
export const signUpInputSchema = z
  .object({
    tenantReference: requiredTextSchema(40),
    lastName: requiredTextSchema(100),
    firstName: requiredTextSchema(100),
    /** Typed jj/mm/aaaa; handlers receive ISO yyyy-mm-dd. */
    birthDate: birthDateSchema,
    email: emailSchema,
    password: passwordSchema,
    passwordConfirmation: z.string({ error: 'fields.required' }).min(1, 'fields.required'),
    acceptCgu: z.literal(true, { error: 'fields.consentRequired' }),
    acceptPrivacy: z.literal(true, { error: 'fields.consentRequired' }),
    paperless: z.boolean({ error: 'fields.invalid' }),
  })
  .strict()
  .refine((value) => value.password === value.passwordConfirmation, {
    path: ['passwordConfirmation'],
    message: 'fields.passwordMismatch',
  });
export type SignUpInput = z.infer<typeof signUpInputSchema>;

/** "Identifiants oubliés": the login identifier is mailed to the registered address. */
export const recoverIdentifierInputSchema = z
  .object({
    tenantReference: requiredTextSchema(40),
    lastName: requiredTextSchema(100),
    firstName: requiredTextSchema(100),
    birthDate: birthDateSchema,
  })
  .strict();

export const requestPasswordResetInputSchema = z
  .object({ email: emailSchema })
  .strict();

/** "Modifier mon adresse email": typed twice; the current password proves it is the tenant. */
export const changeEmailInputSchema = z
  .object({
    newEmail: emailSchema,
    newEmailConfirmation: z.string({ error: 'fields.required' }).trim().min(1, 'fields.required'),
    password: z.string({ error: 'fields.required' }).min(1, 'fields.required').max(256, 'fields.invalid'),
  })
  .strict()
  .refine((value) => value.newEmail === value.newEmailConfirmation.toLowerCase(), {
    path: ['newEmailConfirmation'],
    message: 'fields.emailMismatch',
  });

/** "Modifier mon mot de passe": current, new (CNIL policy), confirmation. */
export const changePasswordInputSchema = z
  .object({
    currentPassword: z.string({ error: 'fields.required' }).min(1, 'fields.required').max(256, 'fields.invalid'),
    newPassword: passwordSchema,
    newPasswordConfirmation: z.string({ error: 'fields.required' }).min(1, 'fields.required'),
  })
  .strict()
  .refine((value) => value.newPassword === value.newPasswordConfirmation, {
    path: ['newPasswordConfirmation'],
    message: 'fields.passwordMismatch',
  });

/**
 * Recovery answers are the same whatever the input (no account enumeration): the UI always says
 * "if an account matches, an email has been sent".
 */
export const requestAcceptedSchema = z.object({ status: z.literal('accepted') });

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

/**
 * Kiosk mode (the caretaker's lodge PC, src-main/kiosk): the caretaker's PIN, the idle times and
 * the printer. The bounds are the ones src-main/kiosk/settings.ts stores.
 */
const kioskPinSchema = z.string({ error: 'fields.required' }).regex(/^\d{6,12}$/, 'fields.invalid');
const kioskTimesSchema = {
  idleTimeoutSeconds: z.number({ error: 'fields.required' }).int('fields.invalid').min(30, 'fields.invalid').max(1800, 'fields.invalid'),
  warningSeconds: z.number({ error: 'fields.required' }).int('fields.invalid').min(10, 'fields.invalid').max(120, 'fields.invalid'),
};
const kioskPrinterSchema = z.string().min(1).max(256).nullable();
/** A short-lived proof that the caretaker typed the PIN ('kiosk.unlock'). */
const caretakerTokenSchema = z.string().min(16).max(128);

export const kioskStatusSchema = z.object({
  /** This PC runs as a kiosk (machine-level setting or --kiosk). */
  enabled: z.boolean(),
  /** The caretaker has set the PIN (first-run screen done). */
  configured: z.boolean(),
  /** Seconds before a PIN may be tried again (0: now). */
  lockedForSeconds: z.number().int().nonnegative(),
  idleTimeoutSeconds: z.number().int(),
  warningSeconds: z.number().int(),
  printerName: z.string().nullable(),
});
export type KioskStatus = z.infer<typeof kioskStatusSchema>;

export const kioskSetupInputSchema = z
  .object({
    pin: kioskPinSchema,
    pinConfirmation: z.string({ error: 'fields.required' }).min(1, 'fields.required'),
    ...kioskTimesSchema,
    printerName: kioskPrinterSchema,
  })
  .strict()
  .refine((value) => value.pin === value.pinConfirmation, { path: ['pinConfirmation'], message: 'fields.invalid' })
  .refine((value) => value.warningSeconds < value.idleTimeoutSeconds, { path: ['warningSeconds'], message: 'fields.invalid' });

export const kioskUpdateSettingsInputSchema = z
  .object({
    token: caretakerTokenSchema,
    ...kioskTimesSchema,
    printerName: kioskPrinterSchema,
    /** A new PIN, typed twice; absent to keep the current one. */
    newPin: kioskPinSchema.optional(),
    newPinConfirmation: z.string().optional(),
  })
  .strict()
  .refine((value) => value.newPin === undefined || value.newPin === value.newPinConfirmation, {
    path: ['newPinConfirmation'],
    message: 'fields.invalid',
  })
  .refine((value) => value.warningSeconds < value.idleTimeoutSeconds, { path: ['warningSeconds'], message: 'fields.invalid' });

export const kioskPrinterListSchema = z.object({
  printers: z.array(z.object({ name: z.string(), displayName: z.string() })),
});

interface ProcedureDefinition {
  input: z.ZodType;
  output: z.ZodType;
}

function procedure<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const procedures = {
  'app.info': procedure(empty, appInfoSchema),
  // The renderer says when a form holds unsaved input: an update never restarts under it.
  'app.setFormDirty': procedure(z.object({ dirty: z.boolean() }).strict(), z.object({ dirty: z.boolean() })),
  'update.get': procedure(empty, updateViewSchema),
  'update.restartNow': procedure(empty, updateViewSchema),
  'branding.get': procedure(empty, brandingSchema),
  'settings.get': procedure(empty, settingsSchema),
  'settings.update': procedure(settingsSchema.partial().strict(), settingsSchema),
  'session.get': procedure(empty, sessionStateSchema),
  'session.signIn': procedure(signInInputSchema.strict(), sessionStateSchema),
  'session.signOut': procedure(
    z.object({ discardUnsent: z.boolean().default(false) }).strict(),
    sessionStateSchema,
  ),
  'account.signUp': procedure(signUpInputSchema, requestAcceptedSchema),
  'account.recoverIdentifier': procedure(recoverIdentifierInputSchema, requestAcceptedSchema),
  'account.requestPasswordReset': procedure(requestPasswordResetInputSchema, requestAcceptedSchema),
  'account.changeEmail': procedure(changeEmailInputSchema, requestAcceptedSchema),
  'account.changePassword': procedure(changePasswordInputSchema, requestAcceptedSchema),
  'landlord.tenantReference': procedure(
    empty,
    z.object({ label: z.string(), pattern: z.string(), example: z.string() }),
  ),
  'sync.get': procedure(empty, syncStateSchema),
  'sync.now': procedure(empty, syncStateSchema),
  'outbox.get': procedure(empty, views.outboxViewSchema),
  'outbox.dismiss': procedure(views.outboxItemInputSchema, views.outboxViewSchema),
  'outbox.retry': procedure(views.outboxItemInputSchema, views.outboxViewSchema),
  'home.get': procedure(empty, views.homeViewSchema),
  'dossier.get': procedure(empty, views.dossierViewSchema),
  'dossier.requestUpdate': procedure(views.personalInfoUpdateInputSchema, views.writeQueuedSchema),
  'contract.get': procedure(empty, views.contractsViewSchema),
  'contract.requestOccupantsChange': procedure(views.occupantsChangeInputSchema, views.writeQueuedSchema),
  'balance.get': procedure(empty, views.balanceViewSchema),
  'balance.requestBankChange': procedure(views.bankChangeInputSchema, views.writeQueuedSchema),
  'insurance.submit': procedure(views.insuranceSubmitInputSchema, views.writeQueuedSchema),
  'documents.get': procedure(empty, views.documentsViewSchema),
  'documents.open': procedure(views.documentInputSchema, views.documentLocationSchema),
  'documents.saveCopy': procedure(
    views.documentInputSchema,
    // 'unavailable': no save dialog here (browser preview: use a download link; kiosk: never).
    z.object({ result: z.enum(['saved', 'cancelled', 'unavailable']) }),
  ),
  'documents.setPaperless': procedure(views.paperlessInputSchema, views.writeQueuedSchema),
  'requests.list': procedure(empty, views.requestsViewSchema),
  'requests.get': procedure(views.requestIdInputSchema, views.requestDetailSchema),
  'requests.create': procedure(views.createRequestInputSchema, views.writeQueuedSchema),
  'requests.addMessage': procedure(views.requestMessageInputSchema, views.writeQueuedSchema),
  'requests.cancel': procedure(views.requestIdInputSchema, views.writeQueuedSchema),
  'contacts.get': procedure(empty, views.contactsViewSchema),
  'payment.prepare': procedure(empty, views.paymentPrepareViewSchema),
  'payment.start': procedure(views.paymentStartInputSchema, views.paymentStartedSchema),
  'payment.status': procedure(views.paymentStatusInputSchema, views.paymentStatusViewSchema),
  'kiosk.status': procedure(empty, kioskStatusSchema),
  // First run only (kiosk on, no PIN yet); FORBIDDEN afterwards.
  'kiosk.setup': procedure(kioskSetupInputSchema, kioskStatusSchema),
  // INVALID_CREDENTIALS for a wrong PIN; THROTTLED (retryAfter) once locked out.
  'kiosk.unlock': procedure(
    z.object({ pin: z.string({ error: 'fields.required' }).min(1, 'fields.required').max(64, 'fields.invalid') }).strict(),
    z.object({ token: z.string(), expiresInSeconds: z.number().int() }),
  ),
  'kiosk.lock': procedure(z.object({ token: caretakerTokenSchema }).strict(), z.object({})),
  'kiosk.updateSettings': procedure(kioskUpdateSettingsInputSchema, kioskStatusSchema),
  // Leaves kiosk mode: the tenant session (if any) is wiped, then the app restarts as a normal app.
  'kiosk.exit': procedure(
    z.object({ token: caretakerTokenSchema }).strict(),
    z.object({ result: z.enum(['restarting', 'restartManually']) }),
  ),
  // Someone is at the terminal (pointer, key, touch; the renderer sends at most one per 5 s).
  'kiosk.activity': procedure(empty, z.object({})),
  'kiosk.printers': procedure(empty, kioskPrinterListSchema),
  // Prints the app window (its print container) silently to the kiosk's printer.
  'kiosk.print': procedure(empty, z.object({ result: z.enum(['printed', 'failed', 'unavailable']) })),
} as const satisfies Record<ProcedureName, ProcedureDefinition>;

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
