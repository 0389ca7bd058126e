/**
 * Everything the main process does, minus Electron. The core builds what the areas share (the
 * Portal API client, the session and the open account's work, settings, branding: an
 * AreaContext) and merges the handlers each area builds in src-main/<area>/procedures.ts into the
 * one map the router dispatches to. src-main/app (Electron) and src-main/host (browser preview)
 * each build one core and plug their own transport, secret store and settings store into it, so
 * both run the same code and everything here is tested under plain Node.
 */
import { join } from 'node:path';
import type { EventName, EventPayload, ProcedureName, shellProcedures } from '../src-shared/bridge';
import { systemClock } from '../src-shared/clock';
import { PortalError } from '../src-shared/errors';
import { todayIso } from '../src-shared/validation/dates';
import type { AccountWork, AreaContext } from './area-context';
import type { Handlers, HandlersOf } from './ipc/router';
import type { AccountData } from './services/account-data';
import { createLandlordService } from './services/landlord';
import { PortalApi } from './services/portal-api';
import { createSessionService } from './services/session';
import { createSettingsService, DEFAULT_SETTINGS, type SettingsStore } from './services/settings';
import { createDocumentStore } from './storage/document-store';
import type { SecretStore } from './storage/secrets';
import { enqueue, pendingCount } from './sync/outbox';
import { syncHandlers } from './sync/procedures';
import { createSyncEngine } from './sync/sync-engine';
import { accountHandlers } from './account/procedures';
import { balanceHandlers } from './balance/procedures';
import { contactHandlers } from './contact/procedures';
import { contractHandlers } from './contract/procedures';
import { documentsHandlers } from './documents/procedures';
import type { ChooseSavePath } from './documents/service';
import { dossierHandlers } from './dossier/procedures';
import { homeHandlers } from './home/procedures';
import { insuranceHandlers } from './insurance/procedures';
import type { PaymentLaunch } from './payment/launch-page';
import { paymentHandlers } from './payment/procedures';
import { createPaymentService } from './payment/service';
import { requestsHandlers } from './requests/procedures';
import { sessionHandlers } from './session/procedures';
import { createKioskService, type KioskPrinter } from './kiosk/service';
import { kioskHandlers } from './kiosk/procedures';
import type { IdleTimerPorts } from './kiosk/idle-timer';
import type { PinHashParams } from './kiosk/pin';
import { createMemoryKioskSettingsStore, type KioskSettingsStore } from './kiosk/settings';
import { wipeKioskLeftovers } from './kiosk/temp-folders';
import { updateHandlers, type UpdatesPort } from './updates/procedures';
import { notificationsHandlers } from './notifications/procedures';
import { announceNew, notificationsView } from './notifications/service';
import type { Notifier } from './notifications/notifier';
import { caretakerHandlers } from './caretaker/procedures';
import { createCaretakerService } from './caretaker/service';

export interface PortalCoreOptions {
  version: string;
  platform: string;
  /** The Portal API server, e.g. http://127.0.0.1:8787. */
  serverUrl: string;
  userDataDir: string;
  /** Folder with branding/ (default white-label branding). */
  resourcesDir: string;
  /** Folder with the cache's generated SQL migrations (db/migrations). */
  migrationsFolder: string;
  settingsStore: SettingsStore;
  secrets: SecretStore;
  kiosk: boolean;
  preview: boolean;
  /** better-sqlite3 build for Electron's ABI, when it is not the default one. */
  nativeBinding?: string;
  /** Pushes an event to the renderer(s). */
  emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void;
  /**
   * Asks where to save a copy of a file (Electron: the OS save dialog), null when cancelled; the
   * documents service copies the verified file there. Absent in the browser preview; never used
   * in kiosk mode (nothing personal may leave a lodge PC).
   */
  chooseSavePath?: ChooseSavePath;
  /** Electron: opens the separate payment window on the bank's page (the preview uses a popup page instead). */
  openPaymentWindow?: (launch: PaymentLaunch) => void;
  /** Sync timing (tests shorten it). */
  sync?: { intervalMs?: number; watchIntervalMs?: number; backoff?: { baseMs: number; maxMs: number } };
  now?: () => Date;
  /** Kiosk mode (src-main/kiosk): the machine-level settings (PIN hash, idle times, printer). */
  kioskStore?: KioskSettingsStore;
  /** Kiosk: name prefix of the sessions' temporary folders (tests give each run its own). */
  kioskTempPrefix?: string;
  /** Kiosk, Electron: clears the renderer's storage and HTTP cache at the end of a session. */
  wipeRendererData?: () => Promise<void>;
  /** Kiosk, Electron: the OS printers, and a silent print of the app window. */
  listPrinters?: () => Promise<KioskPrinter[]>;
  printSilently?: (deviceName: string | null) => Promise<'printed' | 'failed'>;
  /** Kiosk, Electron: restart as a normal app once the caretaker left kiosk mode. */
  exitKiosk?: () => void;
  /** Kiosk, tests: the idle timer's clock and timers, and a faster PIN hash. */
  kioskTimers?: IdleTimerPorts;
  kioskPinHashParams?: PinHashParams;
  /** Kiosk, browser preview for tests only: idle times shorter than the caretaker may choose. */
  kioskIdleOverride?: { idleSeconds: number; warningSeconds: number };
  /** Electron: OS notifications (src-main/app/notifier.ts); the preview shows them in the page; never in kiosk mode. */
  notifier?: Notifier;
  /** Electron: brings the app window to the front (an OS notification was clicked). */
  showWindow?: () => void;
}

