/**
 * The contact's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  contact: {
    title: 'Nous contacter',
    heading: 'Nous contacter',
    intro:
      'Vous trouverez ici vos points de contact : votre gardien pour les demandes techniques, les services de votre bailleur pour les demandes administratives.',
    // ---- Nous contacter (sections B) ----
    loading: 'Chargement des contacts…',
    unavailable:
      "Les contacts de votre bailleur ne sont pas encore connus sur cet ordinateur. Connectez-vous à internet puis réessayez.",
    retry: 'Réessayer',
    technicalTitle: 'Demandes techniques',
    technicalText:
      'Les demandes techniques concernent des demandes simples, auxquelles votre gardien peut répondre rapidement. Les horaires et le numéro de votre gardien se trouvent ci-dessous.',
    hours: 'Horaires',
    phone: 'Téléphone',
    email: 'Email',
    emergencyTitle: "En cas d'urgence",
    emergencyText: 'Le soir ou durant les jours non ouvrés, un numéro d’astreinte est disponible :',
    call: 'Appeler le {phone}',
    administrativeTitle: 'Demandes administratives',
    administrativeText:
      'Les demandes administratives sont faites à l’intention du personnel de {landlord} concernant votre logement, votre contrat, etc.',
    makeRequest: 'Faire une demande',
    makeRequestLabel: 'Faire une demande : {service}',
    lodge: 'Loge',
    makeTechnicalRequest: 'Faire une demande technique',
  },
};

export type Pages = typeof pages;
