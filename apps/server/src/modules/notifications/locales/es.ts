/** Las notificaciones y correos de las clínicas, en español. */
export default {
  kinds: {
    message_from_centre: {
      title: 'Nuevo mensaje del centro: {topic}',
      body: '{author}: {excerpt}',
    },
    sop_acknowledgement_needed: {
      title: 'Para leer y confirmar: {title}',
      body: 'La versión {version} de «{title}» se aplica desde el {effectiveOn}. Ábrala, léala y pulse «He leído este documento».',
    },
    report_released: {
      title: '{what}: {patientName}',
      body: 'El informe de {patientName} ({patient}) está listo. Ábralo para leerlo o descargarlo.',
    },
    critical_alert: {
      title: 'Resultado crítico: {patientName}',
      body: '{finding}. El informe de {patientName} ({patient}) requiere actuar ya. Ábralo y pulse «Confirmar recepción» para confirmar que la clínica lo recibió.',
    },
    extra_view_requested: {
      title: 'Proyección adicional solicitada: {patientName}',
      body: 'Tome otra proyección de {patientName} ({patient}) y envíela con el mismo estudio: {views}.',
    },
    retake_reminder: {
      title: 'Recordatorio: faltan imágenes nuevas de {patientName}',
      body: 'El radiólogo sigue esperando {what} de {patientName} ({patient}), solicitada el {since}.',
    },
    qc_major_discordance: {
      title: 'Revisión necesaria: {patientName}',
      body: 'El centro de lectura revisó la lectura de su clínica de {patientName} ({patient}) y no coincide en si la radiografía sugiere tuberculosis. Abra la retroalimentación de calidad para comparar las dos lecturas.',
    },
    retake_requested: {
      title: 'Repetición solicitada: {patientName}',
      body: 'Repita la radiografía de {patientName} ({patient}): {reasons}.',
    },
    second_opinion_answered: {
      title: 'Segunda opinión respondida: {patientName}',
      body: '{consultant} respondió a su pregunta sobre {patientName} ({patient}). Abra el estudio para leer la nota.',
    },
    second_opinion_amended: {
      title: 'Segunda opinión corregida: {patientName}',
      body: '{consultant} añadió un addendum a la respuesta sobre {patientName} ({patient}). Abra el estudio para leerlo.',
    },
  },
  facts: {
    'File attached': 'Archivo adjunto',
    'General conversation': 'Conversación general',
    'Report ready': 'Informe listo',
    'Report updated': 'Informe actualizado',
    'the image cannot be read': 'la imagen no se puede leer',
    'over-exposed': 'sobreexpuesta',
    'under-exposed': 'subexpuesta',
    'improper position or rotation': 'posición incorrecta o rotación',
    'under-inflation': 'inspiración insuficiente',
    'cut-off anatomy': 'anatomía cortada',
    'poor contrast': 'contraste deficiente',
    artefacts: 'artefactos',
    motion: 'movimiento',
    'processing fault': 'fallo de procesamiento',
    'wrong patient or side marker': 'paciente equivocado o marcador de lado incorrecto',
    'a further view': 'una proyección adicional',
    'the retake': 'la repetición',
    'the extra view': 'la proyección adicional',
    lateral: 'lateral',
    decubitus: 'decúbito',
    'apical lordotic': 'lordótica apical',
    'other (see the note)': 'otra (vea la nota)',
    'Active TB with cavitation': 'TB activa con cavitación',
    'Tension pneumothorax': 'Neumotórax a tensión',
    'Large pleural effusion': 'Derrame pleural extenso',
    'Mass suspicious for malignancy': 'Masa sospechosa de malignidad',
    'Other urgent finding': 'Otro hallazgo urgente',
  },
  email: {
    subject: '[Telerad] {title}',
    openAt: 'Ábralo en Telerad: {url}',
    openApp: 'Abra Telerad para atenderlo.',
  },
};
