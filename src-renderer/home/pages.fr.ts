/**
 * The home page's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  home: {
    title: 'Accueil',
    heading: 'Bienvenue dans votre espace locataire',
    today: "Nous sommes le {date}.",
    intro:
      "Retrouvez ici votre numéro de dossier, votre solde de compte, le paiement en ligne de votre loyer et vos dernières actions.",
    account: 'Mon compte',
    credit: 'Votre compte est créditeur de',
    debit: 'Votre compte est débiteur de',
    pay: 'PAYER EN LIGNE',
    lastActions: 'Mes dernières actions',
    noActions: 'Aucune action pour le moment. Vos paiements et vos demandes apparaîtront ici.',
    // "Mes dernières actions" by kind (src-shared/home/activity.ts ACTIVITY_KINDS). In French the
    // server's own label is shown (the seed's wording); these keep the two dictionaries alike.
    activity: {
      payment: { done: 'Paiement effectué' },
      insurance: { sent: "Attestation d'assurance transmise", accepted: "Attestation d'assurance acceptée", refused: "Attestation d'assurance refusée" },
      request: {
        created: 'Demande n° {number}',
        updated: 'Demande n° {number} mise à jour',
        cancelled: 'Demande n° {number} annulée',
        answered: 'Réponse à votre demande n° {number}',
        planned: 'Intervention planifiée (demande n° {number})',
      },
      changeRequest: {
        sent: 'Demande de modification envoyée',
        approved: 'Demande de modification acceptée',
        refused: 'Demande de modification refusée',
      },
      document: {
        avisAvailable: "Avis d'échéance disponible ({month})",
        avisCorrected: "Avis d'échéance rectificatif disponible ({month})",
        quittanceAvailable: 'Quittance de loyer disponible ({month})',
        recuAvailable: 'Reçu de paiement disponible ({month})',
        published: 'Nouveau document ({month})',
      },
      paperless: { subscribed: "Souscription aux avis d'échéance numériques", stopped: "Arrêt des avis d'échéance numériques" },
    },
    alertTitle: "ALERTE : l'assurance de votre logement.",
    alertText:
      "Sauf erreur de notre part, vous n'avez pas d'assurance pour votre logement. Pensez à nous transmettre votre nouvelle attestation d'assurance rapidement.",
    alertButton: 'RENOUVELER MON ASSURANCE',
    todoTitle: 'À faire',
    todoNone: 'Rien à faire pour le moment : tout est à jour.',
    todoPay: 'Régler le solde de {amount} du dossier n° {number}',
    todoInsurance: "Envoyer votre attestation d'assurance logement",
    todoRefusedOne: "1 demande n'a pas été acceptée par votre bailleur : le motif est indiqué plus bas.",
    todoRefusedMany: "{count} demandes n'ont pas été acceptées par votre bailleur : le motif est indiqué plus bas.",
    todoPendingOne: "1 demande attend d'être envoyée à votre bailleur.",
    todoPendingMany: "{count} demandes attendent d'être envoyées à votre bailleur.",
    todoPendingOffline: 'Elles partiront dès que la connexion sera rétablie.',
    todoSeeRequests: 'Voir mes demandes',
  },
};

export type Pages = typeof pages;
