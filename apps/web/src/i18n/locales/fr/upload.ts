/** Envoyer des images : l’envoi depuis le navigateur, pour les cliniques sans boîtier d’envoi. */
export default {
  title: 'Envoyer des images',
  intro:
    'Pour les cliniques sans boîtier d’envoi : envoyez les radiographies enregistrées par votre appareil. Si la connexion coupe, l’envoi reprend là où il s’est arrêté, même si vous fermez cette page et la rouvrez.',
  drop: 'Déposez ici des fichiers d’images ou un dossier entier (un dossier de CD avec DICOMDIR convient aussi)',
  chooseFiles: 'Choisir des fichiers',
  chooseFolder: 'Choisir un dossier',
  missingTitle: 'Il manque des images du CD',
  missing_one:
    'L’index du dossier mentionne {{count}} image absente de ce que vous avez déposé. Déposez le dossier complet du CD.',
  missing_many:
    'L’index du dossier mentionne {{count}} images absentes de ce que vous avez déposé. Déposez le dossier complet du CD.',
  missing_other:
    'L’index du dossier mentionne {{count}} images absentes de ce que vous avez déposé. Déposez le dossier complet du CD.',
  empty:
    'Aucune image choisie pour l’instant. Déposez ci-dessus les images des candidats du jour, ou appuyez sur Choisir des fichiers. Chaque image est vérifiée avant tout envoi.',
  summary_one: '{{count}} image · {{answered}} confirmée(s) par le centre',
  summary_many: '{{count}} images · {{answered}} confirmée(s) par le centre',
  summary_other: '{{count}} images · {{answered}} confirmée(s) par le centre',
  rate: '{{rate}}/s · encore {{left}}',
  chooseClinicFirst: 'Choisissez d’abord la clinique ci-dessus',
  send_one: 'Envoyer {{count}} image',
  send_many: 'Envoyer {{count}} images',
  send_other: 'Envoyer {{count}} images',
  nothingLeft: 'Plus rien à envoyer',
  allSent: 'Toutes les images envoyées',
  columns: { file: 'Fichier', applicant: 'Candidat', checks: 'Vérifications', sending: 'Envoi' },
  applicantId: 'ID {{id}}',
  looksRight: 'Tout est en ordre',
  sendAnyway: 'Envoyer quand même',
  fileSent: '{{name}} envoyé',
  checking: 'Vérification…',
  sentOf: '{{sent}} sur {{size}}',
  willNotSend: 'Ne sera pas envoyé',
  waitsForYou: 'Pas d’envoi sans votre accord',
  ready: 'Prêt à envoyer',
  failed: 'Non envoyé : {{reason}}. Appuyez de nouveau sur Envoyer pour reprendre.',
  connectionFailed: 'la connexion a échoué',
  minutes: '{{m}} min {{s}} s',
  seconds: '{{s}} s',
  warnings: {
    'not-image':
      'Ce fichier n’est pas une image de radiographie. Envoyez les fichiers enregistrés par votre appareil.',
    'not-chest-xray':
      'Ce fichier ne ressemble pas à une radiographie (il indique « {{modality}} »). Le centre ne lit que des radiographies du thorax.',
    'no-patient-id':
      'L’identifiant du candidat manque dans cette image. Le centre devra vous le demander avant la lecture.',
    'already-sent': 'Cette image a déjà été envoyée. La renvoyer ne change rien.',
    small:
      'Ce fichier est anormalement petit pour une radiographie ({{size}}). Vérifiez que c’est le bon fichier.',
    large:
      'Ce fichier est anormalement volumineux pour une radiographie ({{size}}). Vérifiez que c’est le bon fichier.',
    unknown: 'inconnu',
  },
  results: {
    stored: 'Reçu par le centre',
    duplicate: 'Déjà au centre (rien n’a changé)',
    new_version: 'Reçu (la copie précédente est conservée aussi)',
    refused: 'Refusé : {{reason}}',
    noReason: 'aucune raison donnée',
    expired: 'Envoi interrompu trop longtemps ; envoyez-le de nouveau',
    pending: 'En attente de la confirmation du centre',
  },
  refusals: {
    DICOM_UNREADABLE: 'le fichier est endommagé ou n’est pas une image de radiographie',
    DICOM_REQUIRED_MISSING:
      'il manque à l’image des informations dont le centre a besoin ; enregistrez-la de nouveau depuis l’appareil',
    DICOM_INVALID_UID: 'l’image a été mal étiquetée par l’appareil ; contactez le support',
    DICOM_SOP_CLASS_MISMATCH: 'l’image a été mal étiquetée par l’appareil ; contactez le support',
    DICOM_UID_CONFLICT: 'une autre image porte déjà la même étiquette ; contactez le support',
    DICOM_TOO_LARGE: 'le fichier dépasse la taille acceptée par le centre',
    STUDY_OTHER_CLINIC: 'cet examen a déjà été envoyé par une autre clinique',
    CLINIC_SUSPENDED: 'votre clinique est suspendue ; contactez le centre de lecture',
  },
  clinic: {
    label: 'Clinique d’où viennent ces images',
    description: 'Le centre classe les images sous cette clinique.',
    placeholder: 'Choisissez votre clinique',
  },
};
