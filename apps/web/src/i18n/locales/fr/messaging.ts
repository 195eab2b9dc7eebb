/** Messages : le canal de la clinique et la conversation de chaque candidat avec le centre. */
export default {
  page: {
    title: 'Messages',
    description:
      'Échangez avec le centre de lecture : le canal de votre clinique, et une conversation par candidat.',
    staffDescription:
      'Canaux des cliniques et conversations par candidat, les plus récents d’abord.',
    all: 'Tous',
    channels: 'Canaux',
    applicants: 'Candidats',
    pick: 'Choisissez une conversation à gauche, ou ouvrez l’examen d’un candidat pour en commencer une à son sujet.',
    back: 'Toutes les conversations',
    editTemplates: 'Modifier les modèles',
  },
  list: {
    search: 'Rechercher par nom, identifiant ou clinique',
    channel: '{{clinic}} — canal de la clinique',
    channelHint: 'Tout ce qui ne concerne pas un seul candidat',
    noMessages: 'Pas encore de message',
    empty:
      'Aucune conversation ne correspond. Effacez la recherche, ou ouvrez l’examen d’un candidat pour écrire à son sujet.',
    unread: '{{count}} non lus',
  },
  thread: {
    loading: 'Chargement de la conversation',
    opening: 'Ouverture de la conversation sur ce candidat',
    empty:
      'Pas encore de message. Écrivez ci-dessous : chacun dans cette conversation est prévenu aussitôt.',
    seen: 'Vu par {{names}}',
    typing_one: '{{names}} écrit…',
    typing_other: '{{names}} écrivent…',
    notice: 'Avis',
    you: 'Vous',
  },
  composer: {
    label: 'Message',
    placeholder: 'Écrivez un message… (Entrée envoie, Maj+Entrée passe à la ligne)',
    attach: 'Joindre une photo ou un PDF (10 Mo au plus)',
    templates: 'Modèles',
    templatesHint: 'Insérer une demande toute prête',
    noTemplates: 'Pas encore de modèle.',
    send: 'Envoyer',
    uploading: 'Envoi du fichier…',
    remove: 'Retirer {{name}}',
    tooLarge:
      'Ce fichier dépasse 10 Mo, le maximum pour un message. Envoyez une photo ou un scan plus léger, ou découpez le document.',
  },
  files: {
    openImage: 'Ouvrir {{name}} en grand',
    openPdf: 'Ouvrir {{name}}',
  },
};
