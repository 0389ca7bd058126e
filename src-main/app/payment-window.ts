/**
 * The payment window: the bank's card page, in a window of its own, apart from the app:
 * no preload (no bridge), sandboxed, its own in-memory session (no cookie or cache shared with the
 * app or kept after it closes), every permission refused, no new window, top-level navigation
 * only to the bank's origin (src-main/payment/navigation.ts). Reaching the return URL closes it.
 * The title shows the bank's origin, so the tenant sees where the card details go.
 * (Sub-resources are not filtered: the bank's 3-D Secure step loads the card issuer's pages.)
 */
import { randomUUID } from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import { paymentLaunchPage, type PaymentLaunch } from '../payment/launch-page';
import { paymentNavigation, paymentWindowTitle } from '../payment/navigation';
import { appWindowPreferences } from '../window-preferences';
import { exemptFromAppNavigationRule } from './security';

export function openPaymentWindow(options: { parent: BrowserWindow | null; launch: PaymentLaunch; packaged: boolean; kiosk: boolean }): BrowserWindow {
  const { launch } = options;
  const rules = { pspOrigin: launch.pspOrigin, returnUrl: launch.returnUrl };
  const partition = `payment-${randomUUID()}`; // no "persist:" prefix: memory only
  const paymentSession = session.fromPartition(partition, { cache: false });
  paymentSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  paymentSession.setPermissionCheckHandler(() => false);
  paymentSession.setDevicePermissionHandler(() => false);

  const title = paymentWindowTitle(launch.pspOrigin);
  const { preload: _none, ...preferences } = appWindowPreferences({ packaged: options.packaged, kiosk: options.kiosk });
  const window = new BrowserWindow({
    parent: options.parent ?? undefined,
    width: 900,
    height: 820,
    title,
    autoHideMenuBar: true,
    alwaysOnTop: options.kiosk,
    backgroundColor: '#ffffff',
    webPreferences: { ...preferences, partition },
  });
  if (options.kiosk) window.setMenu(null);
  const contents = window.webContents;
  exemptFromAppNavigationRule(contents);
  // The page's own <title> must not hide which site this is.
  window.on('page-title-updated', (event) => event.preventDefault());

  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = paymentNavigation(url, rules);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'return') setImmediate(() => window.close());
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  const { html } = paymentLaunchPage(launch);
  void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  return window;
}
