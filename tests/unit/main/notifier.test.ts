/**
 * The Electron notifier (src-main/app/notifier.ts) with a fake Notification class: it shows what
 * the core hands it, opens the screen on click, replaces a notification of the same id, keeps a
 * bounded number alive, and does nothing where the OS has no notifications.
 */
import { describe, expect, it } from 'vitest';
import { electronNotifier, type NotificationClass } from '../../../src-main/app/notifier';

function fakeNotificationClass(supported = true) {
  const made: FakeNotification[] = [];
  class FakeNotification {
    shown = false;
    closed = false;
    listeners = new Map<string, () => void>();
    constructor(readonly options: { title?: string; body?: string }) {
      made.push(this);
    }
    static isSupported() {
      return supported;
    }
    show() {
      this.shown = true;
    }
    close() {
      if (this.closed) return;
      this.closed = true;
      this.listeners.get('close')?.();
    }
    on(event: string, listener: () => void) {
      this.listeners.set(event, listener);
      return this;
    }
    click() {
      this.listeners.get('click')?.();
    }
  }
  return { Notification: FakeNotification as unknown as NotificationClass, made };
}

const shown = (id: string, body = 'Réponse à votre demande n° 1000013.') => ({ id, title: 'Espace Locataire', body, target: { page: 'requestDetail' as const, id: '3f0c2c8e-0000-4000-8000-000000000001' } });

describe('Electron notifier', () => {
  it('shows the title and text, and opens the screen when clicked', () => {
    const { Notification, made } = fakeNotificationClass();
    const opened: string[] = [];
    electronNotifier(Notification).show(shown('a'), () => opened.push('a'));
    expect(made).toHaveLength(1);
    expect(made[0]!.options).toEqual({ title: 'Espace Locataire', body: 'Réponse à votre demande n° 1000013.' });
    expect(made[0]!.shown).toBe(true);
    expect(opened).toEqual([]);
    made[0]!.click();
    expect(opened).toEqual(['a']);
    expect(made[0]!.closed).toBe(true);
  });

  it('replaces a notification shown again with the same id, and keeps at most ten alive', () => {
    const { Notification, made } = fakeNotificationClass();
    const notifier = electronNotifier(Notification);
    notifier.show(shown('same', 'premier'), () => {});
    notifier.show(shown('same', 'second'), () => {});
    expect(made.map((n) => [n.options.body, n.closed])).toEqual([['premier', true], ['second', false]]);
    for (let i = 0; i < 12; i++) notifier.show(shown(`n${i}`), () => {});
    expect(made.filter((n) => !n.closed)).toHaveLength(10);
    // The oldest went first.
    expect(made.find((n) => n.options.body === 'second')!.closed).toBe(true);
  });

  it('does nothing where the system has no notifications', () => {
    const { Notification, made } = fakeNotificationClass(false);
    electronNotifier(Notification).show(shown('a'), () => {});
    expect(made).toEqual([]);
  });
});