export function createPortalCore(options: PortalCoreOptions) {
  const now = options.now ?? systemClock;
  // Kiosk: what a crashed or powered-off session left behind goes before anything else runs.
  if (options.kiosk) wipeKioskLeftovers(options.kioskTempPrefix);
  const api = new PortalApi({ baseUrl: options.serverUrl });
  const landlord = createLandlordService(options);
  const settings = createSettingsService(options.settingsStore);
  const session = createSessionService({
    api,
    userDataDir: options.userDataDir,
    migrationsFolder: options.migrationsFolder,
    secrets: options.secrets,
    kiosk: options.kiosk,
    kioskTempPrefix: options.kioskTempPrefix,
    nativeBinding: options.nativeBinding,
    now,
  });

  let work: AccountWork | null = null;
  let updates: UpdatesPort | null = null;
  let formDirty = false;
  const payment = createPaymentService({
    api,
    authorized: session.authorized,
    syncNow: () => requireWork().engine.requestNow(),
    openPaymentWindow: options.openPaymentWindow,
    now,
  });

  session.setHooks({
    opened(open) {
      const documents = createDocumentStore(open.cache.db, join(open.folder, 'documents'));
      const engine = createSyncEngine({
        open,
        api,
        documents,
        authorized: session.authorized,
        emitState: (state) => {
          options.emit('sync.state', state);
          if (state.status === 'upToDate') afterSync();
        },
        emitDocumentProgress: (progress) => options.emit('documents.progress', progress),
        prefetchDocuments: () => settings.get().prefetchDocuments,
        intervalMs: options.sync?.intervalMs,
        watchIntervalMs: options.sync?.watchIntervalMs,
        backoff: options.sync?.backoff,
        now,
      });
      work = { open, documents, engine };
      void engine.start();
      // The landlord's contacts and branding, kept for offline use; also when the app started offline.
      void refreshLandlord();
      kiosk.sessionOpened();
    },
    closing() {
      work?.engine.stop();
      work = null;
      payment.forgetSession();
      kiosk.sessionClosed();
    },
    pendingCount: (open) => pendingCount(open.cache.db),
    expired: () => options.emit('session.expired', {}),
  });

  /**
   * Sign-out. In kiosk mode the session's cache and temporary folder are already gone with it
   * (session.ts); the renderer's storage and HTTP cache go too (Electron: wipeRendererData; the
   * preview's page clears its own and reloads).
   */
  async function signOut(input: { discardUnsent: boolean }) {
    const state = await session.signOut(input);
    if (options.kiosk) {
      await options.wipeRendererData?.();
      // The next tenant at the lodge PC starts in French, whatever this one chose.
      settings.update({ locale: DEFAULT_SETTINGS.locale });
    }
    return state;
  }

  const kiosk = createKioskService({
    store: options.kioskStore ?? createMemoryKioskSettingsStore(),
    enabled: options.kiosk,
    // Inactivity: unsent items are lost (the warning said so); a caretaker's space closes too.
    endSession: async () => {
      await caretaker.endSession();
      await signOut({ discardUnsent: true });
    },
    emitIdleWarning: (payload) => options.emit('kiosk.idleWarning', payload),
    listPrinters: options.listPrinters,
    print: options.printSilently,
    exit: options.exitKiosk,
    timers: options.kioskTimers,
    pinHashParams: options.kioskPinHashParams,
    idleOverride: options.kioskIdleOverride,
  });

  // OS notifications: Electron's, or the preview's toast in the page; none on a lodge PC.
  const notifier: Notifier | null = options.kiosk ? null : (options.notifier ?? (options.preview ? { show: (shown) => options.emit('notifications.toast', shown) } : null));

  /** After a good sync: the bell's count, and the OS notifications for what it brought. */
  function afterSync() {
    if (!work) return;
    try {
      const data = accountData();
      if (notifier) {
        announceNew(data, {
          notifier,
          locale: settings.get().locale,
          portalTitle: landlord.branding().portalTitle,
          open: (target) => {
            options.showWindow?.();
            options.emit('notifications.open', { target });
          },
        });
      }
      options.emit('notifications.changed', { unread: notificationsView(data).unread });
    } catch (error) {
      // News is never worth breaking the sync for; the centre still lists it.
      console.error('notifications: after sync', error);
    }
  }
  /** The caretaker's space (issue 19): its own staff session and queue, never in a tenant's folder. */
  const caretaker = createCaretakerService({
    api,
    userDataDir: options.userDataDir,
    secrets: options.secrets,
    kiosk: options.kiosk,
    now,
    // The caretaker's chosen idle time (the tests' shorter override is for tenant sessions).
    kioskIdleMs: () => kiosk.status().idleTimeoutSeconds * 1000,
  });

  function requireWork(): AccountWork {
    if (!work) throw new PortalError('UNAUTHENTICATED');
    return work;
  }

  /** The open account as the section services see it, at this instant. */
  function accountData(): AccountData {
    const current = requireWork();
    const instant = now();
    return {
      open: current.open,
      now: instant,
      today: todayIso(instant),
      enqueue(input) {
        const id = enqueue(current.open, input, instant);
        void current.engine.writeQueued();
        return id;
      },
    };
  }

  const context: AreaContext = {
    accountData,
    work: requireWork,
    currentWork: () => work,
    api,
    session,
    signOut,
    landlord,
    settings,
    now,
    kiosk: options.kiosk,
    chooseSavePath: options.chooseSavePath,
  };

  /** The app shell's own procedures (updates and sync have theirs): they read and set the core's own state. */
  const shell: HandlersOf<Omit<typeof shellProcedures, 'update.get' | 'update.restartNow' | 'sync.get' | 'sync.now'>> = {
    'app.info': () => ({ version: options.version, kiosk: options.kiosk, preview: options.preview, platform: options.platform }),
    'app.setFormDirty': ({ dirty }) => {
      formDirty = dirty;
      return { dirty };
    },
    'branding.get': () => landlord.branding(),
    'settings.get': () => settings.get(),
    'settings.update': (patch) => settings.update(patch),
    'landlord.tenantReference': () => landlord.tenantReference(),
    'landlord.legalTexts': () => landlord.legalTexts(),
  };

  /** Every area's handlers, merged; each area types its own against its procedures (src-shared/<area>/bridge.ts). */
  const handlers = {
    ...shell,
    ...updateHandlers(() => updates),
    ...sessionHandlers(context),
    ...accountHandlers(context),
    ...syncHandlers(context),
    ...homeHandlers(context),
    ...dossierHandlers(context),
    ...contractHandlers(context),
    ...balanceHandlers(context),
    ...insuranceHandlers(context),
    ...documentsHandlers(context),
    ...requestsHandlers(context),
    ...contactHandlers(context),
    ...paymentHandlers(context, payment),
    ...kioskHandlers(kiosk),
    ...notificationsHandlers(context, (unread) => options.emit('notifications.changed', { unread })),
    ...caretakerHandlers(caretaker),
  } satisfies Handlers;
  // `satisfies Handlers` refuses a procedure with no handler; a spread is not checked for extra
  // keys, so this refuses a handler with no procedure (an area that kept a removed one).
  const everyHandlerHasAProcedure: [Exclude<keyof typeof handlers, ProcedureName>] extends [never] ? true : never = true;
  void everyHandlerHasAProcedure;

  /** The file of a document of the open account, for the protocol / preview host (null if absent). */
  function documentFile(sha256: string): string | null {
    return work?.documents.locate(sha256) ?? null;
  }

  async function refreshLandlord() {
    if (await landlord.refresh(api)) options.emit('branding.changed', landlord.branding());
  }

  /** Work done once at start, off the critical path of the first paint. */
  async function start() {
    session.restore();
    await refreshLandlord();
  }

  function dispose() {
    session.dispose();
  }

  return {
    handlers,
    api,
    session,
    kiosk,
    caretaker,
    /** Plugged in by the app once its updater runs. */
    setUpdates(port: UpdatesPort) {
      updates = port;
    },
    /** For the updater: never restart under unsaved input or unsent writes. */
    formDirty: () => formDirty,
    pendingWrites: () => (work ? pendingCount(work.open.cache.db) : 0),
    documentFile,
    /** Browser preview: the page that posts a started payment's form to the bank (single use). */
    paymentLaunchPage: payment.launchPage,
    /** The window regained focus / connectivity returned. */
    nudgeSync: () => {
      void work?.engine.nudge();
      void caretaker.drain();
    },
    syncIdle: () => work?.engine.idle() ?? Promise.resolve(),
    start,
    dispose,
  };
}

export type PortalCore = ReturnType<typeof createPortalCore>;
