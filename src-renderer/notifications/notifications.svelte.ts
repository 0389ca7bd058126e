/**
 * The notification centre's shared state: the bell's unread count (from main's
 * `notifications.changed` after each sync), what the screen reader hears when it grows (said
 * once per change, not on every render), the preview's toasts, and where an entry leads.
 */
import type { NotificationTarget, NotificationToast } from '../../src-shared/notifications/bridge';
import { call, portal } from '../lib/bridge';
import { navigate } from '../lib/router.svelte';

let unread = $state(0);
/** The sentence the bell's live region says: set only when the count goes up. */
let announcement = $state<{ count: number } | null>(null);
let toasts = $state<NotificationToast[]>([]);

/** At most this many toasts on screen; the centre has the rest. */
const MAX_TOASTS = 3;

function setUnread(count: number) {
  if (count > unread) announcement = { count };
  unread = count;
}

export const notifications = {
  get unread() {
    return unread;
  },
  get announcement() {
    return announcement;
  },
  get toasts() {
    return toasts;
  },
  /** The centre read or marked entries: the count follows without a new announcement. */
  set(count: number) {
    unread = count;
  },
  dismiss(id: string) {
    toasts = toasts.filter((toast) => toast.id !== id);
  },
};

/** The address of the screen an entry opens. */
export function targetSlug(target: NotificationTarget | null): string {
  if (!target) return 'mes-notifications';
  switch (target.page) {
    case 'requestDetail':
      return target.id ? `demande/${target.id}` : 'mes-demandes';
    case 'documentViewer':
      return target.id ? `document/${target.id}` : 'mes-documents';
    case 'documents':
      return 'mes-documents';
    case 'requests':
      return 'mes-demandes';
    case 'balance':
      return 'ma-situation-de-solde';
    case 'insurance':
      return 'mon-assurance';
    case 'dossier':
      return 'mon-dossier';
  }
}

portal.on('notifications.changed', ({ unread: count }) => setUnread(count));
portal.on('notifications.toast', (toast) => {
  toasts = [...toasts.filter((shown) => shown.id !== toast.id), toast].slice(-MAX_TOASTS);
});
portal.on('notifications.open', ({ target }) => navigate(targetSlug(target)));

/** The count at start (after a reload), before the next sync says it. */
export async function loadUnread(): Promise<void> {
  try {
    unread = (await call('notifications.list')).unread;
  } catch {
    // Signed out: no bell.
  }
}
