/** Enviar imágenes: el envío desde el navegador, para clínicas sin equipo de envío. */
export default {
  title: 'Enviar imágenes',
  intro:
    'Para clínicas sin equipo de envío: envíe las radiografías que guardó su equipo de rayos X. Si se corta la conexión, el envío continúa donde se detuvo, incluso si cierra esta página y la vuelve a abrir.',
  drop: 'Suelte aquí archivos de imagen o una carpeta entera (también sirve una carpeta de CD con DICOMDIR)',
  chooseFiles: 'Elegir archivos',
  chooseFolder: 'Elegir una carpeta',
  missingTitle: 'Faltan imágenes del CD',
  missing_one:
    'El índice de la carpeta menciona {{count}} imagen que no estaba en lo que soltó. Suelte la carpeta completa del CD.',
  missing_many:
    'El índice de la carpeta menciona {{count}} imágenes que no estaban en lo que soltó. Suelte la carpeta completa del CD.',
  missing_other:
    'El índice de la carpeta menciona {{count}} imágenes que no estaban en lo que soltó. Suelte la carpeta completa del CD.',
  empty:
    'Todavía no hay imágenes elegidas. Suelte arriba las imágenes de los solicitantes de hoy o pulse Elegir archivos. Cada imagen se revisa antes de enviar nada.',
  summary_one: '{{count}} imagen · {{answered}} confirmada(s) por el centro',
  summary_many: '{{count}} imágenes · {{answered}} confirmada(s) por el centro',
  summary_other: '{{count}} imágenes · {{answered}} confirmada(s) por el centro',
  rate: '{{rate}}/s · faltan {{left}}',
  chooseClinicFirst: 'Elija primero la clínica arriba',
  send_one: 'Enviar {{count}} imagen',
  send_many: 'Enviar {{count}} imágenes',
  send_other: 'Enviar {{count}} imágenes',
  nothingLeft: 'No queda nada por enviar',
  allSent: 'Todas las imágenes enviadas',
  columns: { file: 'Archivo', applicant: 'Solicitante', checks: 'Revisión', sending: 'Envío' },
  applicantId: 'ID {{id}}',
  looksRight: 'Todo en orden',
  sendAnyway: 'Enviar de todos modos',
  fileSent: '{{name}} enviado',
  checking: 'Revisando…',
  sentOf: '{{sent}} de {{size}}',
  willNotSend: 'No se enviará',
  waitsForYou: 'No se envía hasta que usted decida',
  ready: 'Listo para enviar',
  failed: 'No enviado: {{reason}}. Pulse Enviar de nuevo para continuar.',
  connectionFailed: 'falló la conexión',
  minutes: '{{m}} min {{s}} s',
  seconds: '{{s}} s',
  warnings: {
    'not-image':
      'Este archivo no es una imagen de rayos X. Envíe los archivos que guardó su equipo.',
    'not-chest-xray':
      'Esto no parece una radiografía (indica «{{modality}}»). El centro solo lee radiografías de tórax.',
    'no-patient-id':
      'Falta la identificación del solicitante en esta imagen. El centro tendrá que pedírsela antes de leerla.',
    'already-sent': 'Esta imagen ya se envió. Enviarla de nuevo no cambia nada.',
    small:
      'Este archivo es inusualmente pequeño para una radiografía ({{size}}). Compruebe que es el archivo correcto.',
    large:
      'Este archivo es inusualmente grande para una radiografía ({{size}}). Compruebe que es el archivo correcto.',
    unknown: 'desconocido',
  },
  results: {
    stored: 'Recibido por el centro',
    duplicate: 'Ya estaba en el centro (no cambió nada)',
    new_version: 'Recibido (también se conserva la copia anterior)',
    refused: 'No aceptado: {{reason}}',
    noReason: 'sin motivo indicado',
    expired: 'El envío estuvo detenido demasiado tiempo; envíelo de nuevo',
    pending: 'Esperando la confirmación del centro',
  },
  refusals: {
    DICOM_UNREADABLE: 'el archivo está dañado o no es una imagen de rayos X',
    DICOM_REQUIRED_MISSING:
      'a la imagen le faltan datos que el centro necesita; guárdela de nuevo desde el equipo',
    DICOM_INVALID_UID: 'el equipo etiquetó mal la imagen; consulte con soporte',
    DICOM_SOP_CLASS_MISMATCH: 'el equipo etiquetó mal la imagen; consulte con soporte',
    DICOM_UID_CONFLICT: 'otra imagen ya lleva la misma etiqueta; consulte con soporte',
    DICOM_TOO_LARGE: 'el archivo supera el tamaño que acepta el centro',
    STUDY_OTHER_CLINIC: 'este estudio ya lo envió otra clínica',
    CLINIC_SUSPENDED: 'su clínica está suspendida; contacte con el centro de lectura',
  },
  clinic: {
    label: 'Clínica de la que vienen estas imágenes',
    description: 'El centro archiva las imágenes con esta clínica.',
    placeholder: 'Elija su clínica',
  },
};
