/** La page personnelle de l’utilisateur, telle que le personnel de la clinique l’utilise. */
export default {
  title: 'Profil',
  description: 'Votre compte, la sécurité de connexion, les notifications et les jetons d’API.',
  sessionEnds: 'Cette session se termine au plus tard le {{date}}.',
  language: {
    title: 'Langue',
    description: 'La langue de vos pages et des e-mails que vous recevez.',
    label: 'Langue',
    followClinic: 'Comme ma clinique ({{language}})',
    followDefault: 'Par défaut ({{language}})',
    saved: 'Langue enregistrée',
  },
  password: {
    title: 'Mot de passe',
    hint: 'Au moins 12 caractères. Une courte phrase se retient mieux que des symboles.',
    current: 'Mot de passe actuel',
    new: 'Nouveau mot de passe',
    repeat: 'Répétez le nouveau mot de passe',
    submit: 'Changer le mot de passe',
    differ: 'Les deux nouveaux mots de passe sont différents',
    changed: 'Mot de passe changé',
    changedText: 'Utilisez votre nouveau mot de passe à la prochaine connexion.',
  },
  mfa: {
    title: 'Double authentification',
    on: 'Activée',
    off: 'Désactivée',
    onText:
      'La connexion demande un code de votre application d’authentification. Vous l’avez perdue ? Utilisez un code de secours, ou demandez à un administrateur de la réinitialiser.',
    offHint:
      'Ajoutez une seconde étape à la connexion avec une application d’authentification sur votre téléphone. Cela prend deux minutes et protège les données des patients si votre mot de passe fuit.',
    setUp: 'Activer la double authentification',
    disable: 'Désactiver la double authentification',
    disableShort: 'Désactiver',
    confirm: 'Confirmez avec votre mot de passe pour désactiver la double authentification',
    cancel: 'Annuler',
    done: 'Terminé',
    offTitle: 'Double authentification désactivée',
    offText: 'La double authentification est désactivée.',
  },
  notifications: {
    title: 'Notifications',
    withEmail: 'Choisissez ce que la cloche vous signale et ce qui vous est envoyé par e-mail.',
    withoutEmail:
      'Choisissez ce que la cloche vous signale. Ce serveur n’envoie pas d’e-mails : seule la cloche compte.',
    none: 'Votre rôle ne reçoit encore aucune notification : il n’y a rien à choisir ici.',
    inApp: 'Dans l’application',
    byEmail: 'Par e-mail',
    inAppOf: '{{kind}} : dans l’application',
    byEmailOf: '{{kind}} : par e-mail',
  },
  digest: {
    label: 'Résumé quotidien',
    description:
      'Chaque matin à 07:00, un e-mail avec les examens de la veille, les délais de compte rendu et ce qui attend votre clinique.',
    preview: 'Aperçu du résumé de {{clinic}}',
    previewOf: 'Aperçu du résumé quotidien de {{clinic}}',
    previewShort: 'Résumé',
    title: 'Résumé quotidien de {{clinic}}',
    subject: 'Objet :',
    sentTo:
      'Envoyé à {{to}} chaque matin à 07:00 ({{timeZone}}). Voici ce qu’il dirait aujourd’hui.',
    noAddress:
      'Chaque responsable le reçoit à 07:00 ({{timeZone}}) ; un compte sans adresse e-mail ne reçoit rien.',
  },
};
