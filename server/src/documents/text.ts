/**
 * Wording shared by the three documents: periods, names, addresses, payment channels.
 */
import { formatEuros } from '../../../src-shared/format/money';
import { daysInMonth, formatFrenchDate, formatMonthYear, parseIsoDate } from '../../../src-shared/validation/dates';
import { DocumentRefusedError } from './errors';
import type { DocumentKind, DocumentTenant, PaymentChannel, PostalAddress } from './types';

/** "2026-11" -> "Novembre 2026" (capital for a heading; formatMonthYear is lower case for running text). */
export function periodLabel(period: string): string {
  const text = formatMonthYear(requirePeriod(period), 'fr');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "2026-02" -> { first: "01/02/2026", last: "28/02/2026" }: art. 21 asks for the period; exact bounds leave no doubt. */
export function periodBounds(period: string): { first: string; last: string } {
  const [year, month] = requirePeriod(period).split('-').map(Number) as [number, number];
  const mm = String(month).padStart(2, '0');
  return { first: `01/${mm}/${year}`, last: `${daysInMonth(year, month)}/${mm}/${year}` };
}

export function requirePeriod(period: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    throw new DocumentRefusedError('invalid_input', `Période attendue au format aaaa-mm (reçu : "${period}").`, { period });
  }
  return period;
}

export function requireIsoDate(field: string, iso: string): string {
  if (!parseIsoDate(iso)) throw new DocumentRefusedError('invalid_input', `${field} : date ISO aaaa-mm-jj attendue (reçu : "${iso}").`, { field });
  return iso;
}

/** "18/04/2023", the date format of the whole product. */
export const date = (iso: string): string => formatFrenchDate(iso);

/** "1 234,56 €" as French typography writes it: U+202F between thousands, U+00A0 before "€" (the embedded font has both). */
export const euros = (cents: number): string => formatEuros(cents);

/** "Mme DUPONT Martine": civility, family name in capitals as on French mail, then first name. */
export function tenantName(tenant: DocumentTenant): string {
  return [tenant.civility, tenant.lastName.toLocaleUpperCase('fr-FR'), tenant.firstName].filter(Boolean).join(' ');
}

/** Postal lines; the last one in capitals, as La Poste asks for the "code postal LOCALITÉ" line. */
export function addressLines(address: PostalAddress): string[] {
  return [address.addressLine, address.complement ?? '', `${address.postalCode} ${address.city.toLocaleUpperCase('fr-FR')}`].filter(
    (line) => line.trim() !== '',
  );
}

/** One line for running text: "8, rue Saint-Nicolas, 78000 Versailles". */
export function addressInline(address: PostalAddress): string {
  return [address.addressLine, address.complement ?? '', `${address.postalCode} ${address.city}`].filter((part) => part.trim() !== '').join(', ');
}

/**
 * The article that governs quittances, with no-break spaces where French typography forbids a
 * line break ("n° 89-462", "6 juillet 1989").
 */
export const LAW_89_462_ART_21 = 'loi n°\u00A089-462 du 6\u00A0juillet\u00A01989, art.\u00A021';

/** "Dossier n° 0123456789": the number never leaves its "n°" at the end of a line. */
export const numbered = (label: string, value: string): string => `${label} n\u00B0\u00A0${value}`;

export const CHANNEL_LABELS: Record<PaymentChannel, string> = {
  prelevement: 'Prélèvement',
  virement: 'Virement',
  carte: 'Carte bancaire',
  cheque: 'Chèque',
  especes: 'Espèces',
};

const TITLES: Record<DocumentKind, string> = {
  avis_echeance: "Avis d'échéance",
  quittance: 'Quittance de loyer',
  recu: 'Reçu de paiement partiel',
};

/**
 * Title of the document: PDF metadata Title and documentDataSchema.title, so the Mes documents
 * list, the viewer's title bar and a screen reader all say the same: "Quittance de loyer – Novembre 2026".
 */
export function documentTitle(kind: DocumentKind, period: string, options: { rectificatif?: boolean } = {}): string {
  return `${TITLES[kind]}${options.rectificatif ? ' rectificatif' : ''} – ${periodLabel(period)}`;
}
