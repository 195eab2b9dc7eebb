/** Le portail de la clinique : les candidats du jour, l’état de chaque lecture, les demandes au lecteur. */
export default {
  title: 'Candidats du jour',
  description:
    'Chaque candidat dont les radiographies sont arrivées aujourd’hui, où en est sa lecture, et le compte rendu une fois publié.',
  searchLabel: 'Rechercher des candidats',
  searchPlaceholder: 'Nom ou identifiant du candidat',
  dateLabel: 'Jour d’arrivée',
  clearSearch: 'Revenir à aujourd’hui',
  found_one: '{{count}} candidat trouvé',
  found_many: '{{count}} candidats trouvés',
  found_other: '{{count}} candidats trouvés',
  table: 'Candidats',
  columns: {
    applicant: 'Candidat',
    state: 'État',
    arrived: 'Arrivée',
    due: 'Compte rendu attendu (heure locale)',
    report: 'Compte rendu',
    actions: 'Actions',
  },
  justNow: 'à l’instant',
  minutes: 'il y a {{minutes}} min',
  hours: 'il y a {{hours}} h',
  hoursMinutes: 'il y a {{hours}} h {{minutes}} min',
  days: 'il y a {{days}} jours',
  dueLocal: 'à l’heure locale de {{clinic}}',
  openReport: 'Ouvrir le compte rendu',
  noReport: 'Pas encore',
  urgent: 'Urgent',
  noteBadge: 'Note pour le lecteur',
  sendImages: 'Envoyer des images',
  emptyToday: {
    title: 'Aucun candidat aujourd’hui pour l’instant',
    description:
      'Faites la radiographie comme d’habitude et envoyez-la depuis votre appareil, ou avec « Envoyer des images » depuis cet ordinateur. Elle apparaît ici en quelques secondes.',
  },
  emptySearch: {
    title: 'Aucun candidat trouvé',
    description:
      'Vérifiez l’orthographe du nom ou l’identifiant du candidat, ou choisissez un autre jour.',
  },
  actions: {
    menu: 'Actions pour {{name}}',
    urgent: 'Marquer comme urgent',
    alreadyUrgent: 'Déjà urgent',
    note: 'Note pour le lecteur',
    programme: 'Programme du pays d’accueil',
  },
  urgentDialog: {
    title: 'Marquer ce candidat comme urgent',
    reasonLabel: 'Pourquoi est-ce urgent ?',
    reasonHint: 'Le radiologue voit cette raison. Par exemple : crache du sang, voyage demain.',
    submit: 'Marquer comme urgent',
    done: 'Marqué comme urgent. Le centre de lecture le lit en premier.',
  },
  noteDialog: {
    title: 'Note pour le lecteur',
    label: 'Note clinique',
    hint: 'Symptômes, antécédents, traitement antituberculeux antérieur : tout ce que le radiologue doit savoir.',
    submit: 'Enregistrer la note',
    done: 'Note enregistrée. Le radiologue la voit pendant la lecture.',
  },
  programmeDialog: {
    title: 'Programme du pays d’accueil',
    label: 'Programme',
    hint: 'Le pays de destination du candidat décide du formulaire de compte rendu.',
    locked: 'La lecture a commencé : le programme ne peut plus changer.',
    submit: 'Enregistrer le programme',
    done: 'Programme enregistré.',
  },
  state: {
    received: {
      label: 'Reçu',
      note: 'Les images sont arrivées et attendent un radiologue.',
    },
    waiting_for_centre: {
      label: 'En attente d’un centre',
      note: 'Tous les centres de lecture sont fermés ; il sera lu à la prochaine ouverture.',
    },
    being_read: { label: 'En lecture', note: 'Un radiologue le lit en ce moment.' },
    with_consultant: {
      label: 'Chez un consultant',
      note: 'Le radiologue l’a lu et a demandé à un consultant de confirmer avant la publication du compte rendu.',
    },
    reported: { label: 'Compte rendu publié', note: 'Le compte rendu est publié : ouvrez-le.' },
    retake_requested: {
      label: 'Nouvelle prise demandée',
      note: 'Le radiologue a demandé de nouvelles images ; envoyez-les pour relancer la lecture.',
    },
    needs_attention: {
      label: 'Demande votre attention',
      note: 'Il manque quelque chose, comme l’identifiant du candidat ; le centre vous contactera.',
    },
    cancelled: { label: 'Annulé', note: 'Cette lecture a été annulée.' },
  },
  cancel: 'Annuler',
  more: 'Afficher plus',
};
