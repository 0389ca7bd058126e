/**
 * The landlord's name and colours from GET /v1/landlord (white-label: no name in the code).
 * Colours go on <html> as custom properties through the CSSOM (allowed by the strict CSP),
 * kept at WCAG AA by the tenant app's contrast rules.
 */
import type { Landlord } from '../../../../src-shared/api/landlord';
import { apiPath } from '../../../../src-shared/api/routes';
import { darkenUntil, readableOn } from '../../../../src-renderer/lib/contrast';

let landlord = $state<Landlord | null>(null);

export const branding = {
  get landlord() {
    return landlord;
  },
  async load() {
    try {
      const response = await fetch(apiPath('landlord'));
      if (response.ok) branding.apply((await response.json()) as Landlord);
    } catch {
      // the console still works in its neutral colours
    }
  },
  apply(value: Landlord) {
    landlord = value;
    const style = document.documentElement.style;
    const primary = darkenUntil(value.colors.primary, '#ffffff', 4.5);
    style.setProperty('--primary', primary);
    style.setProperty('--on-primary', readableOn(primary, value.colors.onPrimary));
    style.setProperty('--accent', darkenUntil(value.colors.accent, '#ffffff', 4.5));
    style.setProperty('--alert', darkenUntil(value.colors.alert, '#ffffff', 4.5));
  },
};
