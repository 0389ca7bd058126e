/**
 * The payment's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  payment: {
    title: 'Payer en ligne',
    heading: 'Je règle mon loyer',
    intro: 'Payez votre loyer ou votre solde depuis votre espace locataire en toute sécurité.',
    stepsLabel: 'Étapes du paiement',
    stepPrefix: 'Étape {n} :',
    step1: 'Montant du paiement',
    step2: 'Transfert vers la banque',
    step3: 'Confirmation',
    loading: 'Chargement de vos contrats…',
    retry: 'RÉESSAYER',
    offline:
      "Le paiement en ligne nécessite une connexion internet : le serveur de votre bailleur est injoignable. Vos informations restent consultables ; réessayez une fois connecté.",
    disabled: "Le paiement en ligne n'est pas proposé par votre bailleur pour le moment.",
    nextOffline: 'Le paiement est indisponible hors connexion.',
    contract: 'Choisissez le contrat',
    dossierOption: 'Dossier n°{number} : {address}',
    balance: 'Solde à jour :',
    upToDate: 'Vous êtes à jour dans vos paiements.',
    amount: 'Montant que vous souhaitez payer par carte bancaire :',
    amountHint: 'En euros, par exemple 125,50.',
    amountHintMax: 'En euros, par exemple 125,50 ; {max} au plus par paiement.',
    ceiling: 'Le montant ne peut pas dépasser {max} par paiement.',
    next: 'ÉTAPE SUIVANTE',
    nextWindow: '(ouvre la page de paiement de votre banque dans une nouvelle fenêtre)',
    cancel: 'ANNULER',
    bankOpened: "La page de paiement sécurisé de votre banque s'est ouverte dans une nouvelle fenêtre.",
    bankName: 'Votre banque :',
    bankInstructions:
      'Saisissez-y le numéro, la date d\'expiration et le cryptogramme de votre carte bancaire, puis validez. Revenez ensuite sur cette page.',
    popupBlocked: "La fenêtre de la banque n'a pas pu s'ouvrir.",
    openBank: 'Ouvrir la page de paiement sécurisé',
    waiting: 'En attente de la réponse de votre banque…',
    pending: 'Votre banque vérifie le paiement…',
    check: 'VÉRIFIER LE PAIEMENT',
    back: 'REVENIR AU MONTANT',
    acceptedTitle: 'Paiement effectué',
    accepted: 'Votre paiement de {amount} du {date} a bien été enregistré.',
    transaction: 'Numéro de transaction : {number}.',
    quittanceReady: 'Votre quittance est disponible dans',
    recuReady: 'Votre reçu est disponible dans',
    documentsLink: 'Mes documents',
    documentSoon: 'Votre quittance ou votre reçu sera disponible dans Mes documents dans quelques instants.',
    home: "RETOUR À L'ACCUEIL",
    refusedTitle: 'Paiement refusé',
    refused:
      "Votre banque a refusé le paiement. Aucune somme n'a été débitée. Vérifiez les informations de votre carte ou essayez avec une autre carte.",
    cancelledTitle: 'Paiement abandonné',
    cancelled: "Le paiement a été abandonné sur la page de la banque. Aucune somme n'a été débitée.",
    tryAgain: 'RÉESSAYER',
  },
};

export type Pages = typeof pages;
