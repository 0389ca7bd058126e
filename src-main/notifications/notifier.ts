/**
 * The OS notification port: what main shows when the sync brings news. Electron plugs its
 * Notification API in (src-main/app/notifier.ts), the browser preview a toast in the page
 * (src-main/host), tests a fake; kiosk mode plugs nothing in (nothing personal on a lodge PC).
 */
import type { NotificationTarget } from '../../src-shared/notifications/bridge';

export interface ShownNotification {
  id: string;
  title: string;
  body: string;
  /** The screen it opens when clicked (null: the notification centre). */
  target: NotificationTarget | null;
}

export interface Notifier {
  /** Shows it; `open` is called when the tenant clicks it. */
  show(notification: ShownNotification, open: () => void): void;
}
