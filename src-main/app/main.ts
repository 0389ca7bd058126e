/**
 * Electron entry point: the only place that starts Electron things. Everything it wires up is
 * built and tested under plain Node (src-main/portal-core.ts); this file stays thin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, Notification, screen } from 'electron';
import { createRouter } from '../ipc/router';
import { createPortalCore } from '../portal-core';
import { appWindowPreferences } from '../window-preferences';
import { emitToWindows, registerIpc } from './ipc';
import { APP_ORIGIN, APP_URL, registerAppScheme, serveAppScheme } from './protocol';
import { safeStorageSecretStore } from './safe-storage';
import { applySecurityBaseline } from './security';
import { openPaymentWindow } from './payment-window';
import { chooseSavePath } from './save-file';
import { electronNotifier } from './notifier';
import { electronSettingsStore, windowState } from './stores';
import { openKioskSettingsStore } from './kiosk-store';
import { holdKioskWindow, listPrinters, printSilently, restartWithoutKiosk, wipeRendererData } from './kiosk-window';
import { kioskModeOn } from '../kiosk/settings';
import { startUpdater, updateController } from './updater';

// Kiosk mode (the lodge PC): the machine-level setting shared by every OS user, or --kiosk.
const kioskSettings = openKioskSettingsStore();
const kiosk = kioskModeOn({ argv: process.argv, store: kioskSettings.store });
// Packaged: resources sit beside app.asar; in development, at the project root.
const appRoot = app.isPackaged ? process.resourcesPath : join(import.meta.dirname, '..', '..');
const resourcesDir = join(appRoot, 'resources');
// npm start: better-sqlite3 built for Electron's ABI by scripts/build-native-electron.mjs (the one
// in node_modules is the Node build the tests use). Packaged builds are rebuilt by electron-builder.
const devSqliteBinding = join(appRoot, '.native', 'electron', 'better_sqlite3.node');
const sqliteBinding = process.env.PORTAL_SQLITE_BINDING ?? (!app.isPackaged && existsSync(devSqliteBinding) ? devSqliteBinding : undefined);

function serverUrl(): string {
  if (process.env.PORTAL_SERVER_URL) return process.env.PORTAL_SERVER_URL;
  const config = JSON.parse(readFileSync(join(resourcesDir, 'portal-config.json'), 'utf8')) as { serverUrl: string };
  return config.serverUrl;
}

registerAppScheme();

const toWindows = emitToWindows(() => BrowserWindow.getAllWindows());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    applySecurityBaseline();

    const core = createPortalCore({
      version: app.getVersion(),
      platform: process.platform,
      serverUrl: serverUrl(),
      userDataDir: app.getPath('userData'),
      resourcesDir,
      migrationsFolder: join(appRoot, 'db', 'migrations'),
      settingsStore: electronSettingsStore,
      secrets: safeStorageSecretStore,
      kiosk,
      preview: false,
      nativeBinding: sqliteBinding,
      emit: (name, payload) => {
        toWindows(name, payload);
        // The outbox drained or the session ended: an update waiting for that may go now.
        if (name === 'sync.state' || name === 'session.expired') updateController()?.reevaluate();
      },
      openPaymentWindow: (launch) => void openPaymentWindow({ parent: mainWindow, launch, packaged: app.isPackaged, kiosk }),
      chooseSavePath: (suggestedName) => chooseSavePath(BrowserWindow.getFocusedWindow(), suggestedName),
      kioskStore: kioskSettings.store,
      wipeRendererData,
      listPrinters: () => listPrinters(mainWindow),
      printSilently: (deviceName) => printSilently(mainWindow, deviceName),
      exitKiosk: restartWithoutKiosk,
      // OS notifications; the core never uses them in kiosk mode.
      notifier: kiosk ? undefined : electronNotifier(Notification),
      showWindow: () => {
        if (!mainWindow) return;
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.show();
        mainWindow.focus();
      },
    });
    // Kiosk: a crash may have left a tenant's page storage behind (the core already wiped the
    // temporary folders when it was created); gone before the first page loads.
    if (kiosk) await wipeRendererData().catch((error: unknown) => console.error('kiosk: wiping the page storage failed', error));
    serveAppScheme({
      rendererDir: join(import.meta.dirname, '..', 'renderer'),
      resourcesDir,
      documentFile: core.documentFile,
    });
    registerIpc(createRouter({ handlers: core.handlers, trustedOrigins: [APP_ORIGIN] }));
    // Sync when the tenant comes back to the window (ARCHITECTURE.md: focus is a sync trigger).
    app.on('browser-window-focus', () => core.nudgeSync());
    app.on('before-quit', () => core.dispose());

    mainWindow = createMainWindow();
    void core.start();
    const updater = startUpdater({
      kiosk,
      sessionOpen: () => core.session.state().state === 'signedIn',
      pendingOutbox: core.pendingWrites,
      dirtyForm: core.formDirty,
      onChange: (view) => toWindows('update.state', view),
    });
    core.setUpdates(updater);
  });

  function createMainWindow(): BrowserWindow {
    const saved = windowState.read();
    const visible = saved.bounds && screen.getDisplayMatching(saved.bounds).workArea;
    const window = new BrowserWindow({
      width: 1200,
      height: 850,
      minWidth: 360,
      minHeight: 480,
      ...(visible ? saved.bounds : {}),
      show: false,
      kiosk,
      fullscreen: kiosk,
      alwaysOnTop: kiosk,
      autoHideMenuBar: true,
      backgroundColor: '#ffffff',
      webPreferences: appWindowPreferences({
        preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
        packaged: app.isPackaged,
        kiosk,
      }),
    });
    if (kiosk) {
      window.setMenu(null);
      holdKioskWindow(window);
    }
    if (saved.maximized && !kiosk) window.maximize();
    window.once('ready-to-show', () => window.show());
    window.on('close', () => {
      if (!kiosk) windowState.write({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    });
    void window.loadURL(APP_URL);
    return window;
  }
}
