/**
 * Les mots autour d’un compte rendu tel que la clinique le lit. Le contenu du compte rendu
 * (résultat, anomalies, conclusion) reste en anglais, la langue du programme d’accueil.
 */
export default {
  page: {
    title: 'Comptes rendus',
    clinicDescription: 'Les comptes rendus signés de vos cliniques, dès leur publication.',
    emptyTitle: 'Aucun compte rendu publié pour l’instant',
    emptyText:
      'Un compte rendu apparaît ici dès qu’un radiologue le signe (après l’avis d’un consultant si nécessaire). Les examens en cours de lecture sont sur la liste de travail.',
    openWorklist: 'Ouvrir la liste de travail',
    openStudy: 'Ouvrir l’examen',
    region: 'Compte rendu',
  },
  table: {
    label: 'Comptes rendus',
    patient: 'Patient',
    study: 'Examen',
    result: 'Résultat',
    signed: 'Signé',
    notOpened: 'Non ouvert',
  },
  states: {
    draft: 'Brouillon',
    pending_consultation: 'Chez le consultant',
    final: 'Publié',
    retake_requested: 'Reprise demandée',
  },
  report: {
    signedBy: 'Signé par {{name}}',
    version: 'Version {{version}}',
    downloadPdf: 'Télécharger le PDF',
    view: 'Afficher',
    unknownForm:
      'Ce compte rendu utilise le formulaire {{form}} {{version}}, que cette application ne sait pas afficher. Téléchargez le PDF.',
    englishNote: 'Le compte rendu lui-même est en anglais, la langue du programme d’accueil.',
  },
  retake: {
    requested: 'Reprise demandée',
    received: 'Reprise reçue',
    unreadable: 'Images illisibles',
    requestedBy: 'Demandée par {{name}}, le {{date}}.',
    arrived: 'Nouvelles images reçues le {{date}} ; l’examen est de nouveau en lecture.',
    sendNew: 'Envoyez de nouvelles images de cet examen ; il retourne en lecture dès leur arrivée.',
    sendImages: 'Envoyer des images',
    extraRequested: 'Incidence supplémentaire demandée',
    extraReceived: 'Incidence supplémentaire reçue',
    acknowledged: 'Prise en charge par {{name}}, le {{date}}.',
    notAcknowledged: 'Personne à la clinique ne l’a encore prise en charge.',
    chased_one: 'Relancée une fois, le {{date}}.',
    chased_many: 'Relancée {{count}} fois, dernière fois le {{date}}.',
    chased_other: 'Relancée {{count}} fois, dernière fois le {{date}}.',
    acknowledge: 'Nous referons les clichés',
    chase: 'Relancer la clinique',
    reason: {
      over_exposed: 'Surexposé',
      under_exposed: 'Sous-exposé',
      position_rotation: 'Mauvais positionnement ou rotation',
      under_inflation: 'Inspiration insuffisante',
      cut_off_anatomy: 'Anatomie coupée',
      poor_contrast: 'Contraste insuffisant',
      artefacts: 'Artefacts',
      motion: 'Flou de mouvement',
      processing_fault: 'Défaut de traitement',
      wrong_patient_or_marker: 'Mauvais patient ou repère de côté',
    },
    view: {
      lateral: 'Profil',
      decubitus: 'Décubitus',
      apical_lordotic: 'Lordotique apicale',
      other: 'Autre (voir la note)',
    },
  },
  study: {
    section: 'Comptes rendus',
    none: 'Aucun compte rendu publié pour l’instant.',
    soon: '{{note}} Le compte rendu apparaîtra ici dès sa publication.',
    whenSigned:
      'Le compte rendu apparaîtra ici dès sa signature ; d’ici là, l’examen est sur la liste de travail des radiologues.',
  },
  critical: {
    title: 'Résultat critique',
    intro:
      'Un compte rendu indique que ce patient a besoin de soins maintenant. Une personne de la clinique doit en accuser réception : votre nom et l’heure sont enregistrés et communiqués au centre.',
    patient: '{{name}} ({{id}})',
    reported: 'Signalé par {{name}}, {{date}} · {{clinic}}',
    open: 'Ouvrir le compte rendu',
    acknowledge: 'Accuser réception : {{name}}',
    flagged: '{{finding}} — signalé par {{name}}',
    communicated: 'Communiqué à {{name}} ({{clinic}}) le {{date}}',
    sent: 'Envoyé à la clinique le {{date}} ; réception pas encore confirmée.',
    onRelease: 'La clinique est alertée dès la publication du compte rendu.',
    history: 'Résultat critique communiqué à {{name}} ({{clinic}}), {{date}}',
    categories: {
      active_tb_cavitation: 'Tuberculose active avec cavitation',
      tension_pneumothorax: 'Pneumothorax sous tension',
      large_effusion: 'Épanchement pleural abondant',
      suspected_malignancy: 'Masse suspecte de malignité',
      other: 'Autre résultat urgent',
    },
  },
};
