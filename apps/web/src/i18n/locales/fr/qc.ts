/** Le retour qualité de la clinique : ses propres lectures telles que le centre les a contrôlées. */
export default {
  page: {
    title: 'Retour qualité',
    description:
      'Comment les contrôles du centre de lecture se comparent aux lectures de votre clinique, et le rapport à télécharger.',
    period: 'Période',
    d30: '30 derniers jours',
    d90: '90 derniers jours',
    d365: '12 derniers mois',
    clinic: 'Clinique',
    download: 'Télécharger le rapport de retour (PDF)',
    emptyTitle: 'Aucune lecture contrôlée sur cette période',
    emptyText:
      'Quand votre clinique envoie sa propre lecture avec un examen (sur la page de l’examen, « Envoyer notre lecture »), le centre de lecture en contrôle une partie. Les résultats apparaissent ici.',
  },
  summary: {
    checked: 'Lectures contrôlées',
    agreed: 'Concordantes',
    minor: 'Différences mineures',
    major: 'Différences majeures',
    kappa: 'Score d’accord (kappa)',
    kappaHelp:
      'Kappa de Cohen : 1 est un accord parfait, 0 ne fait pas mieux que le hasard. Au-dessus de 0,8, l’accord est presque parfait.',
    kappaNone: 'Pas encore assez de variété',
    words: {
      poor: 'faible',
      slight: 'léger',
      fair: 'passable',
      moderate: 'modéré',
      substantial: 'important',
      almostPerfect: 'presque parfait',
    },
  },
  table: {
    title: 'Vos lectures face à celles du centre',
    label: 'Tableau d’accord',
    rows: 'Votre lecture ↓ / lecture du centre →',
  },
  categories: {
    normal: 'Normale',
    abnormal: 'Anormale, pas de TB',
    tb: 'Évocatrice de TB',
    unreadable: 'Illisible',
  },
  agreement: {
    concordant: 'Concordante',
    minor: 'Différence mineure',
    major: 'Différence majeure',
  },
  cases: {
    title: 'Lectures contrôlées par le centre',
    label: 'Lectures contrôlées',
    patient: 'Patient',
    yours: 'Votre lecture',
    centre: 'Lecture du centre',
    outcome: 'Résultat',
    date: 'Contrôlée le',
  },
  study: {
    title: 'La lecture de notre clinique',
    intro:
      'Le radiologue de votre clinique peut envoyer sa propre lecture de cette radiographie. Le centre de lecture contrôle une partie de ces lectures et vous montre la comparaison.',
    send: 'Envoyer notre lecture',
    readBy: 'Lue par',
    readByHint: 'Le nom du radiologue qui l’a lue dans votre clinique',
    submit: 'Envoyer notre lecture',
    cancel: 'Annuler',
    formNote: 'Le formulaire est en anglais, la langue du programme d’accueil.',
    sent: 'Envoyée le {{date}}, lue par {{name}}',
    waiting: 'Le centre de lecture contrôlera cette lecture ; le résultat apparaîtra ici.',
    notChosen: 'Cette lecture n’a pas été choisie pour un contrôle.',
    checked: 'Contrôlée par le centre de lecture : {{outcome}}',
    yourRead: 'Votre lecture : {{category}}',
    centreRead: 'Lecture du centre : {{category}}',
    fix: 'Corrigez les champs indiqués ci-dessus, puis envoyez à nouveau.',
  },
};
