/** The payment confirmation mail (plain text + minimal HTML, the landlord's name and colours). */
import type { Landlord } from '../../../src-shared/api/landlord';
import { formatEuros } from '../../../src-shared/format/money';
import type { MailMessage } from '../mail/mailer';
import { escapeHtml } from './html';

export interface PaymentMailFacts {
  amountCents: number;
  /** dd/mm/yyyy */
  date: string;
  dossierNumber: string;
  transId: string;
}

export function paymentConfirmationMail(landlord: Landlord, to: string, facts: PaymentMailFacts): MailMessage {
  const subject = 'Confirmation de votre paiement en ligne';
  const paragraphs = [
    `Nous avons bien reçu votre paiement par carte bancaire de ${formatEuros(facts.amountCents)} du ${facts.date} pour le dossier n° ${facts.dossierNumber}.`,
    `Numéro de transaction : ${facts.transId}.`,
    'Votre quittance ou votre reçu est disponible dans votre espace locataire, rubrique « Mes documents ».',
  ];
  const signature = `${landlord.name} — ${landlord.portalTitle}`;
  const text = ['Bonjour,', '', ...paragraphs.flatMap((p) => [p, '']), 'Cordialement,', signature, '', 'Ce message est envoyé automatiquement, merci de ne pas y répondre.'].join('\n');
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
<div style="background:${landlord.colors.primary};color:${landlord.colors.onPrimary};padding:16px;font-size:20px">${escapeHtml(signature)}</div>
<div style="padding:16px"><p>Bonjour,</p>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}<p>Cordialement,<br>${escapeHtml(landlord.name)}</p></div></body></html>`;
  return { to, subject, text, html };
}
