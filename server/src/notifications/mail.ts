/** The notification mails: one French subject and text per kind, in the landlord's branding, with the one-click unsubscribe headers (RFC 8058). */
import type { Landlord } from '../../../src-shared/api/landlord';
import { formatEuros } from '../../../src-shared/format/money';
import type { NotificationKind, NotificationParams } from '../../../src-shared/notifications/api';
import { formatFrenchDate } from '../../../src-shared/validation/dates';
import type { MailMessage } from '../mail/mailer';
import { compose } from '../mail/templates';
import { displayFirstName } from '../lib/names';
import { periodLabel } from '../documents/text';

/** What each kind is, in the words of the unsubscribe page ("Vous ne recevrez plus par mail …"). */
export const KIND_WORDS: Record<NotificationKind, string> = {
  'document.published': 'les nouveaux documents (avis d\'échéance, quittances, reçus)',
  'request.answered': 'les réponses à vos demandes',
  'request.status': 'le suivi de vos demandes',
  'changeRequest.decided': 'les décisions sur vos demandes de modification',
  'payment.accepted': 'les paiements acceptés',
  'payment.refused': 'les paiements refusés',
  'debit.upcoming': 'les rappels de prélèvement',
  'insurance.expiring': 'les rappels d\'attestation d\'assurance à renouveler',
  'insurance.expired': 'les alertes d\'attestation d\'assurance expirée',
  'insurance.decided': 'les décisions sur vos attestations d\'assurance',
};

const DOCUMENT_WORDS: Record<string, string> = { avis_echeance: "Votre avis d'échéance", quittance: 'Votre quittance de loyer', recu: 'Votre reçu de paiement' };
const STATUS_WORDS: Record<string, string> = { open: 'est ouverte', in_progress: 'est en cours de traitement', closed: 'est clôturée', cancelled: 'est annulée' };
const CHANGE_WORDS: Record<string, string> = { personal_info: 'de vos informations personnelles', occupants: 'des occupants', bank_details: 'de vos coordonnées bancaires' };

const str = (params: NotificationParams, key: string): string => String(params[key] ?? '');
const day = (params: NotificationParams, key: string): string => (typeof params[key] === 'string' ? formatFrenchDate(params[key]) : '');
const month = (params: NotificationParams) => (typeof params.period === 'string' && /^\d{4}-\d{2}$/.test(params.period) ? ` de ${periodLabel(params.period).toLocaleLowerCase('fr-FR')}` : '');

/** Subject and sentences of a kind (French: the server's mails are in French, like the landlord's letters). */
export function notificationWords(kind: NotificationKind, params: NotificationParams, portalTitle: string): { subject: string; lines: string[] } {
  const where = (rubric: string) => `Retrouvez-la dans votre ${portalTitle}, rubrique « ${rubric} ».`;
  switch (kind) {
    case 'document.published': {
      const what = DOCUMENT_WORDS[str(params, 'documentKind')] ?? 'Un nouveau document';
      return { subject: `${what}${month(params)} est disponible`, lines: [`${what}${month(params)} est disponible dans votre ${portalTitle}, rubrique « Mes documents ».`] };
    }
    case 'request.answered':
      return { subject: `Réponse à votre demande n° ${str(params, 'number')}`, lines: [`Votre bailleur a répondu à votre demande n° ${str(params, 'number')}.`, where('Mes demandes')] };
    case 'request.status': {
      const planned = params.plannedDate ? ` Intervention prévue le ${day(params, 'plannedDate')}.` : '';
      return { subject: `Votre demande n° ${str(params, 'number')} ${STATUS_WORDS[str(params, 'status')] ?? 'a changé'}`, lines: [`Votre demande n° ${str(params, 'number')} ${STATUS_WORDS[str(params, 'status')] ?? 'a changé de statut'}.${planned}`, where('Mes demandes')] };
    }
    case 'changeRequest.decided': {
      const decided = params.decision === 'approve' ? 'acceptée' : 'refusée';
      return { subject: `Votre demande de modification a été ${decided}`, lines: [`Votre demande de modification ${CHANGE_WORDS[str(params, 'changeKind')] ?? ''} a été ${decided}.`.replace('  ', ' '), `Le détail est dans votre ${portalTitle}.`] };
    }
    case 'payment.accepted':
      return { subject: 'Votre paiement a été accepté', lines: [`Votre paiement en ligne de ${formatEuros(Number(params.amountCents ?? 0))} a été accepté.`, `Votre quittance ou votre reçu sera disponible dans votre ${portalTitle}, rubrique « Mes documents ».`] };
    case 'payment.refused':
      return { subject: "Votre paiement n'a pas abouti", lines: [`Votre paiement en ligne de ${formatEuros(Number(params.amountCents ?? 0))} a été refusé par la banque : rien n'a été débité.`, `Vous pouvez payer de nouveau depuis votre ${portalTitle}, rubrique « Payer en ligne ».`] };
    case 'debit.upcoming':
      return { subject: `Prélèvement de votre loyer le ${day(params, 'date')}`, lines: [`Le prélèvement de votre loyer aura lieu le ${day(params, 'date')}.`, `Votre solde est dans votre ${portalTitle}, rubrique « Ma situation de solde ».`] };
    case 'insurance.expiring':
      return { subject: `Votre attestation d'assurance expire le ${day(params, 'validTo')}`, lines: [`Votre attestation d'assurance habitation expire le ${day(params, 'validTo')}.`, `Envoyez la nouvelle depuis votre ${portalTitle}, rubrique « Mon assurance ».`] };
    case 'insurance.decided': {
      const accepted = params.decision === 'accept';
      return {
        subject: accepted ? "Votre attestation d'assurance a été acceptée" : "Votre attestation d'assurance a été refusée",
        lines: [accepted ? "Votre attestation d'assurance habitation a été acceptée." : "Votre attestation d'assurance habitation a été refusée : le motif est dans « Mon assurance ».", `Retrouvez-la dans votre ${portalTitle}, rubrique « Mon assurance ».`],
      };
    }
    case 'insurance.expired':
      return { subject: "Votre attestation d'assurance a expiré", lines: [`Votre attestation d'assurance habitation a expiré le ${day(params, 'validTo')}. L'assurance de votre logement est obligatoire.`, `Envoyez la nouvelle depuis votre ${portalTitle}, rubrique « Mon assurance ».`] };
  }
}

/** The mail of one notification; `unsubscribe` is the kind's one-click link (also in the body, for every mail reader). */
export function notificationMail(landlord: Landlord, to: string, firstName: string, kind: NotificationKind, params: NotificationParams, unsubscribe: string): MailMessage {
  const { subject, lines } = notificationWords(kind, params, landlord.portalTitle);
  const message = compose(
    landlord,
    to,
    subject,
    [...lines, `Vous recevez ce message car vous avez choisi d'être prévenu par mail. Pour ne plus recevoir par mail ${KIND_WORDS[kind]} : ${unsubscribe}`],
    undefined,
    firstName ? `Bonjour ${displayFirstName(firstName)},` : 'Bonjour,',
  );
  return { ...message, headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}
