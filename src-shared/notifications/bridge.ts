/** Notifications (issue 20): the centre's view, read state, the preferences screen, and the in-page toast of the preview. */
import { z } from 'zod';
import { isoDateTime } from '../view-parts';
import { type AreaProcedures, empty, procedure } from '../procedure';
import { notificationChannelSchema, notificationKindSchema, notificationParamsSchema } from './api';

/** The screen an entry opens (the renderer maps it to its route). */
export const notificationTargetSchema = z.object({
  page: z.enum(['requestDetail', 'documentViewer', 'documents', 'balance', 'insurance', 'dossier', 'requests']),
  id: z.string().nullable(),
});
export type NotificationTarget = z.infer<typeof notificationTargetSchema>;

export const notificationsViewSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: notificationKindSchema,
      params: notificationParamsSchema,
      at: isoDateTime,
      read: z.boolean(),
      target: notificationTargetSchema,
    }),
  ),
  unread: z.number().int().nonnegative(),
});
export type NotificationsView = z.infer<typeof notificationsViewSchema>;

export const markReadInputSchema = z.union([z.object({ ids: z.array(z.string().uuid()).max(1000) }).strict(), z.object({ all: z.literal(true) }).strict()]);

export const notificationPreferencesViewSchema = z.object({
  kinds: z.array(z.object({ kind: notificationKindSchema, channel: notificationChannelSchema, pending: z.boolean() })),
});
export type NotificationPreferencesView = z.infer<typeof notificationPreferencesViewSchema>;

export const setPreferenceInputSchema = z.object({ kind: notificationKindSchema, channel: notificationChannelSchema }).strict();

/** What the preview host shows in the page where Electron shows an OS notification. */
export const notificationToastSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  target: notificationTargetSchema.nullable(),
});
export type NotificationToast = z.infer<typeof notificationToastSchema>;

export const notificationsProcedures = {
  'notifications.list': procedure(empty, notificationsViewSchema),
  'notifications.markRead': procedure(markReadInputSchema, notificationsViewSchema),
  'notifications.preferences': procedure(empty, notificationPreferencesViewSchema),
  'notifications.setPreference': procedure(setPreferenceInputSchema, notificationPreferencesViewSchema),
} as const satisfies AreaProcedures;

export const notificationsEvents = {
  /** After a sync brought something, or entries were read: the bell's count. */
  'notifications.changed': z.object({ unread: z.number().int().nonnegative() }),
  /** The preview's stand-in for an OS notification (Electron shows a native one instead). */
  'notifications.toast': notificationToastSchema,
  /** An OS notification was clicked: the window shows its screen (null: the centre). */
  'notifications.open': z.object({ target: notificationTargetSchema.nullable() }),
} as const;
