/** L’accueil de la clinique et les mots du personnel sur ses examens. */
export default {
  home: {
    sendTitle: 'Envoyer des images',
    sendText:
      'Pas de boîtier d’envoi dans votre clinique ? Envoyez les radiographies depuis cet ordinateur ou cette tablette.',
    sendButton: 'Envoyer des images',
  },
  studies: {
    title: 'Examens',
    description:
      'Les examens de votre clinique tels que le centre les a reçus, les plus récents d’abord. Ouvrez-en un pour voir ses images et son compte rendu.',
    noMatchTitle: 'Aucun examen ne correspond',
    noMatchText:
      'Vérifiez l’orthographe, élargissez les dates ou effacez les filtres pour voir tous les examens.',
    showAll: 'Voir tous les examens',
    emptyTitle: 'Aucun examen pour l’instant',
    emptyText:
      'Envoyez les radiographies du thorax depuis votre appareil comme d’habitude, ou depuis cet ordinateur avec Envoyer des images. Elles apparaissent ici dès l’arrivée de la première image.',
    loadMore: 'Afficher plus',
    end_one: '{{count}} examen — fin des résultats',
    end_many: '{{count}} examens — fin des résultats',
    end_other: '{{count}} examens — fin des résultats',
    table: {
      label: 'Examens',
      patient: 'Patient',
      patientId: 'ID patient',
      sexAge: 'Sexe/Âge',
      date: 'Date de l’examen',
      reference: 'N° d’examen',
      clinic: 'Clinique',
      images: 'Images',
      received: 'Reçu',
      status: 'État',
      size: 'Taille',
      row: '{{name}}, ID patient {{id}}, {{date}}',
      /** Words only centre staff read (the DICOM view of a study). */
      staff: {
        modality: 'Type d’appareil',
        parts: 'Groupes/Images',
      },
    },
  },
  search: {
    form: 'Recherche d’examens',
    label: 'Rechercher des examens',
    placeholder: 'ID patient, n° d’examen ou nom du patient',
    submit: 'Rechercher',
    clear: 'Effacer les filtres',
    more: 'Plus de filtres',
    patientName: 'Nom du patient',
    patientNamePlaceholder: 'Santos M* (nom de famille d’abord)',
    patientNameTitle:
      'Nom de famille d’abord ; * remplace n’importe quelles lettres, par ex. Santos M*',
    patientId: 'ID patient',
    accession: 'N° d’examen',
    from: 'Examen du',
    to: 'Examen au',
    /** Words only centre staff read (the DICOM view of a study). */
    staff: {
      modality: 'Type d’appareil',
      anyModality: 'Tous les appareils',
    },
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
  study: {
    back: 'Examens',
    untitled: 'Examen',
    openViewer: 'Ouvrir dans la visionneuse',
    patientId: 'Identifiant du patient',
    sexAge: 'Sexe · Âge',
    birthDate: 'Date de naissance',
    clinic: 'Clinique',
    images: 'Images',
    firstReceived: 'Première réception',
    lastReceived: 'Dernière réception',
    staff: {
      reference: 'N° d’accession',
      parts: 'Séries / Images',
      uid: 'Study Instance UID {{uid}}',
    },
  },
};
