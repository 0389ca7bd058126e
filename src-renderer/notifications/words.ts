/** The centre's words for each kind, through the i18n layer (fr.ts, en.ts: `notifications.kinds.*`). */
import type { NotificationChannel, NotificationKind, NotificationParams } from '../../src-shared/notifications/api';
import { formatFrenchDate } from '../../src-shared/validation/dates';
import { formatEuros } from '../../src-shared/format/money';
import { i18n, t, type MessageKey } from '../i18n/index.svelte';

/** The channels in the order the preferences offer them (a Record, so a new channel without its place does not compile; no zod in the first screen). */
const CHANNEL_ORDER: Record<NotificationChannel, number> = { app: 0, mail: 1, both: 2, none: 3 };
export const CHANNELS = (Object.keys(CHANNEL_ORDER) as NotificationChannel[]).sort((a, b) => CHANNEL_ORDER[a] - CHANNEL_ORDER[b]);

/** Every kind's sentence and preference label: a kind without its words does not compile. */
const KINDS: Record<NotificationKind, { sentence: MessageKey; label: MessageKey }> = {
  'document.published': { sentence: 'notifications.kinds.documentPublished', label: 'notifications.labels.documentPublished' },
  'request.answered': { sentence: 'notifications.kinds.requestAnswered', label: 'notifications.labels.requestAnswered' },
  'request.status': { sentence: 'notifications.kinds.requestStatus', label: 'notifications.labels.requestStatus' },
  'changeRequest.decided': { sentence: 'notifications.kinds.changeRequestDecided', label: 'notifications.labels.changeRequestDecided' },
  'payment.accepted': { sentence: 'notifications.kinds.paymentAccepted', label: 'notifications.labels.paymentAccepted' },
  'payment.refused': { sentence: 'notifications.kinds.paymentRefused', label: 'notifications.labels.paymentRefused' },
  'debit.upcoming': { sentence: 'notifications.kinds.debitUpcoming', label: 'notifications.labels.debitUpcoming' },
  'insurance.expiring': { sentence: 'notifications.kinds.insuranceExpiring', label: 'notifications.labels.insuranceExpiring' },
  'insurance.expired': { sentence: 'notifications.kinds.insuranceExpired', label: 'notifications.labels.insuranceExpired' },
  'insurance.decided': { sentence: 'notifications.kinds.insuranceDecided', label: 'notifications.labels.insuranceDecided' },
};

const day = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? (i18n.locale === 'fr' ? formatFrenchDate(value) : value) : '');

export function notificationSentence(kind: NotificationKind, params: NotificationParams): string {
  const documentKind = typeof params.documentKind === 'string' && ['avis_echeance', 'quittance', 'recu'].includes(params.documentKind) ? params.documentKind : 'other';
  const status = typeof params.status === 'string' && ['open', 'in_progress', 'closed', 'cancelled'].includes(params.status) ? params.status : 'open';
  // A status change with a planned intervention (staff's planned date, issue 19) says the date.
  const sentence = kind === 'request.status' && typeof params.plannedDate === 'string' ? 'notifications.kinds.requestPlanned' : KINDS[kind].sentence;
  return t(sentence, {
    number: String(params.number ?? ''),
    document: t(`notifications.documents.${documentKind as 'avis_echeance'}`),
    status: t(`notifications.statuses.${status as 'open'}`),
    decision: t(params.decision === 'approve' || params.decision === 'accept' ? 'notifications.decisions.approve' : 'notifications.decisions.refuse'),
    amount: formatEuros(Number(params.amountCents ?? 0), { locale: i18n.locale }),
    date: day(params.date ?? params.validTo ?? params.plannedDate),
  });
}

export function kindLabel(kind: NotificationKind): string {
  return t(KINDS[kind].label);
}
