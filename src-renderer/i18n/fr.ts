/**
 * French dictionary: the reference. Wording follows the landlord's original guide
 * (seed/tutoriel-espace-locataire.txt) so tenants find the words they already know.
 * `en.ts` must have exactly the same shape (the type checker refuses a missing or extra key).
 *
 * Interpolation: `{name}` is replaced by the `params.name` given to `t()`.
 * No landlord name here: it comes from branding (`{landlord}` parameters).
 */
import type { ErrorCode } from '../../src-shared/errors';

export const fr = {
  app: {
    defaultTitle: 'Espace Locataire',
    loading: 'Chargement de votre espace locataire…',
    bootFailed: "L'application n'a pas pu démarrer. Fermez-la puis rouvrez-la.",
    skipLink: 'Aller au contenu principal',
    welcome: 'Bienvenue dans votre espace locataire',
    version: 'Version {version}',
    requiredNote: '* Champs obligatoires',
    requiredMarker: '(obligatoire)',
  },
  language: {
    label: 'Langue',
    fr: 'Français',
    en: 'English',
  },
  menu: {
    label: 'Menu principal',
    toggle: 'Menu',
    accueil: 'ACCUEIL',
    monDossier: 'MON DOSSIER',
    monContrat: 'MON CONTRAT',
    maSituationDeSolde: 'MA SITUATION DE SOLDE',
    mesDocuments: 'MES DOCUMENTS',
    mesDemandes: 'MES DEMANDES',
    nousContacter: 'NOUS CONTACTER',
  },
  userMenu: {
    button: 'Mon compte',
    changeEmail: 'Modifier mon adresse email',
    changePassword: 'Modifier mon mot de passe',
    signOut: 'Se déconnecter',
    signedInAs: 'Connecté : {name}',
  },
  sync: {
    upToDate: 'À jour',
    syncing: 'Synchronisation…',
    offline: 'Hors ligne',
    error: 'Synchronisation impossible',
    pendingOne: '1 envoi en attente',
    pendingMany: '{count} envois en attente',
  },
  footer: {
    accessibility: 'Accessibilité : partiellement conforme',
    label: 'Pied de page',
  },
  form: {
    showPassword: 'Afficher le mot de passe',
    showPasswordShort: 'Afficher',
    summaryTitleOne: 'Le formulaire contient 1 erreur :',
    summaryTitleMany: 'Le formulaire contient {count} erreurs :',
    summaryFieldError: '{label} : {message}',
    busy: 'Envoi en cours…',
  },
  fields: {
    required: 'Ce champ est obligatoire.',
    invalid: "Cette valeur n'est pas valide.",
    unexpected: "Ce champ n'est pas attendu.",
    email: 'Saisissez une adresse mail valide, par exemple nom@exemple.fr.',
    consentRequired: 'Vous devez cocher cette case pour créer votre compte.',
    passwordMismatch: 'Les deux mots de passe ne sont pas identiques.',
    postalCode: 'Saisissez un code postal à 5 chiffres, par exemple 78000.',
    noChange: "Vous n'avez rien modifié.",
    emailMismatch: 'Les deux adresses mail ne sont pas identiques.',
    date: {
      format: 'Saisissez une date au format jj/mm/aaaa, par exemple 01/04/1950.',
      invalid: "Cette date n'existe pas. Vérifiez le jour et le mois.",
      endBeforeStart: 'La date de fin doit être après la date de début.',
    },
    file: {
      type: "Ce type de fichier n'est pas accepté. Choisissez un fichier PDF, JPEG ou PNG.",
      tooLarge: 'Ce fichier est trop volumineux. Choisissez un fichier plus petit.',
      content: "Ce fichier est illisible ou ne correspond pas à son type. Choisissez un autre fichier.",
    },
    photos: {
      tooMany: 'Vous avez joint trop de photos. Retirez-en une ou plusieurs.',
    },
    occupants: {
      signatoryRequired: 'Le logement doit garder au moins un occupant signataire.',
    },
    birthDate: {
      future: 'La date de naissance ne peut pas être dans le futur.',
      tooOld: 'Vérifiez l’année de naissance (4 chiffres, par exemple 1950).',
    },
    tenantReference: {
      format: "Ce numéro n'a pas le bon format. Recopiez-le tel qu'il figure sur votre avis d'échéance.",
    },
    iban: {
      format: "Cet IBAN n'a pas le bon format. Recopiez-le depuis votre RIB.",
      country: "Ce pays n'appartient pas à la zone SEPA.",
      length: "Cet IBAN n'a pas le bon nombre de caractères.",
      checksum: 'Cet IBAN contient une erreur de saisie. Vérifiez chaque caractère.',
    },
    bic: {
      length: 'Le BIC compte 8 ou 11 caractères.',
      format: "Ce BIC n'a pas le bon format. Recopiez-le depuis votre RIB.",
    },
    phone: {
      format: 'Saisissez un numéro de téléphone, par exemple 06 01 02 03 04.',
      length: "Ce numéro n'a pas le bon nombre de chiffres (10 chiffres en France).",
      prefix: "Ce numéro ne commence pas comme un numéro français (par exemple 01 à 09, ou +33).",
    },
    amount: {
      format: 'Saisissez un montant en euros, par exemple 125,50.',
      negative: 'Le montant doit être positif.',
      decimals: 'Le montant a au plus deux chiffres après la virgule.',
      tooLarge: 'Ce montant est trop élevé.',
      zero: 'Le montant doit être supérieur à 0.',
      ceiling: 'Ce montant dépasse le plafond autorisé par paiement.',
    },
    password: {
      weak: 'Ce mot de passe ne respecte pas les règles indiquées sous le champ.',
      tooLong: 'Ce mot de passe est trop long (256 caractères au plus).',
      rulesTitle: 'Votre mot de passe doit contenir :',
      rulesAlternative: 'Ou bien au moins 14 caractères avec trois de ces quatre types.',
      ok: 'Le mot de passe respecte les règles.',
      notOk: 'Le mot de passe ne respecte pas encore les règles.',
      met: 'respecté',
      unmet: 'non respecté',
      rules: {
        length: 'au moins 12 caractères',
        upper: 'une lettre majuscule',
        lower: 'une lettre minuscule',
        digit: 'un chiffre',
        symbol: 'un caractère spécial (par exemple ! ? - _ #)',
        maxLength: 'au plus 256 caractères',
      },
    },
  },
  errors: {
    VALIDATION: 'Certains champs sont incomplets ou incorrects. Corrigez-les puis réessayez.',
    UNKNOWN_PROCEDURE: "Cette action n'est pas disponible. Mettez l'application à jour.",
    FORBIDDEN_ORIGIN: "Cette action n'est pas autorisée.",
    UNAUTHENTICATED: 'Votre session a expiré. Veuillez vous reconnecter.',
    INVALID_CREDENTIALS: 'Adresse mail ou mot de passe incorrect.',
    THROTTLED: 'Trop de tentatives. Veuillez patienter {wait} avant de réessayer.',
    OFFLINE:
      'Le serveur de votre bailleur est injoignable. Vérifiez votre connexion internet et réessayez.',
    NOT_FOUND: "L'élément demandé est introuvable.",
    CONFLICT: 'Cette demande est en conflit avec une autre. Rechargez la page et réessayez.',
    DATABASE_TOO_NEW:
      "Vos données ont été enregistrées par une version plus récente de l'application. Installez la dernière version.",
    UNSENT_ITEMS:
      "Certaines de vos demandes n'ont pas encore été envoyées à votre bailleur. Reconnectez-vous à internet pour les envoyer avant de vous déconnecter.",
    FORBIDDEN: "Vous n'avez pas accès à cet élément.",
    IDEMPOTENCY_MISMATCH: "Cette demande n'a pas pu être enregistrée. Contactez votre bailleur.",
    PAYLOAD_TOO_LARGE: 'Ce fichier est trop volumineux. Choisissez un fichier plus petit.',
    UNSUPPORTED_MEDIA_TYPE: "Ce type de fichier n'est pas accepté. Choisissez un fichier PDF, JPEG ou PNG.",
    SERVER: 'Le serveur de votre bailleur a rencontré un problème. Réessayez plus tard.',
    INTERNAL: "Une erreur inattendue s'est produite. Réessayez ; si le problème continue, contactez votre bailleur.",
  } satisfies Record<ErrorCode, string>,
  throttleWaitUnknown: 'quelques minutes',
  pages: {
    connexion: {
      title: 'Connexion',
      heading: "Connexion à l'espace locataire",
      createTitle: 'Créer mon compte',
      createText: 'Créer votre compte en toute simplicité',
      createButton: 'CRÉER MON COMPTE',
      signInTitle: 'Je me connecte',
      email: 'Adresse mail',
      password: 'Mot de passe',
      forgotIdentifier: 'Identifiants oubliés ?',
      forgotPassword: 'Mot de passe oublié ?',
      submit: 'SE CONNECTER',
      expired: 'Votre session a expiré. Veuillez vous reconnecter.',
      signedOut: 'Vous êtes déconnecté.',
    },
    inscription: {
      title: 'Inscription',
      heading: 'Inscrivez-vous !',
      intro:
        "Munissez-vous de votre avis d'échéance et trouvez votre Numéro TG. Complétez ensuite les champs avec vos coordonnées personnelles, votre adresse mail et votre mot de passe.",
      tenantReference: 'Numéro TG',
      tenantReferenceHint: 'Il figure sur votre avis d’échéance, par exemple {example}.',
      helpButton: 'Où trouver mon Numéro TG ?',
      helpTitle: 'Où trouver votre Numéro TG ?',
      helpText:
        "Votre Numéro TG est imprimé en haut à droite de votre avis d'échéance, dans le cadre « Vos références », à la ligne « N° TG ». Il est entouré sur l'image ci-dessous.",
      helpImageAlt:
        "Exemple d'avis d'échéance. En haut à droite, dans le cadre « Vos références », la ligne « N° TG : 0123456789 » est entourée.",
      helpClose: 'Fermer',
      lastName: 'Nom du signataire',
      firstName: 'Prénom du signataire',
      birthDate: 'Date de naissance (jj/mm/aaaa)',
      email: 'Adresse mail',
      password: 'Mot de passe',
      passwordConfirmation: 'Confirmer le mot de passe',
      acceptCgu: "J'accepte les Conditions générales d'utilisation.",
      acceptPrivacy: "J'accepte la Politique de confidentialité du service.",
      paperless:
        "J'accepte la réception numérique de mes avis d'échéances, et de ne plus les recevoir par voie postale",
      submit: 'CRÉER MON COMPTE',
      cancel: 'ANNULER',
      notFound:
        "Nous n'avons pas trouvé de locataire correspondant à ces informations. Vérifiez votre Numéro TG, vos nom, prénom et date de naissance tels qu'ils figurent sur votre avis d'échéance.",
      conflict: 'Un compte existe déjà pour ce signataire. Connectez-vous ou utilisez « Mot de passe oublié ? ».',
      successTitle: 'Votre compte est créé',
      successText:
        'Votre demande de création de compte a bien été enregistrée. Vous pouvez maintenant vous connecter avec votre adresse mail et votre mot de passe.',
      successButton: 'SE CONNECTER',
    },
    identifiantsOublies: {
      title: 'Identifiants oubliés',
      heading: 'Identifiants oubliés',
      intro:
        'Pour récupérer votre identifiant, saisissez votre référence client, vos nom et prénom et votre date de naissance. Vous recevrez un mail pour vous reconnecter.',
      tenantReference: 'Votre référence client',
      lastName: 'Nom',
      firstName: 'Prénom',
      birthDate: 'Date de naissance (jj/mm/aaaa)',
      submit: 'SOUMETTRE LA DEMANDE',
      back: 'Retour à la connexion',
    },
    motDePasseOublie: {
      title: 'Mot de passe oublié',
      heading: 'Récupérer mon mot de passe',
      intro:
        'Pour récupérer votre mot de passe, saisissez votre adresse mail de connexion. Vous recevrez un mail pour choisir un nouveau mot de passe.',
      email: 'Votre adresse mail',
      submit: 'SOUMETTRE LA DEMANDE',
      back: 'Retour à la connexion',
    },
    recovery: {
      sentTitle: 'Demande envoyée',
      sent: 'Si ces informations correspondent à un compte, un email vient de vous être envoyé.',
      sentHelp: "Pensez à regarder dans vos courriers indésirables (spams) si vous ne le voyez pas.",
      back: 'Retour à la connexion',
    },
    accueil: {
      title: 'Accueil',
      heading: 'Bienvenue dans votre espace locataire',
      today: "Nous sommes le {date}.",
      intro:
        "Retrouvez ici votre numéro de dossier, votre solde de compte, le paiement en ligne de votre loyer et vos dernières actions.",
    },
    monDossier: {
      title: 'Mon dossier',
      heading: 'Mon dossier',
      intro:
        'Vous retrouverez ici vos informations personnelles, le paiement en ligne de votre loyer et votre assurance logement.',
    },
    monContrat: {
      title: 'Mon contrat',
      heading: 'Mon contrat',
      intro:
        "Vous pouvez suivre ici l'ensemble de vos contrats (Logement, Stationnement, Facturation), consulter et modifier les occupants du logement.",
    },
    maSituationDeSolde: {
      title: 'Ma situation de solde',
      heading: 'Ma situation de solde',
      intro:
        'Vous pouvez suivre ici la situation du solde de votre compte, consulter et mettre à jour votre RIB.',
    },
    mesDocuments: {
      title: 'Mes documents',
      heading: 'Mes documents',
      intro: "Vous retrouverez ici vos quittances et vos avis d'échéances numériques.",
    },
    mesDemandes: {
      title: 'Mes demandes',
      heading: 'Mes demandes',
      intro: "Vous retrouverez ici l'historique et le détail de l'ensemble de vos demandes.",
    },
    nousContacter: {
      title: 'Nous contacter',
      heading: 'Nous contacter',
      intro:
        'Vous trouverez ici vos points de contact : votre gardien pour les demandes techniques, les services de votre bailleur pour les demandes administratives.',
    },
    modifierEmail: {
      title: 'Modifier mon adresse email',
      heading: 'Modification de mon adresse email',
      intro: 'Pour modifier votre adresse email de connexion, saisissez votre nouvelle adresse à deux reprises.',
    },
    modifierMotDePasse: {
      title: 'Modifier mon mot de passe',
      heading: 'Modifier mon mot de passe',
      intro:
        'Pour modifier votre mot de passe, saisissez votre mot de passe actuel, puis, à deux reprises, votre nouveau mot de passe.',
    },
    payer: {
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
      cancel: 'ANNULER',
      bankOpened: "La page de paiement sécurisé de votre banque s'est ouverte dans une nouvelle fenêtre.",
      bankOrigin: 'Adresse de la banque :',
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
    accessibilite: {
      title: 'Accessibilité',
      heading: "Déclaration d'accessibilité",
      commitment:
        "{landlord} s'engage à rendre son application Espace Locataire accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.",
      scope: "Cette déclaration d'accessibilité s'applique à l'application Espace Locataire de {landlord}.",
      statusTitle: 'État de conformité',
      status:
        "L'application Espace Locataire est partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1, en raison des non-conformités énumérées ci-dessous.",
      resultsTitle: 'Résultats des tests',
      results:
        "L'audit de conformité complet n'a pas encore été réalisé. Les écrans sont vérifiés automatiquement (outil axe-core) à chaque version ; ces vérifications ne remplacent pas un audit.",
      nonAccessibleTitle: 'Contenus non accessibles',
      nonCompliantTitle: 'Non-conformités',
      nonCompliant1:
        "Les documents PDF (quittances, avis d'échéance) ne sont pas encore balisés pour les technologies d'assistance.",
      exemptTitle: 'Contenus non soumis à l’obligation d’accessibilité',
      exempt1: 'La page de paiement sécurisé de la banque, qui est un service tiers.',
      establishmentTitle: 'Établissement de cette déclaration',
      establishment: 'Cette déclaration a été établie le 26 novembre 2026.',
      technologies: 'Technologies utilisées : HTML5, CSS, JavaScript, WAI-ARIA.',
      feedbackTitle: 'Retour d’information et contact',
      feedback:
        "Si vous n'arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter {landlord} (rubrique « Nous contacter ») pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.",
      remediesTitle: 'Voies de recours',
      remedies:
        "Cette procédure est à utiliser dans le cas suivant : vous avez signalé à {landlord} un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un des services de l'application et vous n'avez pas obtenu de réponse satisfaisante.",
      remediesIntro: 'Vous pouvez :',
      remedy1: 'écrire un message au Défenseur des droits (formulaire en ligne : formulaire.defenseurdesdroits.fr) ;',
      remedy2: 'contacter le délégué du Défenseur des droits dans votre région (liste : defenseurdesdroits.fr/carte-des-delegues) ;',
      remedy3:
        'envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
    },
  },
};

export type Messages = typeof fr;
