/**
 * Tells main when a form holds input the tenant has not sent yet, so an app update never
 * restarts under it (update policy, issue 9). Typing in any form marks it; sending it or leaving
 * the page clears it. Reported only when it changes.
 */
import { call } from './bridge';

let dirty = false;

function report(next: boolean) {
  if (next === dirty) return;
  dirty = next;
  void call('app.setFormDirty', { dirty: next }).catch(() => undefined);
}

export function trackDirtyForms() {
  document.addEventListener('input', (event) => {
    if (event.target instanceof Element && event.target.closest('form')) report(true);
  }, true);
  document.addEventListener('submit', () => report(false), true);
  window.addEventListener('hashchange', () => report(false));
}
