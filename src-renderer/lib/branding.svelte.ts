/**
 * The landlord's branding (name, title, logo, colours), read once from main at start. Nothing in
 * the renderer names a landlord: every mention comes from here.
 */
import type { Branding } from '../../src-shared/bridge';
import { call, portal } from './bridge';
import { darkenUntil, readableOn } from './contrast';

const WHITE = '#ffffff';

let value = $state<Branding | null>(null);

export const branding = {
  get current(): Branding | null {
    return value;
  },
  /** The title for the window and headings, before branding is known too. */
  get portalTitle(): string | null {
    return value?.portalTitle ?? null;
  },
  get name(): string {
    return value?.name ?? '';
  },
};

/**
 * Colours as CSS custom properties on <html>. Each one is checked against what it is drawn on
 * (the white page, or its own text colour) and corrected when it would fail WCAG AA.
 */
function applyColors(colors: Branding['colors']) {
  const style = document.documentElement.style;
  const primary = darkenUntil(colors.primary, WHITE, 4.5);
  const accent = darkenUntil(colors.accent, WHITE, 4.5);
  const alert = darkenUntil(colors.alert, WHITE, 4.5);
  style.setProperty('--color-primary', primary);
  style.setProperty('--color-on-primary', readableOn(primary, colors.onPrimary));
  style.setProperty('--color-accent', accent);
  style.setProperty('--color-alert', alert);
  style.setProperty('--color-on-alert', readableOn(alert, WHITE));
}

function apply(next: Branding) {
  value = next;
  applyColors(next.colors);
}

// The landlord's own settings may arrive after the first paint (fetched by main): repaint then.
portal.on('branding.changed', apply);

export async function loadBranding(): Promise<void> {
  try {
    apply(await call('branding.get'));
  } catch {
    // The neutral colours of global.css stay; titles fall back to the product name.
    value = null;
  }
}
