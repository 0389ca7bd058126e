/**
 * The documents's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  documents: {
    title: 'Mes documents',
    heading: 'Mes documents',
    intro: "Vous retrouverez ici vos quittances et vos avis d'échéances numériques.",
    // ---- Mes documents (sections B) ----
    loading: 'Chargement de vos documents…',
    loadFailed: "Vos documents n'ont pas pu être affichés.",
    retry: 'Réessayer',
    dossier: 'Dossier n° {number}',
    filterLabel: 'Afficher l’année',
    offlineHint:
      "Un document marqué « Disponible hors connexion » est gardé sur cet ordinateur : il s'ouvre même sans internet.",
    quittancesTitle: 'Mes quittances',
    quittancesCaption: 'Mes quittances et reçus, dossier n° {number}',
    noQuittances:
      'Aucune quittance pour le moment. Une quittance est établie pour chaque mois entièrement payé ; un paiement partiel donne un reçu.',
    noQuittancesYear: 'Aucune quittance pour {year}.',
    month: 'Mois',
    year: 'Année',
    actions: 'Document',
    // The column of the sum the document states; "Non indiqué" when the landlord did not give it.
    amount: 'Montant',
    amountUnknown: 'Non indiqué',
    kind: {
      quittance: 'Quittance',
      recu: 'Reçu',
      avis_echeance: "Avis d'échéance",
    },
    recuNote: 'Reçu (paiement partiel, ce n’est pas une quittance)',
    // {period} carries its own "de" / "d'" (formatOfMonthYear): "Quittance d'octobre 2026".
    documentName: '{kind} {period}',
    // What a button says after its verb: two reçus of one month differ by their date (RGAA 6.1).
    documentFullName: '{name}, émis le {date}',
    // With the sum the document states: "Reçu de décembre 2026, émis le 12/12/2026, 150,00 €" (RGAA 6.1).
    documentFullNameAmount: '{name}, émis le {date}, {amount}',
    // A button's accessible name: "Télécharger : Quittance de mars 2024, émis le …".
    actionName: '{action} : {name}',
    download: 'Télécharger',
    keepOffline: 'Garder hors connexion',
    saveStarted: '{name} : téléchargement lancé.',
    saved: '{name} : enregistré.',
    saveFailed: "Le document n'a pas pu être enregistré. Vérifiez votre connexion internet et réessayez.",
    open: 'Ouvrir',
    offline: 'Disponible hors connexion',
    progress: 'Téléchargement : {percent} %',
    progressUnknown: 'Téléchargement en cours…',
    downloaded: '{name} : disponible hors connexion.',
    downloadFailed: "Le document n'a pas pu être téléchargé. Vérifiez votre connexion internet et réessayez.",
    downloadAll: 'Garder hors connexion : tout {year}',
    downloadAllProgress: 'Document {current} sur {total} gardé sur cet ordinateur…',
    downloadAllDone: 'Les documents de {year} sont disponibles hors connexion.',
    downloadAllPartial: '{failed} document(s) de {year} n’ont pas pu être téléchargés. Réessayez quand internet sera revenu.',
    avisTitle: "Mes avis d'échéance",
    avisCaption: "Mes avis d'échéance, dossier n° {number}",
    subscribedSince: 'Vous avez souscrit à ce service le {date}',
    subscribed: 'Vous avez souscrit à ce service.',
    notSubscribed:
      "Vous n'êtes pas abonné(e) à ce service : vos avis d'échéance vous sont envoyés par la poste.",
    noFile: 'Aucun fichier',
    stop: 'ARRÊTER LA SOUSCRIPTION DE CE SERVICE',
    subscribe: 'SOUSCRIRE',
    subscribeHint: "En souscrivant, vous recevez vos avis d'échéance ici et ne les recevez plus par la poste.",
    stopTitle: 'Arrêter la souscription ?',
    stopText:
      "Vos avis d'échéance ne seront plus déposés dans votre espace locataire : ils vous seront de nouveau envoyés par la poste. Vous pourrez souscrire à nouveau à tout moment.",
    stopConfirm: 'Arrêter la souscription',
    stopCancel: 'Garder la souscription',
    choicePending: "Votre choix est enregistré. Il sera envoyé à votre bailleur dès que la connexion sera rétablie.",
    choiceRefused: "Votre bailleur n'a pas pu enregistrer votre dernier choix. Réessayez.",
    choiceSaved: 'Votre choix est enregistré.',
  },
  document: {
    title: 'Document',
    heading: 'Document',
    intro: 'Consultez, imprimez ou enregistrez votre document.',
    loading: 'Ouverture du document…',
    notFound: "Ce document est introuvable. Revenez à « Mes documents ».",
    openFailed:
      "Ce document n'a pas pu être ouvert. S'il n'est pas encore gardé sur cet ordinateur, il faut une connexion internet pour le télécharger.",
    back: 'Retour à Mes documents',
    dossier: 'Dossier n° {number}',
    issued: 'Émis le {date}',
    toolbar: 'Outils du document',
    previous: 'Page précédente',
    next: 'Page suivante',
    pageOf: 'Page {page} sur {count}',
    zoomOut: 'Réduire',
    zoomIn: 'Agrandir',
    zoomLevel: 'Taille : {percent} %',
    zoomReset: 'Taille normale',
    print: 'Imprimer',
    preparingPrint: "Préparation de l'impression…",
    saveCopy: 'Enregistrer une copie',
    saved: 'La copie est enregistrée.',
    saveFailed: "La copie n'a pas pu être enregistrée.",
    close: 'Fermer',
    canvasLabel: '{name}, page {page} sur {count}',
    keyboardHelp:
      'Au clavier, dans le document : flèches gauche et droite pour changer de page, + et − pour changer la taille.',
    offline: 'Disponible hors connexion',
  },
};

export type Pages = typeof pages;
