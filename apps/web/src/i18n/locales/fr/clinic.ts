/** L’accueil de la clinique et les mots du personnel sur ses examens. */
export default {
  home: {
    sendTitle: 'Envoyer des images',
    sendText:
      'Pas de boîtier d’envoi dans votre clinique ? Envoyez les radiographies depuis cet ordinateur ou cette tablette.',
    sendButton: 'Envoyer des images',
  },
  status: {
    waiting: {
      label: 'En attente d’ouverture du centre',
      note: 'Tous les centres de lecture sont fermés ; il sera lu à la prochaine ouverture.',
    },
    queued: {
      label: 'En attente d’un radiologue',
      note: 'Il est sur la liste de travail du centre de lecture.',
    },
    in_progress: { label: 'En cours de lecture', note: 'Un radiologue le lit en ce moment.' },
    held_for_consultation: {
      label: 'Chez le consultant',
      note: 'Le radiologue l’a lu et a demandé l’avis d’un consultant avant de publier le compte rendu.',
    },
    awaiting_images: {
      label: 'Reprise demandée',
      note: 'Le radiologue a demandé de nouvelles images ; envoyez-les pour remettre l’examen en lecture.',
    },
    completed: {
      label: 'Compte rendu publié',
      note: 'Le compte rendu est publié : ouvrez-le depuis Comptes rendus.',
    },
    cancelled: { label: 'Annulé', note: 'Cette lecture a été annulée.' },
  },
  arrival: {
    receiving: 'Réception en cours',
    receivingNote:
      'Les images arrivent encore ; l’examen part chez un radiologue dès qu’elles sont toutes là',
    received: 'Reçu',
    receivedNote:
      'Toutes les images reçues depuis le {{date}} ; l’examen est parti chez un radiologue',
  },
};
