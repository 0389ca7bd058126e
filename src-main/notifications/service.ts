/**
 * Notifications (issue 20), main's side: the centre's list and bell count from the synced
 * `notification` rows, the read state (kept in this PC's cache: `cache_meta`), the preferences
 * screen (synced `notificationPreferences`, changed through the outbox), and the OS notifications
 * for what a sync brought: a few one by one, more than that as one grouped notification, nothing
 * for what was there before this PC first synced.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { cacheMeta } from '../../db/schema';
import type { Locale } from '../../src-shared/locale';
import { channelOf, inApp, NOTIFICATION_KINDS, type NotificationKind, type NotificationPreferenceBody } from '../../src-shared/notifications/api';
import type { markReadInputSchema, NotificationPreferencesView, NotificationsView, NotificationTarget, setPreferenceInputSchema } from '../../src-shared/notifications/bridge';
import { groupedNotificationText, notificationText } from '../../src-shared/notifications/words';
import { outboxById, profileOf, rows, type AccountData } from '../services/account-data';
import type { CacheDb } from '../storage/cache-database';
import type { Notifier } from './notifier';

const PREFERENCE_KIND = 'notifications.preference';
const READ_KEY = 'notifications.read';
const ANNOUNCED_KEY = 'notifications.announced';
/** More new entries than this at once (back after a week offline): one grouped notification. */
export const MAX_SHOWN_AT_ONCE = 3;

function readIds(db: CacheDb, key: string): Set<string> | null {
  const row = db.select().from(cacheMeta).where(eq(cacheMeta.key, key)).get();
  if (!row) return null;
  try {
    const ids = JSON.parse(row.value) as unknown;
    return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function writeIds(db: CacheDb, key: string, ids: Iterable<string>) {
  const value = JSON.stringify([...ids]);
  db.insert(cacheMeta).values({ key, value }).onConflictDoUpdate({ target: cacheMeta.key, set: { value } }).run();
}

/** Each kind's channel: a choice on its way to the server first (the last one wins), then the synced one, then the default. */
function channels(data: AccountData) {
  const synced = rows(data, 'notificationPreferences')[0]?.data.channels ?? {};
  const paperless = profileOf(data)?.paperless ?? false;
  const pending = new Map<NotificationKind, NotificationPreferenceBody['channel']>();
  for (const item of outboxById(data).values()) {
    if (item.kind === PREFERENCE_KIND && item.status === 'pending' && item.body) pending.set(item.body.kind, item.body.channel);
  }
  return NOTIFICATION_KINDS.map((kind) => ({ kind, channel: pending.get(kind) ?? channelOf(kind, synced, paperless), pending: pending.has(kind) }));
}

/** The screen an entry opens; a document opens in the viewer (by its SHA-256, as the viewer's address has it) while it is still in the cache. */
export function targetOf(data: AccountData, kind: NotificationKind, params: Record<string, unknown>, refId: string | null): NotificationTarget {
  switch (kind) {
    case 'document.published': {
      const document = refId ? rows(data, 'document').find((row) => row.id === refId) : undefined;
      return document ? { page: 'documentViewer', id: document.data.sha256 } : { page: 'documents', id: null };
    }
    case 'request.answered':
    case 'request.status':
      return refId ? { page: 'requestDetail', id: refId } : { page: 'requests', id: null };
    case 'changeRequest.decided':
      return { page: params.changeKind === 'bank_details' ? 'balance' : 'dossier', id: null };
    case 'payment.accepted':
    case 'payment.refused':
    case 'debit.upcoming':
      return { page: 'balance', id: null };
    case 'insurance.expiring':
    case 'insurance.expired':
    case 'insurance.decided':
      return { page: 'insurance', id: null };
  }
}

/** The entries the tenant wants in the app (kinds set to mail only or none are not listed), newest first. */
function shownRows(data: AccountData) {
  const wanted = new Set(channels(data).filter((c) => inApp(c.channel)).map((c) => c.kind));
  return rows(data, 'notification')
    .filter((row) => wanted.has(row.data.kind))
    .sort((a, b) => b.data.at.localeCompare(a.data.at) || b.id.localeCompare(a.id));
}

export function notificationsView(data: AccountData): NotificationsView {
  const read = readIds(data.open.cache.db, READ_KEY) ?? new Set<string>();
  const items = shownRows(data).map((row) => ({
    id: row.id,
    kind: row.data.kind,
    params: row.data.params,
    at: row.data.at,
    read: read.has(row.id),
    target: targetOf(data, row.data.kind, row.data.params, row.data.refId),
  }));
  return { items, unread: items.filter((item) => !item.read).length };
}

export function markRead(data: AccountData, input: z.output<typeof markReadInputSchema>): NotificationsView {
  const db = data.open.cache.db;
  const live = new Set(rows(data, 'notification').map((row) => row.id));
  const read = readIds(db, READ_KEY) ?? new Set<string>();
  for (const id of 'all' in input ? live : input.ids) if (live.has(id)) read.add(id);
  // Only ids still in the cache are kept, so the list never outgrows the notifications.
  writeIds(db, READ_KEY, [...read].filter((id) => live.has(id)));
  return notificationsView(data);
}

export function preferencesView(data: AccountData): NotificationPreferencesView {
  return { kinds: channels(data) };
}

export function setPreference(data: AccountData, input: z.output<typeof setPreferenceInputSchema>): NotificationPreferencesView {
  data.enqueue({ kind: PREFERENCE_KIND, body: () => ({ kind: input.kind, channel: input.channel }) });
  return preferencesView(data);
}

export interface AnnounceOptions {
  notifier: Notifier;
  locale: Locale;
  portalTitle: string;
  /** Opens a screen in the app window (the notification was clicked). */
  open: (target: NotificationTarget | null) => void;
}

/**
 * After a sync: shows what it brought that was neither shown nor read, and remembers it as shown.
 * The first sync of this PC only remembers (a new PC does not replay years of news); more than
 * MAX_SHOWN_AT_ONCE at once become one "N nouveautés" notification that opens the centre.
 * Returns how many OS notifications were shown.
 */
export function announceNew(data: AccountData, options: AnnounceOptions): number {
  const db = data.open.cache.db;
  const shown = shownRows(data);
  const announced = readIds(db, ANNOUNCED_KEY);
  const read = readIds(db, READ_KEY) ?? new Set<string>();
  const all = rows(data, 'notification').map((row) => row.id);
  if (announced === null) {
    writeIds(db, ANNOUNCED_KEY, all);
    return 0;
  }
  const fresh = shown.filter((row) => !announced.has(row.id) && !read.has(row.id)).reverse();
  writeIds(db, ANNOUNCED_KEY, all);
  if (fresh.length === 0) return 0;
  const { notifier, locale, portalTitle, open } = options;
  if (fresh.length > MAX_SHOWN_AT_ONCE) {
    notifier.show({ id: `group-${fresh[0]!.id}`, title: portalTitle, body: groupedNotificationText(locale, fresh.length, portalTitle), target: null }, () => open(null));
    return 1;
  }
  for (const row of fresh) {
    const target = targetOf(data, row.data.kind, row.data.params, row.data.refId);
    notifier.show({ id: row.id, title: portalTitle, body: notificationText(locale, row.data.kind, row.data.params), target }, () => open(target));
  }
  return fresh.length;
}
