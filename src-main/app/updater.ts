/**
 * The thin electron-updater adapter: reads the feed baked into the build, forwards the updater's
 * events to the controller (src-main/updates, where every rule lives and is tested under Node),
 * and lets the controller check, install and set autoInstallOnAppQuit.
 *
 * The feed: electron-builder writes resources/app-update.yml (generic provider, the URL given by
 * UPDATE_FEED_URL at build time, see electron-builder.config.cjs and docs/RELEASING.md). A build
 * without it does not update itself. Development, tests (PORTAL_DISABLE_UPDATES=1, CI) and
 * unpackaged runs never touch electron-updater at all.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { createUpdateController, type UpdateController } from '../updates/controller';
import { updatesAvailability, type UpdateView } from '../updates/policy';

export interface UpdaterOptions {
  kiosk: boolean;
  /** A tenant is signed in. */
  sessionOpen: () => boolean;
  /** Items in the outbox (to be wired by the sync engine; 0 until then). */
  pendingOutbox?: () => number;
  /** A form has unsaved input (to be reported by the renderer; false until then). */
  dirtyForm?: () => boolean;
  /** The state to push to the renderer (the future 'update.state' event). */
  onChange?: (view: UpdateView) => void;
}

/** The generic provider's URL from app-update.yml beside app.asar, or null. */
function bakedFeedUrl(): string | null {
  const file = join(process.resourcesPath, 'app-update.yml');
  if (!existsSync(file)) return null;
  const match = /^url:\s*['"]?([^'"\s]+)/m.exec(readFileSync(file, 'utf8'));
  return match?.[1] ?? null;
}

let current: UpdateController | null = null;

/** The running controller (view(), restartNow(), reevaluate()), for the bridge to use. */
export function updateController(): UpdateController | null {
  return current;
}

export function startUpdater(options: UpdaterOptions): UpdateController {
  const availability = updatesAvailability({
    packaged: app.isPackaged,
    env: process.env,
    feedUrl: app.isPackaged ? bakedFeedUrl() : null,
  });
  const log = (line: string) => console.log(`[updates] ${line}`);
  // electron-updater is CommonJS with getter exports: the default import is the reliable form
  // from our ESM main bundle. Its autoUpdater is only touched when updates are on.
  const updater = () => electronUpdater.autoUpdater;

  const controller = createUpdateController({
    availability,
    updater: {
      check: () => updater().checkForUpdates(),
      // isForceRunAfter: the app starts again after installing (silent in kiosk mode).
      quitAndInstall: (silent) => updater().quitAndInstall(silent, true),
      setInstallOnQuit: (value) => {
        updater().autoInstallOnAppQuit = value;
      },
    },
    activity: () => ({
      kiosk: options.kiosk,
      sessionOpen: options.sessionOpen(),
      dirtyForm: options.dirtyForm?.() ?? false,
      pendingOutbox: options.pendingOutbox?.() ?? 0,
    }),
    now: Date.now,
    timers: {
      setInterval: (callback, ms) => setInterval(callback, ms),
      clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    },
    onChange: options.onChange,
    log,
  });

  if (availability.enabled) {
    const autoUpdater = updater();
    autoUpdater.autoDownload = true;
    // Decided by the policy once an update is downloaded (installOnQuit).
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.allowDowngrade = false;
    autoUpdater.allowPrerelease = false;
    autoUpdater.logger = { info: log, warn: log, error: log, debug: () => undefined };
    autoUpdater.on('checking-for-update', () => controller.handleEvent({ type: 'checking' }));
    autoUpdater.on('update-available', (info) => controller.handleEvent({ type: 'available', version: info.version }));
    autoUpdater.on('update-not-available', () => controller.handleEvent({ type: 'notAvailable' }));
    autoUpdater.on('download-progress', (progress) => controller.handleEvent({ type: 'progress', percent: progress.percent }));
    autoUpdater.on('update-downloaded', (info) => controller.handleEvent({ type: 'downloaded', version: info.version }));
    autoUpdater.on('error', (error) => controller.handleEvent({ type: 'error', message: error.message }));
    app.on('before-quit', () => controller.stop());
  }
  controller.start();
  current = controller;
  return controller;
}
