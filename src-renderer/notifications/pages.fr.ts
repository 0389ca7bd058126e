/**
 * The notifications's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  notifications: {
    title: 'Mes notifications',
    heading: 'Mes notifications',
    intro: 'Les nouveautés de votre espace locataire : documents, réponses à vos demandes, rappels.',
    loading: 'Chargement de vos notifications…',
    unavailable: "Vos notifications ne sont pas encore sur cet ordinateur. Connectez-vous à internet puis réessayez.",
    retry: 'Réessayer',
    markAll: 'Tout marquer comme lu',
    preferencesLink: 'Choisir comment être prévenu',
    empty: 'Aucune notification pour le moment.',
    unread: 'Non lue :',
    openEntry: 'Ouvrir : {text}',
  },
  notificationPreferences: {
    title: 'Préférences de notification',
    heading: 'Préférences de notification',
    intro: "Pour chaque type de nouveauté, choisissez comment être prévenu : dans l'application, par mail, les deux, ou pas du tout.",
    loading: 'Chargement de vos préférences…',
    unavailable: "Vos préférences ne sont pas encore sur cet ordinateur. Connectez-vous à internet puis réessayez.",
    retry: 'Réessayer',
    pending: "Choix en cours d'envoi à votre bailleur.",
    back: 'Retour à mes notifications',
    channels: { app: "Dans l'application", mail: 'Par mail', both: "Dans l'application et par mail", none: 'Ne pas être prévenu' },
  },
};

export type Pages = typeof pages;
