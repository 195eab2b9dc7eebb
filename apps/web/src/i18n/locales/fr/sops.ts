/** Procédures et recommandations : la bibliothèque, un document, et confirmer sa lecture. */
export default {
  title: 'Procédures et recommandations',
  description:
    'Les procédures et recommandations qui s’appliquent à votre travail. Lisez chaque nouvelle version et confirmez que vous l’avez lue.',
  search: 'Rechercher par titre ou référence',
  statusLabel: 'État',
  status: {
    all: 'Toutes',
    current: 'En vigueur',
    review_due: 'Révision due',
    upcoming: 'Pas encore en vigueur',
  },
  pending: {
    title: 'À lire et confirmer',
    intro_one: '{{count}} document vous demande de le lire et de confirmer sa lecture.',
    intro_other: '{{count}} documents vous demandent de les lire et de confirmer leur lecture.',
    open: 'Lire {{ref}}',
  },
  columns: {
    document: 'Document',
    version: 'Version',
    effective: 'En vigueur depuis',
    reviewDue: 'Révision due',
    owner: 'Responsable',
    you: 'Vous',
  },
  you: { pending: 'À confirmer', done: 'Confirmé' },
  empty: {
    title: 'Aucune procédure pour l’instant',
    description:
      'Quand l’équipe qualité publie une procédure ou une recommandation pour votre rôle, elle apparaît ici et vous êtes invité à la lire.',
  },
  emptySearch: {
    title: 'Aucun résultat',
    description: 'Essayez d’autres mots, ou choisissez « Toutes » ci-dessus.',
  },
  doc: {
    back: 'Toutes les procédures',
    version: 'Version {{version}}',
    effective: 'En vigueur depuis le {{date}}',
    reviewDue: 'Révision due le {{date}}',
    owner: 'Responsable : {{name}}',
    oldVersion: 'Vous lisez la version {{version}}, remplacée le {{date}}.',
    readNewest: 'Lire la version en vigueur',
    mustAcknowledge: 'Lisez cette version, puis confirmez que vous l’avez lue.',
    acknowledge: 'J’ai lu ce document',
    acknowledgeKey: 'ou appuyez sur',
    acknowledged: 'Vous avez confirmé la lecture de cette version le {{date}}.',
    thanks: 'Merci : votre confirmation est enregistrée.',
    pdf: 'Ouvrir le PDF',
    pdfNote:
      'Cette version est un document PDF ({{size}}). Ouvrez-le, lisez-le jusqu’au bout, puis revenez ici.',
    history: 'Versions',
    current: 'En vigueur',
    published: 'Publiée par {{name}} le {{date}}',
    noChangeNote: 'Aucune note sur les changements.',
    notFound: 'Ce document n’existe pas ou ne concerne pas votre rôle.',
  },
  /** Mots que seule l’équipe qualité lit sur ces pages. */
  staff: {
    role: 'Pour le rôle',
    anyRole: 'Tous les rôles',
    forRoles: 'Pour',
    confirmed: '{{done}} sur {{total}} confirmés',
    newDocument: 'Nouveau document',
    newVersion: 'Publier une nouvelle version',
  },
};
