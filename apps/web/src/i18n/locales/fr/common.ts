/** Le cadre commun à toutes les pages : navigation, menu du compte, cloche, mots partagés. */
export default {
  shell: {
    toggleNavigation: 'Afficher ou masquer le menu',
    lightTheme: 'Passer au thème clair',
    darkTheme: 'Passer au thème sombre',
    accountMenu: 'Menu du compte',
    signedInAs: 'Connecté en tant que {{username}}',
    profile: 'Profil',
    conformance: 'Conformité DICOM',
    signOut: 'Se déconnecter',
    mainNavigation: 'Navigation principale',
    unread: '{{count}} non lus',
    toAcknowledge: '{{count}} à lire et confirmer',
  },
  sections: {
    Overview: 'Vue d’ensemble',
    Reading: 'Lecture',
    Quality: 'Qualité',
    Administration: 'Administration',
    Support: 'Support',
    Oversight: 'Supervision',
  },
  nav: {
    home: { label: 'Accueil', description: 'Votre point de départ.' },
    desk: {
      label: 'Bureau',
      description:
        'Une seule boîte pour vos cliniques : examens qui vous attendent, lectures proches de l’échéance, comptes rendus non ouverts.',
    },
    worklist: {
      label: 'Liste de travail',
      description:
        'Examens en attente de lecture, avec délais en direct ; les lecteurs prennent le suivant.',
      plain: 'Vos examens en route vers un radiologue, et le temps restant avant l’échéance.',
    },
    register: {
      label: 'Enregistrer un candidat',
      description:
        'Enregistrez les candidats avant leur radiographie, un par un ou depuis une liste.',
    },
    send: {
      label: 'Envoyer des images',
      description:
        'Envoyez les radiographies depuis cet ordinateur ou cette tablette, si vous n’avez pas de boîtier d’envoi.',
    },
    messages: {
      label: 'Messages',
      description:
        'Canaux des cliniques et conversations par candidat, en direct, avec les non-lus.',
      plain:
        'Écrivez au centre de lecture au sujet de votre clinique ou d’un candidat ; les réponses arrivent ici.',
    },
    studies: {
      label: 'Examens',
      description:
        'Recherchez dans les archives par patient, identifiant, date, clinique ou type d’appareil.',
      plain:
        'Tous les examens envoyés par votre clinique : retrouvez-en un par nom, identifiant ou date.',
    },
    reports: {
      label: 'Comptes rendus',
      description: 'Comptes rendus signés avec leur PDF, addenda et demandes de reprise.',
      plain:
        'Les comptes rendus publiés à lire et à télécharger, et les reprises demandées par le centre.',
    },
    peerReviewProgrammes: {
      label: 'Programmes de relecture par les pairs',
      description:
        'Quelles lectures finalisées un second radiologue relit : part aléatoire, cibles, à l’aveugle.',
    },
    discrepancies: {
      label: 'Discordances',
      description: 'Relectures notées 3 ou « b » : retour au lecteur, addendum pour la clinique.',
    },
    peerReviewScores: {
      label: 'Scores de relecture',
      description:
        'Les scores RADPEER de vos lectures et les retours reçus (qualité : ceux de tous les lecteurs).',
    },
    qcFeedback: {
      label: 'Retour qualité',
      description:
        'Lectures des cliniques relues à l’aveugle par le centre : règles d’échantillonnage, kappa de Cohen et accord par clinique, rapport PDF.',
      plain:
        'Comment les contrôles du centre se comparent à vos propres lectures, et le rapport à télécharger.',
    },
    cadViewer: {
      label: 'CAD dans la visionneuse',
      description:
        'Quand les lecteurs voient le CAD par programme : à l’aveugle d’abord (après leur première impression) ou dès le début.',
    },
    reportCards: {
      label: 'Bilans de lecture',
      description:
        'Lectures, délais, scores de relecture et taux comparés aux pairs de chaque lecteur, en PDF (radiologues : le leur).',
    },
    consultationRules: {
      label: 'Règles de consultation',
      description:
        'Quels comptes rendus signés sont soumis à un consultant avant que la clinique ne les voie.',
    },
    centres: {
      label: 'Centres',
      description: 'Centres de lecture, fuseaux horaires, horaires d’ouverture et jours fériés.',
    },
    clinics: {
      label: 'Cliniques',
      description: 'Cliniques de terrain : programmes, titres AE, assistants et cycle de vie.',
    },
    users: {
      label: 'Utilisateurs',
      description: 'Comptes, rôles, cliniques, verrouillages et réinitialisations MFA.',
    },
    routing: {
      label: 'Routage et délais',
      description:
        'Affectations de cliniques, priorités, délais cibles, fermetures de centre et escalades.',
    },
    cadIntegrations: {
      label: 'Intégrations CAO',
      description:
        'Où chaque CAO reçoit les radiographies thoraciques, test de connexion, envois réussis ou échoués.',
    },
    security: {
      label: 'Sécurité',
      description: 'Qui doit utiliser la MFA, expiration des sessions et verrouillage des comptes.',
    },
    cadCalibration: {
      label: 'Calibration de la DAO',
      description:
        'Chaque version de DAO face aux lectures finales : courbe ROC, sensibilité et spécificité à ses seuils, et part signalée par clinique et par mois.',
    },
    kpi: {
      label: 'Tableau des indicateurs',
      description:
        'Délais, volumes, file d’attente, résultats, reprises, revue par les pairs et incidents, jusqu’à chaque examen.',
    },
    incidents: {
      label: 'Incidents',
      description:
        'Signalez ce qui n’a pas fonctionné ; la qualité enquête, agit et clôt avec une leçon.',
    },
    sops: {
      label: 'Procédures',
      description:
        'Procédures et recommandations : versions, qui doit lire chacune, et qui l’a confirmée.',
      plain:
        'Les recommandations du centre de lecture pour votre clinique : lisez-les et confirmez.',
    },
    capacity: {
      label: 'Planification des effectifs',
      description:
        'Lecteurs nécessaires à chaque centre, heure par heure, pour tenir le délai, face au planning.',
    },
    lessons: {
      label: 'Retours d’expérience',
      description: 'Cherchez ce que les incidents clos ont appris au centre.',
    },
    teaching: {
      label: 'Séances d’enseignement',
      description: 'Cas signalés réunis en séances de lecture, sans patient ni clinique.',
    },
    attention: {
      label: 'À traiter',
      description:
        'Examens enregistrés mais signalés : sans identifiant patient, en-têtes incomplets, nouvelles versions.',
    },
    onboarding: {
      label: 'Intégration',
      description:
        'Nouvelles cliniques en route vers la mise en service : liste de contrôle, formation, pilote et démarrage.',
    },
    clinicOverview: {
      label: 'Vue des cliniques',
      description:
        'Chaque clinique : sa dernière image reçue, ses incidents ouverts, ses contacts, ses accès DICOM et son trafic.',
    },
    network: {
      label: 'Réseau',
      description:
        'Chaque clinique sur une carte et dans un tableau : dernière image, file de la passerelle, erreurs ; alertes quand l’une se tait.',
    },
    deliveries: {
      label: 'Envois',
      description:
        'Comptes rendus en route vers les cliniques : les envois échoués d’abord, avec relance.',
    },
    audit: {
      label: 'Journal d’audit',
      description: 'Qui a fait quoi, quand et d’où.',
    },
    profile: {
      label: 'Profil',
      description: 'Votre mot de passe, la double authentification et vos jetons d’API.',
    },
  },
  roles: {
    radiologist: 'Radiologue',
    consultant: 'Consultant',
    assistant: 'Assistant de téléradiologie',
    assistant_lead: 'Responsable des assistants',
    qa: 'Responsable qualité',
    support: 'Support technique',
    admin: 'Administrateur',
    auditor: 'Auditeur',
    clinic: 'Personnel de la clinique',
  },
  home: {
    welcome: 'Bienvenue, {{name}}',
    signedInAs: 'Connecté en tant que {{roles}}.',
    mfaTitle: 'Protégez votre compte avec la double authentification',
    mfaBefore: 'Les images et les comptes rendus des patients méritent plus qu’un mot de passe.',
    mfaLink: 'Activez-la dans votre profil',
    mfaAfter: 'en deux minutes avec n’importe quelle application d’authentification.',
    nextSteps: 'Et maintenant',
    clinicNote:
      'Les candidats du jour sont ci-dessus : où en est chaque lecture, et son compte rendu une fois publié. Marquez-en un comme urgent ou ajoutez une note pour le radiologue depuis sa ligne.',
  },
  bell: {
    title: 'Notifications',
    label_one: 'Notifications, {{count}} non lue',
    label_many: 'Notifications, {{count}} non lues',
    label_other: 'Notifications, {{count}} non lues',
    unreadItem: 'Non lue : {{title}}',
    markAll: 'Tout marquer comme lu',
    loadFailed: 'Impossible de charger les notifications. Nouvel essai dans un instant.',
    nothingYet: 'Rien pour l’instant.',
    youWillBeTold: 'Vous serez prévenu ici quand :',
    chooseBefore: 'Choisissez lesquelles dans votre',
    chooseLink: 'profil',
    chooseAfter: '.',
  },
  notificationKinds: {
    message_from_centre: {
      label: 'Nouveau message du centre',
      description: 'Quelqu’un du centre de lecture a écrit à votre clinique.',
    },
    message_from_clinic: {
      label: 'Nouveau message d’une clinique',
      description:
        'Une clinique que vous assistez a écrit dans sa conversation ou dans le fil d’un examen.',
    },
    sop_acknowledgement_needed: {
      label: 'Procédure à lire et confirmer',
      description:
        'Une nouvelle procédure ou recommandation pour votre rôle doit être lue et confirmée.',
    },
    qc_major_discordance: {
      label: 'Votre lecture et celle du centre divergent',
      description:
        'Le centre de lecture a contrôlé une lecture de votre clinique et n’est pas d’accord sur le fait que la radiographie évoque une tuberculose.',
    },
    consultation_queued: {
      label: 'Consultation en attente',
      description:
        'Un compte rendu a été soumis à un consultant et attend sur la liste de travail.',
    },
    consultation_assigned: {
      label: 'Consultation qui vous est confiée',
      description: 'Une consultation vous a été confiée.',
    },
    report_released: {
      label: 'Compte rendu disponible',
      description: 'Le compte rendu d’un de vos patients est publié et peut être ouvert.',
    },
    retake_requested: {
      label: 'Reprise demandée',
      description:
        'Un radiologue n’a pas pu lire une radiographie et demande à la clinique de la refaire.',
    },
    delivery_failed: {
      label: 'Échec de l’envoi d’un compte rendu',
      description: 'Un compte rendu n’a pas pu être envoyé à une clinique malgré les relances.',
    },
    task_due_soon: {
      label: 'Échéance proche',
      description: 'Une lecture approche de son échéance.',
    },
    task_overdue: {
      label: 'Échéance dépassée',
      description: 'Une lecture a dépassé son échéance.',
    },
  },
  words: {
    none: '—',
    loading: 'Chargement…',
    loadFailed: 'Impossible de charger cette page',
    retry: 'Réessayer',
  },
};
