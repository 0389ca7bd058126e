/** Kiosk mode (the caretaker's lodge PC, src-main/kiosk): PIN, idle times, printer; bounds as src-main/kiosk/settings.ts stores them. */
import { z } from 'zod';
import { type AreaProcedures, empty, procedure } from '../procedure';

/**
 * Kiosk mode (the caretaker's lodge PC, src-main/kiosk): the caretaker's PIN, the idle times and
 * the printer. The bounds are the ones src-main/kiosk/settings.ts stores.
 */
export const kioskPinSchema = z.string({ error: 'fields.required' }).regex(/^\d{6,12}$/, 'fields.invalid');

export const kioskTimesSchema = {
  idleTimeoutSeconds: z.number({ error: 'fields.required' }).int('fields.invalid').min(30, 'fields.invalid').max(1800, 'fields.invalid'),
  // 20 s at least (WCAG 2.2.1: time to answer "Êtes-vous toujours là ?").
  warningSeconds: z.number({ error: 'fields.required' }).int('fields.invalid').min(20, 'fields.invalid').max(120, 'fields.invalid'),
};

export const kioskPrinterSchema = z.string().min(1).max(256).nullable();

/** A short-lived proof that the caretaker typed the PIN ('kiosk.unlock'). */
export const caretakerTokenSchema = z.string().min(16).max(128);


export const kioskStatusSchema = z.object({
  /** This PC runs as a kiosk (machine-level setting or --kiosk). */
  enabled: z.boolean(),
  /** The caretaker has set the PIN (first-run screen done). */
  configured: z.boolean(),
  /** Seconds before a PIN may be tried again (0: now). */
  lockedForSeconds: z.number().int().nonnegative(),
  idleTimeoutSeconds: z.number().int(),
  warningSeconds: z.number().int(),
  /** The idle time in force: the setting, or a test run's shorter override (the page's own guest timer uses it). */
  sessionIdleSeconds: z.number().int().positive(),
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

/** The kiosk area's bridge procedures (src-shared/bridge.ts merges every area's). */
export const kioskProcedures = {
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
} as const satisfies AreaProcedures;
