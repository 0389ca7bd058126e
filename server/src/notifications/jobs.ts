/**
 * The notifications' timer in a running server (main.ts turns it on): every tick it mails what is
 * pending, and once per Paris day it runs the reminders job. Both are idempotent, so two servers
 * behind one database (or a tick that overlaps the CLI's `run-reminders`) send nothing twice.
 */
import { parisDate } from '../../../src-shared/clock';
import { runReminders } from './reminders';
import { deliverNotificationMails, type NotificationMailDeps } from './service';

export const NOTIFICATION_TICK_MS = 60_000;

/** One tick: the reminders of the day when it changed since the last good run, then the mails. Returns the day run. */
export async function notificationTick(deps: NotificationMailDeps, lastReminderDay: string | null): Promise<string> {
  const today = parisDate(deps.clock());
  if (today !== lastReminderDay) await runReminders({ db: deps.db, now: deps.clock }, today);
  await deliverNotificationMails(deps);
  return today;
}

/** Starts the timer; returns its stop. A failed tick is logged and tried again at the next. */
export function startNotificationTimer(deps: NotificationMailDeps, intervalMs = NOTIFICATION_TICK_MS): () => void {
  let lastDay: string | null = null;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    notificationTick(deps, lastDay)
      .then((day) => void (lastDay = day))
      .catch((error: unknown) => deps.log?.('notifications: tick failed', { error: String(error) }))
      .finally(() => void (running = false));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
