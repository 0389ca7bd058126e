/**
 * The accessibility's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  siteMap: {
    title: 'Plan du site',
    heading: 'Plan du site',
    intro: "Tous les écrans de l'espace locataire. Les pages de votre espace s'ouvrent une fois connecté.",
    private: 'Votre espace locataire',
    privateNote: '(après connexion)',
    account: 'Mon compte',
    guest: 'Connexion et création de compte',
    any: 'Informations',
  },
  accessibility: {
    title: 'Accessibilité',
    heading: "Déclaration d'accessibilité",
    commitment:
      "{landlord} s'engage à rendre son application Espace Locataire accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
    scope: "Cette déclaration d'accessibilité s'applique à l'application Espace Locataire de {landlord}.",
    statusTitle: 'État de conformité',
    status:
      "L'application Espace Locataire est totalement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.",
    resultsTitle: 'Résultats des tests',
    // The figures of docs/ACCESSIBILITY.md (the grid): update both together.
    results:
      "L'audit interne réalisé sur l'échantillon ci-dessous révèle que 100 % des critères du RGAA 4.1 sont respectés (77 critères conformes sur 77 applicables ; 29 critères non applicables).",
    resultsDetail:
      "Il s'agit d'un audit interne, pas d'un audit réalisé par un organisme indépendant ; aucun lecteur d'écran n'a encore été utilisé, mais ce qu'il lit (l'arbre d'accessibilité) a été vérifié sur chaque page.",
    nonAccessibleTitle: 'Contenus non accessibles',
    nonCompliantTitle: 'Non-conformités',
    noNonCompliance: "Aucune non-conformité n'a été relevée.",
    exemptTitle: 'Contenus non soumis à l’obligation d’accessibilité',
    exempt1: 'La page de paiement sécurisé de la banque, qui est un service tiers.',
    establishmentTitle: 'Établissement de cette déclaration',
    establishment: 'Cette déclaration a été établie le 1er décembre 2026.',
    technologies: 'Technologies utilisées : HTML5, CSS, JavaScript, WAI-ARIA, SVG et Canvas (graphique du solde, visionneuse de documents).',
    sampleTitle: 'Échantillon de pages vérifiées',
    sample1: 'Connexion, inscription, identifiants oubliés, et les pages des liens envoyés par courriel (nouveau mot de passe, confirmation de l’adresse mail) ;',
    sample2: 'Accueil, Mon dossier, Mon contrat ;',
    sample3: 'Ma situation de solde (avec le graphique) et Mettre à jour le RIB ;',
    sample4: 'Mon assurance logement ;',
    sample5: 'Mes documents et la visionneuse de documents ;',
    sample6: 'Mes demandes, Nouvelle demande, le détail d’une demande ;',
    sample7: 'Nous contacter, Payer en ligne, Modifier mon email / mon mot de passe, cette déclaration ;',
    sample8: 'le mode borne de la loge du gardien (configuration, session, fin de session).',
    toolsTitle: 'Outils et méthodes utilisés',
    tool1: 'axe-core 4 (extension Playwright), sur chaque page de l’échantillon, en français et en anglais ;',
    tool2: 'parcours au clavier seul et lecture de l’arbre d’accessibilité (Playwright) ;',
    tool3: 'mesure des contrastes (formule WCAG 2.1) des textes, des graphiques et du focus ;',
    tool4: 'affichage à 320 pixels de large et à 200 % de zoom ;',
    tool5: 'vérification de la langue des textes en mode anglais (textes du bailleur marqués en français).',
    environmentTitle: 'Environnement de test',
    environment1: 'Chromium (Debian) par l’aperçu navigateur de l’application, et l’application Electron ;',
    environment2: 'Linux ; fenêtres de 1 280, 1 024 et 320 pixels de large ;',
    environment3: 'lecteurs d’écran : non testés pour cette version (prévu : NVDA sous Windows, VoiceOver sous macOS).',
    feedbackTitle: 'Retour d’information et contact',
    feedback:
      "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter {landlord} pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme :",
    feedbackNoSignIn: "Ces contacts ne demandent pas d'être connecté à votre espace locataire.",
    remediesTitle: 'Voies de recours',
    remedies:
      "Cette procédure est à utiliser dans le cas suivant : vous avez signalé à {landlord} un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services de l'application et vous n'avez pas obtenu de réponse satisfaisante.",
    remediesIntro: 'Vous pouvez :',
    remedy1: 'écrire un message en ligne (formulaire.defenseurdesdroits.fr) au',
    remedy1Name: 'Défenseur des droits ;',
    remedy2: 'contacter le délégué de votre région (defenseurdesdroits.fr/carte-des-delegues) du',
    remedy2Name: 'Défenseur des droits ;',
    remedy3: 'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) :',
    remedy3Address: 'Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
  },
};

export type Pages = typeof pages;
