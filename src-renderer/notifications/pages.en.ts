/** The notifications's `pages.*` blocks in English: typed `Pages`, so a missing or extra key fails the type check. */
import type { Pages } from './pages.fr';

export const pages: Pages = {
  notifications: {
    title: 'My notifications',
    heading: 'My notifications',
    intro: 'What is new in your tenant portal: documents, replies to your requests, reminders.',
    loading: 'Loading your notifications…',
    unavailable: 'Your notifications are not on this computer yet. Connect to the internet, then try again.',
    retry: 'Try again',
    markAll: 'Mark all as read',
    preferencesLink: 'Choose how to be told',
    empty: 'No notifications yet.',
    unread: 'Unread:',
    openEntry: 'Open: {text}',
  },
  notificationPreferences: {
    title: 'Notification preferences',
    heading: 'Notification preferences',
    intro: 'For each kind of news, choose how to be told: in the app, by email, both, or not at all.',
    loading: 'Loading your preferences…',
    unavailable: 'Your preferences are not on this computer yet. Connect to the internet, then try again.',
    retry: 'Try again',
    pending: 'Choice being sent to your landlord.',
    back: 'Back to my notifications',
    channels: { app: 'In the app', mail: 'By email', both: 'In the app and by email', none: 'Do not tell me' },
  },
};
