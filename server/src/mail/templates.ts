/** French mail templates, branded with the landlord's name and colours. */
import type { Landlord } from '../../../src-shared/api/landlord';
import type { MailMessage } from './mailer';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Greeting, paragraphs, optional action button, signature: the landlord's name and colours, plain text + HTML. */
export function compose(landlord: Landlord, to: string, subject: string, paragraphs: string[], action?: { label: string; url: string }, greeting = 'Bonjour,'): MailMessage {
  const { primary, onPrimary } = landlord.colors;
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((p) => [p, '']),
    ...(action ? [`${action.label} : ${action.url}`, ''] : []),
    'Cordialement,',
    `${landlord.name} — ${landlord.portalTitle}`,
    '',
    'Ce message est envoyé automatiquement, merci de ne pas y répondre.',
  ].join('\n');
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
<div style="background:${primary};color:${onPrimary};padding:16px;font-size:20px">${escapeHtml(landlord.name)} — ${escapeHtml(landlord.portalTitle)}</div>
<div style="padding:16px"><p>${escapeHtml(greeting)}</p>
${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${action ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;background:${primary};color:${onPrimary};padding:12px 20px;text-decoration:none;border-radius:4px">${escapeHtml(action.label)}</a></p><p>Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br>${escapeHtml(action.url)}</p>` : ''}
<p>Cordialement,<br>${escapeHtml(landlord.name)}</p>
<p style="font-size:13px;color:#555">Ce message est envoyé automatiquement, merci de ne pas y répondre.</p></div></body></html>`;
  return { to, subject, text, html, link: action?.url };
}

export const mailTemplates = {
  resetPassword: (l: Landlord, to: string, url: string) =>
    compose(
      l,
      to,
      'Réinitialisation de votre mot de passe',
      [
        'Vous avez demandé à réinitialiser le mot de passe de votre espace locataire.',
        'Ce lien est valable 30 minutes et ne peut servir qu\'une seule fois. Si vous n\'êtes pas à l\'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
      ],
      { label: 'Choisir un nouveau mot de passe', url },
    ),
  forgotIdentifier: (l: Landlord, to: string, email: string) =>
    compose(l, to, 'Votre identifiant de connexion', [
      `Votre identifiant de connexion à l'espace locataire est votre adresse mail : ${email}`,
      'Si vous avez aussi oublié votre mot de passe, utilisez le lien « Mot de passe oublié ? » de la page de connexion.',
    ]),
  confirmEmail: (l: Landlord, to: string, url: string) =>
    compose(
      l,
      to,
      'Confirmez votre nouvelle adresse mail',
      ['Vous avez demandé à utiliser cette adresse mail pour vous connecter à votre espace locataire.', 'Ce lien est valable 24 heures.'],
      { label: 'Confirmer mon adresse mail', url },
    ),
  emailChangeNotice: (l: Landlord, to: string, newEmail: string) =>
    compose(l, to, 'Changement de votre adresse mail', [
      `Une demande de changement de l'adresse mail de connexion vers ${newEmail} a été faite depuis votre espace locataire.`,
      'Si vous n\'êtes pas à l\'origine de cette demande, contactez votre chargé de clientèle.',
    ]),
  passwordChanged: (l: Landlord, to: string) =>
    compose(l, to, 'Votre mot de passe a été modifié', [
      'Le mot de passe de votre espace locataire vient d\'être modifié. Les autres appareils connectés ont été déconnectés.',
      'Si vous n\'êtes pas à l\'origine de ce changement, utilisez « Mot de passe oublié ? » et contactez votre chargé de clientèle.',
    ]),
};
