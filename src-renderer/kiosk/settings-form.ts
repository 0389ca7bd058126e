/** The caretaker's settings form (first run and settings screen): values as typed, and checks. */
import type { MessageKey } from '../i18n/index.svelte';

export interface KioskForm {
  pin: string;
  pinConfirmation: string;
  idle: string;
  warning: string;
  /** '' for the system's default printer. */
  printer: string;
}

export const PIN_PATTERN = /^\d{6,12}$/;
/** As main stores it (src-main/kiosk/settings.ts, KIOSK_WARNING_BOUNDS). */
export const WARNING_MIN_SECONDS = 20;

function seconds(value: string, min: number, max: number): number | null {
  if (!/^\d{1,5}$/.test(value.trim())) return null;
  const parsed = Number(value.trim());
  return parsed >= min && parsed <= max ? parsed : null;
}

/** Field id suffix -> message key, empty when the form can be sent. `pinRequired`: first run. */
export function checkKioskForm(form: KioskForm, pinRequired: boolean): Partial<Record<keyof KioskForm, MessageKey>> {
  const errors: Partial<Record<keyof KioskForm, MessageKey>> = {};
  if (pinRequired || form.pin !== '' || form.pinConfirmation !== '') {
    if (!PIN_PATTERN.test(form.pin)) errors.pin = 'kiosk.fields.pinFormat';
    else if (form.pin !== form.pinConfirmation) errors.pinConfirmation = 'kiosk.fields.pinMismatch';
  }
  const idle = seconds(form.idle, 30, 1800);
  const warning = seconds(form.warning, 0, 120);
  if (idle === null) errors.idle = 'kiosk.fields.number';
  if (warning === null) errors.warning = 'kiosk.fields.number';
  // WCAG 2.2.1: the tenant gets 20 seconds at least to answer the warning.
  else if (warning < WARNING_MIN_SECONDS) errors.warning = 'kiosk.fields.warningTooShort';
  else if (idle !== null && warning >= idle) errors.warning = 'kiosk.fields.warningTooLong';
  return errors;
}

export function formTimes(form: KioskForm) {
  return { idleTimeoutSeconds: Number(form.idle.trim()), warningSeconds: Number(form.warning.trim()), printerName: form.printer || null };
}
