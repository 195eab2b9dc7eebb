/** Les notifications et e-mails des cliniques, en français. */
export default {
  kinds: {
    message_from_centre: {
      title: 'Nouveau message du centre : {topic}',
      body: '{author} : {excerpt}',
    },
    sop_acknowledgement_needed: {
      title: 'À lire et confirmer : {title}',
      body: 'La version {version} de « {title} » s’applique à partir du {effectiveOn}. Ouvrez-la, lisez-la et appuyez sur « J’ai lu ce document ».',
    },
    report_released: {
      title: '{what} : {patientName}',
      body: 'Le compte rendu de {patientName} ({patient}) est disponible. Ouvrez-le pour le lire ou le télécharger.',
    },
    critical_alert: {
      title: 'Résultat critique : {patientName}',
      body: '{finding}. Le compte rendu de {patientName} ({patient}) demande une action immédiate. Ouvrez-le et appuyez sur « Accuser réception » pour confirmer que la clinique l’a reçu.',
    },
    extra_view_requested: {
      title: 'Incidence supplémentaire demandée : {patientName}',
      body: 'Merci de faire une autre incidence de {patientName} ({patient}) et de l’envoyer avec le même examen : {views}.',
    },
    retake_reminder: {
      title: 'Rappel : nouvelles images attendues pour {patientName}',
      body: 'Le radiologue attend toujours {what} de {patientName} ({patient}), demandée le {since}.',
    },
    qc_major_discordance: {
      title: 'Vérification demandée : {patientName}',
      body: 'Le centre de lecture a contrôlé la lecture de votre clinique pour {patientName} ({patient}) et n’est pas d’accord sur le fait que la radiographie évoque une tuberculose. Ouvrez le retour qualité pour comparer les deux lectures.',
    },
    retake_requested: {
      title: 'Reprise demandée : {patientName}',
      body: 'Merci de refaire la radiographie de {patientName} ({patient}) : {reasons}.',
    },
    second_opinion_answered: {
      title: 'Deuxième avis rendu : {patientName}',
      body: '{consultant} a répondu à votre question sur {patientName} ({patient}). Ouvrez l’examen pour lire la note.',
    },
    second_opinion_amended: {
      title: 'Deuxième avis corrigé : {patientName}',
      body: '{consultant} a ajouté un addendum à la réponse sur {patientName} ({patient}). Ouvrez l’examen pour le lire.',
    },
  },
  facts: {
    'File attached': 'Fichier joint',
    'General conversation': 'Conversation générale',
    'Report ready': 'Compte rendu disponible',
    'Report updated': 'Compte rendu mis à jour',
    'the image cannot be read': 'l’image est illisible',
    'over-exposed': 'surexposée',
    'under-exposed': 'sous-exposée',
    'improper position or rotation': 'mauvais positionnement ou rotation',
    'under-inflation': 'inspiration insuffisante',
    'cut-off anatomy': 'anatomie coupée',
    'poor contrast': 'contraste insuffisant',
    artefacts: 'artefacts',
    motion: 'flou de mouvement',
    'processing fault': 'défaut de traitement',
    'wrong patient or side marker': 'mauvais patient ou mauvais repère de côté',
    'a further view': 'une incidence supplémentaire',
    'the retake': 'la reprise',
    'the extra view': 'l’incidence supplémentaire',
    lateral: 'profil',
    decubitus: 'décubitus',
    'apical lordotic': 'lordotique (apicale)',
    'other (see the note)': 'autre (voir la note)',
    'Active TB with cavitation': 'Tuberculose active avec cavitation',
    'Tension pneumothorax': 'Pneumothorax sous tension',
    'Large pleural effusion': 'Épanchement pleural abondant',
    'Mass suspicious for malignancy': 'Masse suspecte de malignité',
    'Other urgent finding': 'Autre résultat urgent',
  },
  email: {
    subject: '[Telerad] {title}',
    openAt: 'Ouvrez-le dans Telerad : {url}',
    openApp: 'Ouvrez Telerad pour y donner suite.',
  },
};
