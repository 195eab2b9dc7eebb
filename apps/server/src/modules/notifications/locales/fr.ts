/** Les notifications et e-mails des cliniques, en français. */
export default {
  kinds: {
    report_released: {
      title: '{what} : {patientName}',
      body: 'Le compte rendu de {patientName} ({patient}) est disponible. Ouvrez-le pour le lire ou le télécharger.',
    },
    retake_requested: {
      title: 'Reprise demandée : {patientName}',
      body: 'Merci de refaire la radiographie de {patientName} ({patient}) : {reasons}.',
    },
  },
  facts: {
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
  },
  email: {
    subject: '[Telerad] {title}',
    openAt: 'Ouvrez-le dans Telerad : {url}',
    openApp: 'Ouvrez Telerad pour y donner suite.',
  },
};
