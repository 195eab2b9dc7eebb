/** Las notificaciones y correos de las clínicas, en español. */
export default {
  kinds: {
    report_released: {
      title: '{what}: {patientName}',
      body: 'El informe de {patientName} ({patient}) está listo. Ábralo para leerlo o descargarlo.',
    },
    retake_requested: {
      title: 'Repetición solicitada: {patientName}',
      body: 'Repita la radiografía de {patientName} ({patient}): {reasons}.',
    },
  },
  facts: {
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
  },
  email: {
    subject: '[Telerad] {title}',
    openAt: 'Ábralo en Telerad: {url}',
    openApp: 'Abra Telerad para atenderlo.',
  },
};
