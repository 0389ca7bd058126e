/**
 * OS notifications through Electron's Notification API, behind the core's Notifier port
 * (src-main/notifications/notifier.ts). The class comes in as a parameter (main.ts passes
 * Electron's), so this file runs under plain Node with a fake in tests/unit/main/notifier.test.ts.
 */
import type { NotificationConstructorOptions } from 'electron';
import type { Notifier } from '../notifications/notifier';

interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close', listener: () => void): unknown;
}

export interface NotificationClass {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

/** Notifications kept alive until closed: one garbage-collected loses its click handler (an Electron pitfall). */
const KEPT = 10;

export function electronNotifier(Notification: NotificationClass): Notifier {
  const live = new Map<string, NotificationLike>();
  return {
    show(shown, open) {
      if (!Notification.isSupported()) return;
      live.get(shown.id)?.close();
      const note = new Notification({ title: shown.title, body: shown.body });
      note.on('click', () => {
        open();
        note.close();
      });
      note.on('close', () => {
        if (live.get(shown.id) === note) live.delete(shown.id);
      });
      live.set(shown.id, note);
      // The oldest ones go first when many are up (the core shows a few at most per sync).
      while (live.size > KEPT) {
        const [oldestId, oldest] = live.entries().next().value as [string, NotificationLike];
        live.delete(oldestId);
        oldest.close();
      }
      note.show();
    },
  };
}
