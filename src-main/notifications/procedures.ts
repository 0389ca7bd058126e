/** Notifications (notifications.*): src-shared/notifications/bridge.ts declares the procedures. */
import type { notificationsProcedures } from '../../src-shared/notifications/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { markRead, notificationsView, preferencesView, setPreference } from './service';

export function notificationsHandlers(ctx: AreaContext, changed: (unread: number) => void): HandlersOf<typeof notificationsProcedures> {
  return {
    'notifications.list': () => notificationsView(ctx.accountData()),
    'notifications.markRead': (input) => {
      const view = markRead(ctx.accountData(), input);
      changed(view.unread);
      return view;
    },
    'notifications.preferences': () => preferencesView(ctx.accountData()),
    'notifications.setPreference': (input) => setPreference(ctx.accountData(), input),
  };
}
