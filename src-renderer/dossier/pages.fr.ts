/**
 * The MON DOSSIER's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  dossier: {
    title: 'Mon dossier',
    heading: 'Mon dossier',
    intro:
      'Vous retrouverez ici vos informations personnelles, le paiement en ligne de votre loyer et votre assurance logement.',
    personalInfo: 'Mes informations personnelles',
    contact: 'COORDONNÉES',
    information: 'INFORMATIONS',
    email: 'Adresse mail',
    phoneHome: 'Téléphone Domicile',
    phoneMobile: 'Téléphone Mobile',
    phoneWork: 'Téléphone Travail',
    cafNumber: "Numéro d'allocataire",
    pendingUpdate: 'Une demande de mise à jour de ces informations est actuellement en cours.',
    modify: 'MODIFIER',
    modifyHidden: 'mes informations personnelles',
    validate: 'VALIDER',
    cancel: 'ANNULER',
    editIntro:
      'Modifiez vos numéros, puis cliquez sur « Valider ». Votre bailleur vérifiera votre demande. Laissez un champ vide si vous n’avez pas ce numéro.',
    phoneHint: 'Par exemple 06 01 02 03 04',
    cafHint: 'Il figure sur les courriers de votre CAF.',
    emailNote: 'Votre adresse mail est aussi votre identifiant de connexion. Elle se change à part, avec « Modifier mon adresse email » :',
    emailLink: 'Modifier mon adresse email',
    payTitle: 'Je paie mon loyer en ligne',
    payText: 'Payez votre loyer ou votre solde depuis votre espace locataire en toute sécurité.',
    pay: 'PAYER EN LIGNE',
    insuranceTitle: 'Mon assurance logement',
    insuranceNone: "Vous n'avez pas d'assurance pour ce contrat",
    insuranceValid: "Assurance valable jusqu'au {date}",
    insurancePending: 'Attestation envoyée : en attente de vérification par votre bailleur.',
    insuranceExpired: 'Votre assurance a expiré le {date}. Envoyez votre nouvelle attestation.',
    insuranceRefused: "Votre dernière attestation n'a pas été acceptée. Envoyez-en une nouvelle.",
    insurer: 'Assureur',
    policyNumber: 'Police n°',
    period: 'Du {from} au {to}',
    insuranceModifyHidden: "l'assurance du dossier n° {number}",
    noHousing: "Aucun de vos dossiers ne comporte de logement : il n'y a pas d'assurance à fournir.",
  },
};

export type Pages = typeof pages;
