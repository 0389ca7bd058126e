/**
 * The words of an OS notification, in French and English. Main shows these (Electron's
 * Notification, the preview's toast) and has no renderer dictionary, so they live here; the
 * centre's list is worded by the renderer's i18n layer (src-renderer/i18n).
 */
import type { Locale } from '../locale';
import type { NotificationKind, NotificationParams } from './api';

const day = (iso: unknown): string => (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const n = (params: NotificationParams) => String(params.number ?? '');

const WORDS: Record<Locale, Record<NotificationKind, (p: NotificationParams) => string> & { group: (count: number, title: string) => string }> = {
  fr: {
    'document.published': () => 'Un nouveau document est disponible dans « Mes documents ».',
    'request.answered': (p) => `Réponse à votre demande n° ${n(p)}.`,
    'request.status': (p) => (p.plannedDate ? `Intervention prévue le ${day(p.plannedDate)} pour votre demande n° ${n(p)}.` : `Votre demande n° ${n(p)} a changé de statut.`),
    'changeRequest.decided': (p) => (p.decision === 'approve' ? 'Votre demande de modification a été acceptée.' : 'Votre demande de modification a été refusée.'),
    'payment.accepted': () => 'Votre paiement en ligne a été accepté.',
    'payment.refused': () => "Votre paiement en ligne n'a pas abouti.",
    'debit.upcoming': (p) => `Prélèvement de votre loyer le ${day(p.date)}.`,
    'insurance.expiring': (p) => `Votre attestation d'assurance expire le ${day(p.validTo)}.`,
    'insurance.expired': () => "Votre attestation d'assurance a expiré.",
    'insurance.decided': (p) => (p.decision === 'accept' ? "Votre attestation d'assurance a été acceptée." : "Votre attestation d'assurance a été refusée."),
    group: (count, title) => `${count} nouveautés dans votre ${title}`,
  },
  en: {
    'document.published': () => 'A new document is available in "My documents".',
    'request.answered': (p) => `Reply to your request no. ${n(p)}.`,
    'request.status': (p) => (p.plannedDate ? `Visit planned on ${day(p.plannedDate)} for your request no. ${n(p)}.` : `Your request no. ${n(p)} changed status.`),
    'changeRequest.decided': (p) => (p.decision === 'approve' ? 'Your change request was approved.' : 'Your change request was refused.'),
    'payment.accepted': () => 'Your online payment was accepted.',
    'payment.refused': () => 'Your online payment did not go through.',
    'debit.upcoming': (p) => `Your rent will be debited on ${day(p.date)}.`,
    'insurance.expiring': (p) => `Your insurance certificate expires on ${day(p.validTo)}.`,
    'insurance.expired': () => 'Your insurance certificate has expired.',
    'insurance.decided': (p) => (p.decision === 'accept' ? 'Your insurance certificate was accepted.' : 'Your insurance certificate was refused.'),
    group: (count, title) => `${count} new items in your ${title}`,
  },
};

export function notificationText(locale: Locale, kind: NotificationKind, params: NotificationParams): string {
  return WORDS[locale][kind](params);
}

/** "12 nouveautés dans votre Espace Locataire": the one notification after a long offline period. */
export function groupedNotificationText(locale: Locale, count: number, portalTitle: string): string {
  return WORDS[locale].group(count, portalTitle);
}
