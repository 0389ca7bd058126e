/** Notifications: the centre (the header's bell leads there) and the preferences per kind. */
import type { AreaRoutes } from '../lib/route-types';

export const notificationsRoutes = [
  { slug: 'mes-notifications', page: 'notifications', access: 'private', words: ['notifications'], load: () => import('./NotificationsPage.svelte') },
  { slug: 'preferences-de-notification', page: 'notificationPreferences', access: 'private', words: ['notifications'], load: () => import('./NotificationPreferencesPage.svelte') },
] as const satisfies AreaRoutes;
