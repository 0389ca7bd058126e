/**
 * Notifications (issue 20): one row per fact the tenant is told about, written by the function where
 * the fact happens, in its transaction (`addNotification`), synced as `notification`; the mail goes
 * after the commit (`deliverNotificationMails`), to the tenants whose preference for the kind says so.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Landlord } from '../../../src-shared/api/landlord';
import type { Clock } from '../../../src-shared/clock';
import { byMail, channelOf, type NotificationChannel, type NotificationKind, type NotificationParams, type NotificationPreferencesData } from '../../../src-shared/notifications/api';
import type { DataCipher } from '../crypto/data-key';
import { insertRows } from '../db/bulk';
import type { Db, Tx } from '../db/client';
import { accounts, notificationPreferences, notifications, tenants } from '../db/schema';
import type { Mailer } from '../mail/mailer';
import type { WriteAt } from '../sync/versions';
import { notificationMail } from './mail';
import { unsubscribeUrl } from './unsubscribe-token';

/** The fact's place: the tenant, the write's sync version and instant. */
export type NotificationAt = Omit<WriteAt, 'id'>;

export interface NotificationOptions {
  /** What makes it one fact (default: `refId`, else the kind): the same subject is never notified twice. */
  subject?: string;
  /** The fact's own writer mails it already (the paperless avis): no second mail. */
  mailed?: boolean;
}

/**
 * Tells the tenant about a fact, once: a second call for the same (tenant, kind, subject) does
 * nothing. Returns whether this call added it. Call it inside the fact's transaction.
 */
export async function addNotification(tx: Tx, at: NotificationAt, kind: NotificationKind, params: NotificationParams, refId: string | null, options: NotificationOptions = {}): Promise<boolean> {
  const added = await addNotifications(tx, [{ at, kind, params, refId, ...options }]);
  return added > 0;
}

/** Many at once (publishing, settlements, the reminders job): one INSERT; returns how many were new. */
export async function addNotifications(tx: Tx, lines: ({ at: NotificationAt; kind: NotificationKind; params: NotificationParams; refId: string | null } & NotificationOptions)[]): Promise<number> {
  // One parameter for the whole batch (db/bulk.ts): publishing writes 500 at a time (issue 17).
  return insertRows(
    tx,
    notifications,
    lines.map(({ at, kind, params, refId, subject, mailed }) => ({
      id: randomUUID(),
      tenantId: at.tenantId,
      version: at.version,
      updatedAt: at.now,
      kind,
      subject: subject ?? refId ?? kind,
      params,
      refId,
      at: at.now,
      mailState: mailed ? ('skipped' as const) : ('pending' as const),
    })),
    // A notification already there for the same subject stays the one (notifications_subject_idx).
    { onConflictDoNothing: true },
  );
}

/** The tenant's choices, as stored (kinds not chosen are absent). */
export async function preferencesOf(db: Db | Tx, tenantId: string): Promise<NotificationPreferencesData['channels']> {
  const [row] = await db.select({ channels: notificationPreferences.channels }).from(notificationPreferences).where(eq(notificationPreferences.id, tenantId));
  return (row?.channels ?? {}) as NotificationPreferencesData['channels'];
}

/** One kind's channel (the tenant's route, the unsubscribe link); synced as `notificationPreferences`. */
export async function setPreference(tx: Tx, at: NotificationAt, kind: NotificationKind, channel: NotificationChannel) {
  const channels = { ...(await preferencesOf(tx, at.tenantId)), [kind]: channel };
  await tx
    .insert(notificationPreferences)
    .values({ id: at.tenantId, tenantId: at.tenantId, version: at.version, updatedAt: at.now, channels })
    .onConflictDoUpdate({ target: notificationPreferences.id, set: { channels, version: at.version, updatedAt: at.now } });
  return { id: at.tenantId, version: at.version };
}

export interface NotificationMailDeps {
  db: Db;
  cipher: DataCipher;
  mailer: Mailer;
  clock: Clock;
  landlord(): Promise<Landlord>;
  /** Base of the unsubscribe link. */
  publicUrl: string;
  log?: (message: string, extra?: object) => void;
}

/** Notifications read per round of the mail delivery. */
const MAIL_BATCH = 200;

/**
 * Mails the notifications not mailed yet to the tenants who chose mail for their kind; marks the
 * others skipped. A row is claimed (pending -> sent) before its mail goes, so two deliveries at
 * once, or one run twice, never mail it twice; a failed send is marked failed and logged.
 * Returns how many mails went.
 */
export async function deliverNotificationMails(deps: NotificationMailDeps): Promise<number> {
  let sent = 0;
  for (;;) {
    const rows = await deps.db
      .select({ n: notifications, firstName: tenants.firstName, paperless: tenants.paperless, contactEmail: tenants.contactEmail, email: accounts.email, channels: notificationPreferences.channels })
      .from(notifications)
      .innerJoin(tenants, eq(tenants.id, notifications.tenantId))
      .leftJoin(accounts, eq(accounts.tenantId, notifications.tenantId))
      .leftJoin(notificationPreferences, eq(notificationPreferences.id, notifications.tenantId))
      .where(eq(notifications.mailState, 'pending'))
      .orderBy(notifications.at, notifications.id)
      .limit(MAIL_BATCH);
    if (rows.length === 0) return sent;
    const landlord = await deps.landlord();
    const skipped: string[] = [];
    for (const row of rows) {
      const kind = row.n.kind as NotificationKind;
      const to = row.email ?? row.contactEmail;
      const channel = channelOf(kind, row.channels as NotificationPreferencesData['channels'] | null, row.paperless);
      if (!to || !byMail(channel) || row.n.deleted) {
        skipped.push(row.n.id);
        continue;
      }
      const claimed = await deps.db
        .update(notifications)
        .set({ mailState: 'sent' })
        .where(and(eq(notifications.id, row.n.id), eq(notifications.mailState, 'pending')))
        .returning({ id: notifications.id });
      if (claimed.length === 0) continue;
      try {
        await deps.mailer.send(notificationMail(landlord, to, row.firstName, kind, row.n.params, unsubscribeUrl(deps, row.n.tenantId, kind)));
        sent++;
      } catch (error) {
        deps.log?.('notifications: mail failed', { notificationId: row.n.id, error: String(error) });
        await deps.db.update(notifications).set({ mailState: 'failed' }).where(eq(notifications.id, row.n.id));
      }
    }
    if (skipped.length > 0) await deps.db.update(notifications).set({ mailState: 'skipped' }).where(and(inArray(notifications.id, skipped), eq(notifications.mailState, 'pending')));
  }
}
