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
    withEmail: 'Choisissez ce que la cloche vous signale. Les e-mails suivent les mêmes choix.',
    withoutEmail: 'Choisissez ce que la cloche vous signale.',
    none: 'Votre rôle ne reçoit encore aucune notification : il n’y a rien à choisir ici.',
  },
};
