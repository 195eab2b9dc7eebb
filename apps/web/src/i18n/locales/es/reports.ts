/**
 * Las palabras alrededor de un informe tal como lo lee la clínica. El contenido del informe
 * (resultado, hallazgos, impresión) sigue en inglés, el idioma del programa de destino.
 */
export default {
  page: {
    title: 'Informes',
    clinicDescription: 'Los informes firmados de sus clínicas, en cuanto se publican.',
    emptyTitle: 'Todavía no hay informes publicados',
    emptyText:
      'Un informe aparece aquí en cuanto un radiólogo lo firma (tras la revisión de un consultor cuando hace falta). Los estudios que aún se leen están en la lista de trabajo.',
    openWorklist: 'Abrir la lista de trabajo',
    openStudy: 'Abrir el estudio',
    region: 'Informe',
  },
  table: {
    label: 'Informes',
    patient: 'Paciente',
    study: 'Estudio',
    result: 'Resultado',
    signed: 'Firmado',
    notOpened: 'Sin abrir',
  },
  states: {
    draft: 'Borrador',
    pending_consultation: 'Con el consultor',
    final: 'Publicado',
    retake_requested: 'Repetición solicitada',
  },
  report: {
    signedBy: 'Firmado por {{name}}',
    version: 'Versión {{version}}',
    downloadPdf: 'Descargar PDF',
    view: 'Ver',
    unknownForm:
      'Este informe usa el formulario {{form}} {{version}}, que esta aplicación no puede mostrar. Descargue el PDF.',
    englishNote: 'El informe en sí está en inglés, el idioma del programa de destino.',
  },
  retake: {
    requested: 'Repetición solicitada',
    received: 'Repetición recibida',
    unreadable: 'Imágenes ilegibles',
    requestedBy: 'Solicitada por {{name}}, el {{date}}.',
    arrived: 'Llegaron imágenes nuevas el {{date}}; el estudio se está leyendo de nuevo.',
    sendNew: 'Envíe imágenes nuevas de este estudio; vuelve a los lectores en cuanto lleguen.',
    sendImages: 'Enviar imágenes',
    extraRequested: 'Proyección adicional solicitada',
    extraReceived: 'Proyección adicional recibida',
    acknowledged: 'Asumida por {{name}}, el {{date}}.',
    notAcknowledged: 'Nadie en la clínica la ha asumido todavía.',
    chased_one: 'Recordada una vez, el {{date}}.',
    chased_many: 'Recordada {{count}} veces, la última el {{date}}.',
    chased_other: 'Recordada {{count}} veces, la última el {{date}}.',
    acknowledge: 'Repetiremos las imágenes',
    chase: 'Recordar a la clínica',
    reason: {
      over_exposed: 'Sobreexpuesta',
      under_exposed: 'Subexpuesta',
      position_rotation: 'Posición incorrecta o rotación',
      under_inflation: 'Inspiración insuficiente',
      cut_off_anatomy: 'Anatomía cortada',
      poor_contrast: 'Contraste insuficiente',
      artefacts: 'Artefactos',
      motion: 'Movimiento',
      processing_fault: 'Fallo de procesado',
      wrong_patient_or_marker: 'Paciente o marcador de lado incorrecto',
    },
    view: {
      lateral: 'Lateral',
      decubitus: 'Decúbito',
      apical_lordotic: 'Lordótica apical',
      other: 'Otra (ver la nota)',
    },
  },
  study: {
    section: 'Informes',
    none: 'Todavía no hay ningún informe publicado.',
    soon: '{{note}} El informe aparecerá aquí en cuanto se publique.',
    whenSigned:
      'El informe aparecerá aquí en cuanto se firme; hasta entonces, el estudio está en la lista de trabajo de los lectores.',
  },
  critical: {
    title: 'Resultado crítico',
    intro:
      'Un informe indica que este paciente necesita atención ahora. Una persona de la clínica debe confirmar que lo ha recibido: su nombre y la hora quedan registrados y se comunican al centro.',
    patient: '{{name}} ({{id}})',
    reported: 'Informado por {{name}}, {{date}} · {{clinic}}',
    open: 'Abrir el informe',
    acknowledge: 'Confirmar recepción: {{name}}',
    flagged: '{{finding}} — señalado por {{name}}',
    communicated: 'Comunicado a {{name}} ({{clinic}}) el {{date}}',
    sent: 'Enviado a la clínica el {{date}}; recepción aún no confirmada.',
    onRelease: 'La clínica recibe la alerta cuando se publica el informe.',
    history: 'Resultado crítico comunicado a {{name}} ({{clinic}}), {{date}}',
    categories: {
      active_tb_cavitation: 'TB activa con cavitación',
      tension_pneumothorax: 'Neumotórax a tensión',
      large_effusion: 'Derrame pleural extenso',
      suspected_malignancy: 'Masa sospechosa de malignidad',
      other: 'Otro hallazgo urgente',
    },
  },
};
