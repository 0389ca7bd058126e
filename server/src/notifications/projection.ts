/** Notifications in the sync feed: the facts told to the tenant and their channel choices. */
import type { NotificationKind, NotificationPreferencesData } from '../../../src-shared/notifications/api';
import * as t from '../db/schema';
import { projection } from '../sync/projection';

export const notificationProjection = projection(t.notifications, (r) => ({ kind: r.kind as NotificationKind, params: r.params, refId: r.refId, at: r.at.toISOString() }));

export const notificationPreferencesProjection = projection(t.notificationPreferences, (r) => ({ channels: r.channels as NotificationPreferencesData['channels'] }));
