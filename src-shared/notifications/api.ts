/**
 * Notifications (issue 20): the HTTP contract. What the server tells a tenant about without their
 * doing (a document published, staff's answer, a reminder), synced as `notification` rows, and the
 * tenant's choice of channel per kind, synced as one `notificationPreferences` row.
 */
import { z } from 'zod';
import { isoDateTimeSchema, uuidSchema } from '../api/common';

/** Every kind of notification, each produced once per subject (server/src/notifications/). */
export const NOTIFICATION_KINDS = [
  'document.published',
  'request.answered',
  'request.status',
  'changeRequest.decided',
  'payment.accepted',
  'payment.refused',
  'debit.upcoming',
  'insurance.expiring',
  'insurance.expired',
  /** Staff accepted or refused a certificate (issue 19's decideInsurance calls it: wired at merge). */
  'insurance.decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);

/** Where a kind reaches the tenant: the app (centre and OS notifications), a mail, both, or nowhere. */
export const NOTIFICATION_CHANNELS = ['app', 'mail', 'both', 'none'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const notificationChannelSchema = z.enum(NOTIFICATION_CHANNELS);

/** Parameters, never a French sentence: each side words them in its language. */
export const notificationParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export type NotificationParams = z.infer<typeof notificationParamsSchema>;

export const notificationDataSchema = z.object({
  kind: notificationKindSchema,
  params: notificationParamsSchema,
  /** What it opens: the request, the document, the change request, the certificate… (null: the screen itself). */
  refId: uuidSchema.nullable(),
  at: isoDateTimeSchema,
});
export type NotificationData = z.infer<typeof notificationDataSchema>;

/** The tenant's choices; a kind not listed takes its default (defaultChannel). */
export const notificationPreferencesDataSchema = z.object({
  channels: z.partialRecord(notificationKindSchema, notificationChannelSchema),
});
export type NotificationPreferencesData = z.infer<typeof notificationPreferencesDataSchema>;

/** POST /v1/notifications/preferences (outbox kind `notifications.preference`): one kind's channel. */
export const notificationPreferenceBodySchema = z.object({ kind: notificationKindSchema, channel: notificationChannelSchema }).strict();
export type NotificationPreferenceBody = z.infer<typeof notificationPreferenceBodySchema>;

/**
 * The channel of a kind the tenant never chose: documents by mail for paperless subscribers (they
 * already got the avis by mail before notifications existed), everything else in the app only.
 */
export function defaultChannel(kind: NotificationKind, paperless: boolean): NotificationChannel {
  return kind === 'document.published' && paperless ? 'both' : 'app';
}

export function channelOf(kind: NotificationKind, preferences: NotificationPreferencesData['channels'] | null | undefined, paperless: boolean): NotificationChannel {
  return preferences?.[kind] ?? defaultChannel(kind, paperless);
}

export const byMail = (channel: NotificationChannel): boolean => channel === 'mail' || channel === 'both';
export const inApp = (channel: NotificationChannel): boolean => channel === 'app' || channel === 'both';
