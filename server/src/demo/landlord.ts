import type { Landlord } from '../../../src-shared/api/landlord';

/**
 * A fictional landlord for the demo and the tests. Real deployments set their own through
 * buildServer({ landlord }) or the LANDLORD_FILE environment variable (JSON, landlordSchema).
 * Contacts and hours are the seed tutorial's.
 */
export const DEMO_LANDLORD: Landlord = {
  name: "Office Public de l'Habitat de Démonstration",
  portalTitle: 'Espace Locataire',
  logoUrl: '/branding/logo.svg',
  colors: { primary: '#1f4e9c', onPrimary: '#ffffff', accent: '#c8336e', alert: '#b00020' },
  contacts: {
    caretaker: { label: 'Mon gardien', phone: '06.01.02.03.04', hours: 'du lundi au jeudi 8H-12H 13H-18H, le vendredi 8H-12H 13H-17H' },
    onCall: { phone: '04.72.83.41.53', hours: 'du lundi au jeudi de 18h à 8h, le vendredi à partir de 17h, les week-ends et jours fériés' },
    services: [
      { id: 'charge-clientele', label: 'Votre chargé de clientèle', email: 'clientele@oph-demo.example', phone: '01.00.00.00.01' },
      { id: 'quittancement', label: 'Service quittancement, charges et fluides', email: 'quittancement@oph-demo.example', phone: '01.00.00.00.02' },
      { id: 'contentieux', label: 'Service contentieux', email: 'contentieux@oph-demo.example', phone: '01.00.00.00.03' },
      { id: 'commerces', label: 'Service gestion des commerces', email: 'commerces@oph-demo.example', phone: '01.00.00.00.04' },
    ],
  },
  tenantReference: { label: 'Numéro TG', pattern: '^[0-9]{10}$', example: '1000123456' },
  legal: {
    cguVersion: '2026-01',
    privacyVersion: '2026-01',
    cguText: [
      "Conditions générales d'utilisation de l'Espace Locataire (version de démonstration, janvier 2026).",
      "L'Espace Locataire permet aux locataires de consulter leur dossier, leur solde, leurs quittances et avis d'échéance, de payer en ligne et d'adresser leurs demandes à leur bailleur.",
      "Le compte est personnel : vous êtes responsable de la confidentialité de votre mot de passe. Signalez sans délai à votre bailleur toute utilisation que vous n'avez pas faite.",
      'Le service peut être interrompu pour maintenance. Les informations affichées sont celles connues de votre bailleur à la date de la dernière synchronisation.',
    ].join('\n\n'),
    privacyText: [
      'Politique de confidentialité (version de démonstration, janvier 2026).',
      "Votre bailleur traite vos données (identité, coordonnées, dossier locatif, paiements) pour gérer votre location et vous fournir l'Espace Locataire. Elles ne sont jamais vendues.",
      "Sur l'ordinateur, les données de votre compte sont chiffrées ; en mode borne, elles sont effacées à la fin de chaque session.",
      "Vous pouvez accéder à vos données, les faire rectifier ou effacer en écrivant au délégué à la protection des données de votre bailleur, et saisir la CNIL.",
    ].join('\n\n'),
  },
};
