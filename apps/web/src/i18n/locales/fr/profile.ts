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
