/**
 * The account's `pages.*` blocks in French (the reference; pages.en.ts has the same shape).
 * Not in the start bundle: loaded with the pages that show them (i18n/page-words.ts, issue 17).
 */
export const pages = {
  signIn: {
    caretakerSpace: 'Espace gardien',
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
    expired: 'Votre session a expiré. Veuillez vous reconnecter : ce que vous avez enregistré sur cet ordinateur est conservé.',
    signedOut: 'Vous êtes déconnecté.',
    // A refused password: the tries left before a pause (per account and device address, server side).
    wrongTriesLeftOne: 'Adresse mail ou mot de passe incorrect. Encore 1 essai avant une pause de sécurité. Mot de passe oublié ? Utilisez le lien « Mot de passe oublié ? » sous le formulaire.',
    wrongTriesLeftMany: 'Adresse mail ou mot de passe incorrect. Encore {count} essais avant une pause de sécurité. Mot de passe oublié ? Utilisez le lien « Mot de passe oublié ? » sous le formulaire.',
    wrongThenPause: 'Adresse mail ou mot de passe incorrect. Par sécurité, le prochain essai sera possible dans {wait}. Mot de passe oublié ? Utilisez le lien « Mot de passe oublié ? » sous le formulaire.',
    paused: 'Par sécurité, les essais de connexion depuis cet ordinateur sont suspendus pendant {wait}. Mot de passe oublié ? Utilisez le lien « Mot de passe oublié ? » sous le formulaire.',
  },
  signUp: {
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
    readCgu: "Lire les Conditions générales d'utilisation",
    readPrivacy: 'Lire la Politique de confidentialité',
    cguTitle: "Conditions générales d'utilisation",
    privacyTitle: 'Politique de confidentialité',
    legalMissing: "Ce texte n'a pas pu être affiché. Vérifiez votre connexion internet, ou demandez-le à votre bailleur.",
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
  recoverIdentifier: {
    title: 'Identifiants oubliés',
    heading: 'Identifiants oubliés',
    intro:
      "Pour récupérer votre identifiant, saisissez votre Numéro TG (il figure sur votre avis d'échéance), vos nom et prénom et votre date de naissance. Vous recevrez un mail pour vous reconnecter.",
    tenantReference: 'Numéro TG',
    lastName: 'Nom',
    firstName: 'Prénom',
    birthDate: 'Date de naissance (jj/mm/aaaa)',
    submit: 'SOUMETTRE LA DEMANDE',
    back: 'Retour à la connexion',
  },
  resetPassword: {
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
  changeEmail: {
    title: 'Modifier mon adresse email',
    heading: 'Modification de mon adresse email',
    intro: 'Pour modifier votre adresse email de connexion, saisissez votre nouvelle adresse à deux reprises.',
    // ---- Modification de mon adresse email (sections B) ----
    email: 'Email',
    emailConfirmation: 'Ressaisissez votre email',
    password: 'Mot de passe actuel',
    passwordHint: 'Pour protéger votre compte, confirmez que c’est bien vous avec votre mot de passe actuel.',
    submit: 'SAUVEGARDER',
    cancel: 'ANNULER',
    doneTitle: 'Vérifiez votre nouvelle adresse',
    done:
      'Un lien de confirmation a été envoyé à votre nouvelle adresse. Cliquez sur ce lien pour terminer le changement ; en attendant, votre adresse actuelle reste valable.',
    back: "Retour à l'accueil",
  },
  changePassword: {
    title: 'Modifier mon mot de passe',
    heading: 'Modifier mon mot de passe',
    intro:
      'Pour modifier votre mot de passe, saisissez votre mot de passe actuel, puis, à deux reprises, votre nouveau mot de passe.',
    // ---- Modifier mon mot de passe (sections B) ----
    currentPassword: 'Mot de passe actuel',
    newPassword: 'Nouveau mot de passe',
    newPasswordConfirmation: 'Confirmation du mot de passe',
    submit: 'CHANGER MON MOT DE PASSE',
    cancel: 'ANNULER',
    doneTitle: 'Votre mot de passe est modifié',
    done:
      'Votre nouveau mot de passe est enregistré. Utilisez-le à votre prochaine connexion. Vos autres appareils ont été déconnectés.',
    back: "Retour à l'accueil",
  },
};

export type Pages = typeof pages;
