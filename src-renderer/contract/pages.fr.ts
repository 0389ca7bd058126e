/**
 * The MON CONTRAT's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  contract: {
    title: 'Mon contrat',
    heading: 'Mon contrat',
    intro:
      "Vous pouvez suivre ici l'ensemble de vos contrats (Logement, Stationnement, Facturation), consulter et modifier les occupants du logement.",
    dossierHeading: 'DOSSIER N° {number}',
    kinds: { logement: 'Logement', stationnement: 'Stationnement', facturation: 'Facturation' },
    address: 'Adresse',
    since: 'Depuis le {date}',
    occupantsTitle: 'Les occupants',
    occupantsCount: '{count} occupant(s)',
    occupantsNote: 'Les occupants de votre logement sont obligatoirement rattachés à votre foyer.',
    caption: 'Occupants du logement, dossier n° {number}',
    civility: 'Civilité',
    lastName: 'Nom',
    firstName: 'Prénom',
    birthDate: 'Date de naissance',
    birthDateInput: 'Date de naissance (jj/mm/aaaa)',
    relationship: 'Parenté',
    signatory: 'Occupant signataire',
    yes: 'Oui',
    no: 'Non',
    modify: 'MODIFIER',
    modifyHidden: 'les occupants du dossier n° {number}',
    editTitle: 'Modification des occupants',
    validate: 'VALIDER',
    cancel: 'ANNULER',
    editIntro:
      'Ajoutez, corrigez ou retirez des occupants, puis cliquez sur « Valider ». Votre bailleur vérifiera votre demande.',
    occupantLegend: 'Occupant {index}',
    signatoryLegend: 'Occupant {index} : signataire du contrat',
    signatoryNote: "L'occupant signataire du contrat ne peut pas être retiré.",
    add: 'AJOUTER UN OCCUPANT',
    remove: 'RETIRER CET OCCUPANT',
    removeHidden: '(occupant {index})',
    removed: 'Occupant retiré. Il reste {count} occupant(s).',
    pending: 'Une demande de modification des occupants est actuellement en cours.',
    noContracts: "Aucun contrat n'est rattaché à ce dossier.",
    noOccupants: 'Aucun occupant enregistré.',
    choose: 'Choisissez',
    relationships: {
      none: 'Non précisée',
      conjoint: 'conjoint(e)',
      enfant: 'enfant',
      parent: 'parent',
      fratrie: 'frère ou sœur',
      petitEnfant: 'petit-enfant',
      autre: 'autre',
    },
  },
};

export type Pages = typeof pages;
