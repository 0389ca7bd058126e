/**
 * Dates as the landlord's office reads them, in both languages: "jj/mm/aaaa" (British English
 * uses the same order), timestamps as their Paris day and time, whatever the PC's time zone.
 */
import { formatFrenchDate } from '../../../../src-shared/validation/dates';

const PARIS_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });
const PARIS_DAY_TIME = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A calendar date ("2026-03-20") or a timestamp's Paris day, as "20/03/2026"; "—" for none. */
export function date(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (iso.length === 10) return formatFrenchDate(iso);
  return PARIS_DAY.format(new Date(iso));
}

/** A timestamp as "20/03/2026 10:30", Paris time. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return PARIS_DAY_TIME.format(new Date(iso)).replace(',', '');
}
