/**
 * The names of the bridge's procedures and events, without their schemas, so that the sandboxed
 * preload can check a name without bundling zod. bridge.ts declares a schema for each name
 * (the type checker refuses a missing or extra one).
 */
export const PROCEDURE_NAMES = [
  'app.info',
  'app.setFormDirty',
  'update.get',
  'update.restartNow',
  'branding.get',
  'settings.get',
  'settings.update',
  'session.get',
  'session.signIn',
  'session.signOut',
  'account.signUp',
  'account.recoverIdentifier',
  'account.requestPasswordReset',
  'account.changeEmail',
  'account.changePassword',
  'landlord.tenantReference',
  'landlord.legalTexts',
  'sync.get',
  'sync.now',
  'outbox.get',
  'outbox.dismiss',
  'outbox.retry',
  'home.get',
  'dossier.get',
  'dossier.requestUpdate',
  'contract.get',
  'contract.requestOccupantsChange',
  'balance.get',
  'balance.requestBankChange',
  'insurance.submit',
  'documents.get',
  'documents.open',
  'documents.saveCopy',
  'documents.setPaperless',
  'requests.list',
  'requests.get',
  'requests.create',
  'requests.addMessage',
  'requests.cancel',
  'contact.get',
  'payment.prepare',
  'payment.start',
  'payment.status',
  'kiosk.status',
  'kiosk.setup',
  'kiosk.unlock',
  'kiosk.lock',
  'kiosk.updateSettings',
  'kiosk.exit',
  'kiosk.activity',
  'kiosk.printers',
  'kiosk.print',
  'notifications.list',
  'notifications.markRead',
  'notifications.preferences',
  'notifications.setPreference',
  'caretaker.state',
  'caretaker.signIn',
  'caretaker.verifyCode',
  'caretaker.signOut',
  'caretaker.list',
  'caretaker.get',
  'caretaker.photo',
  'caretaker.reply',
  'caretaker.setStatus',
] as const;
export type ProcedureName = (typeof PROCEDURE_NAMES)[number];

export const EVENT_NAMES = [
  'sync.state',
  'connectivity.changed',
  'session.expired',
  'kiosk.idleWarning',
  'documents.progress',
  'branding.changed',
  'update.state',
  'notifications.changed',
  'notifications.toast',
  'notifications.open',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const procedureSet: ReadonlySet<string> = new Set(PROCEDURE_NAMES);
const eventSet: ReadonlySet<string> = new Set(EVENT_NAMES);

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && procedureSet.has(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventSet.has(name);
}

/** IPC channel names: one prefix each, so main can reject anything else outright. */
export const INVOKE_CHANNEL_PREFIX = 'portal:';
export const EVENT_CHANNEL_PREFIX = 'portal-event:';

/**
 * The browser preview only (no Electron counterpart: there each call is its own IPC message):
 * the calls a page makes in one tick go to the preview host as one POST to `./rpc-batch`, at
 * most this many per POST (issue 17; src-renderer/lib/bridge.ts, src-main/host/preview-host.ts).
 */
export const PREVIEW_BATCH_MAX_CALLS = 32;
