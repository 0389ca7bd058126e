/** Notifications' shared rules: each kind's default channel, and the OS notifications' words in both languages. */
import { describe, expect, it } from 'vitest';
import { byMail, channelOf, defaultChannel, inApp, NOTIFICATION_KINDS } from '../../../src-shared/notifications/api';
import { groupedNotificationText, notificationText } from '../../../src-shared/notifications/words';

describe('notification channels', () => {
  it('documents go by mail too for paperless subscribers (as before notifications); everything else in the app only', () => {
    expect(defaultChannel('document.published', true)).toBe('both');
    expect(defaultChannel('document.published', false)).toBe('app');
    for (const kind of NOTIFICATION_KINDS.filter((k) => k !== 'document.published')) expect(defaultChannel(kind, true)).toBe('app');
  });

  it("the tenant's choice wins over the default", () => {
    expect(channelOf('document.published', { 'document.published': 'none' }, true)).toBe('none');
    expect(channelOf('debit.upcoming', { 'document.published': 'none' }, true)).toBe('app');
    expect(['app', 'mail', 'both', 'none'].map((c) => [byMail(c as never), inApp(c as never)])).toEqual([[false, true], [true, false], [true, true], [false, false]]);
  });
});

describe('OS notification words', () => {
  it('word every kind in French and English, dates as dd/mm/yyyy, and the grouped one', () => {
    for (const kind of NOTIFICATION_KINDS) {
      expect(notificationText('fr', kind, { number: 1000013, date: '2026-04-03', validTo: '2026-05-07' })).not.toBe('');
      expect(notificationText('en', kind, { number: 1000013 })).not.toBe(notificationText('fr', kind, { number: 1000013 }));
    }
    expect(notificationText('fr', 'debit.upcoming', { date: '2026-04-03' })).toBe('Prélèvement de votre loyer le 03/04/2026.');
    expect(notificationText('fr', 'request.status', { number: 1000013, status: 'in_progress', plannedDate: '2026-03-26' })).toBe('Intervention prévue le 26/03/2026 pour votre demande n° 1000013.');
    expect(groupedNotificationText('fr', 12, 'Espace Locataire')).toBe('12 nouveautés dans votre Espace Locataire');
    expect(groupedNotificationText('en', 12, 'Tenant portal')).toBe('12 new items in your Tenant portal');
  });
});
