/**
 * The insurance's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  insurance: {
    title: 'Mon assurance logement',
    heading: 'Mettre à jour mon assurance',
    intro:
      "Saisissez les informations de votre attestation d'assurance habitation et joignez-la. Votre bailleur la vérifiera.",
    step1: 'Saisie de mon assurance',
    step2: 'Vérification de mes informations',
    step3: 'Enregistrement de mes informations',
    dossier: 'Dossier',
    insurer: "Nom de l'assureur",
    policyNumber: 'Police n°',
    period: "Période couverte par l'attestation",
    validFrom: 'Du (jj/mm/aaaa)',
    validTo: 'Au (jj/mm/aaaa)',
    dateHint: 'Par exemple 01/01/2026',
    attachment: 'Pièce justificative',
    attachmentHint: "Votre attestation d'assurance : fichier PDF, JPEG ou PNG, de 10 Mo au maximum.",
    doneText:
      "Votre bailleur va vérifier votre attestation. En attendant, elle apparaît « en attente de vérification » dans Mon dossier.",
    backToDossier: 'RETOUR À MON DOSSIER',
  },
};

export type Pages = typeof pages;
