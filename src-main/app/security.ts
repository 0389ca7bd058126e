/**
 * The Electron security checklist, applied app-wide: no navigation away from the app, no new
 * windows, no <webview>, every permission refused, and the CSP on every response of our scheme.
 * (See ARCHITECTURE.md "Security baseline".)
 */
import { app, session, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol';

/**
 * The one exception to "no navigation away from the app": the payment window, which applies its
 * own, narrower rule (the bank's origin only: src-main/payment/navigation.ts, app/payment-window.ts).
 */
const paymentWindows = new WeakSet<WebContents>();
export function exemptFromAppNavigationRule(contents: WebContents) {
  paymentWindows.add(contents);
}

export function hardenWebContents(contents: WebContents) {
  contents.on('will-navigate', (event, url) => {
    if (paymentWindows.has(contents)) return;
    if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (paymentWindows.has(contents)) return;
    if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function applySecurityBaseline() {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);
  // Nothing leaves the app window but calls to our own scheme (the Portal API is reached by main).
  defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools://') || details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });
}
