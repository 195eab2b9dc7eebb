/** El inicio de la clínica y las palabras del personal sobre sus estudios. */
export default {
  home: {
    sendTitle: 'Enviar imágenes',
    sendText:
      '¿Su clínica no tiene equipo de envío? Envíe las radiografías desde este ordenador o tableta.',
    sendButton: 'Enviar imágenes',
  },
  studies: {
    title: 'Estudios',
    description:
      'Los estudios de su clínica tal como los recibió el centro, los más recientes primero. Abra uno para ver sus imágenes y su informe.',
    noMatchTitle: 'Ningún estudio coincide',
    noMatchText:
      'Revise la ortografía, amplíe las fechas o quite los filtros para ver todos los estudios.',
    showAll: 'Ver todos los estudios',
    emptyTitle: 'Todavía no hay estudios',
    emptyText:
      'Envíe las radiografías de tórax desde su equipo como siempre, o desde este ordenador con Enviar imágenes. Aparecen aquí en cuanto llega la primera imagen.',
    loadMore: 'Cargar más',
    end_one: '{{count}} estudio — fin de los resultados',
    end_many: '{{count}} estudios — fin de los resultados',
    end_other: '{{count}} estudios — fin de los resultados',
    table: {
      label: 'Estudios',
      patient: 'Paciente',
      patientId: 'ID del paciente',
      sexAge: 'Sexo/Edad',
      date: 'Fecha del estudio',
      reference: 'N.º de estudio',
      clinic: 'Clínica',
      images: 'Imágenes',
      received: 'Recibido',
      status: 'Estado',
      size: 'Tamaño',
      row: '{{name}}, ID del paciente {{id}}, {{date}}',
      /** Words only centre staff read (the DICOM view of a study). */
      staff: {
        modality: 'Tipo de equipo',
        parts: 'Grupos/Imágenes',
      },
    },
  },
  search: {
    form: 'Búsqueda de estudios',
    label: 'Buscar estudios',
    placeholder: 'ID del paciente, n.º de estudio o nombre del paciente',
    submit: 'Buscar',
    clear: 'Quitar filtros',
    more: 'Más filtros',
    patientName: 'Nombre del paciente',
    patientNamePlaceholder: 'Santos M* (apellido primero)',
    patientNameTitle: 'Apellido primero; * sustituye cualquier letra, p. ej. Santos M*',
    patientId: 'ID del paciente',
    accession: 'N.º de estudio',
    from: 'Estudio desde',
    to: 'Estudio hasta',
    /** Words only centre staff read (the DICOM view of a study). */
    staff: {
      modality: 'Tipo de equipo',
      anyModality: 'Cualquier equipo',
    },
  },
  status: {
    waiting: {
      label: 'Esperando a que abra el centro',
      note: 'Todos los centros de lectura están cerrados; se leerá cuando abra uno.',
    },
    queued: {
      label: 'Esperando a un radiólogo',
      note: 'Está en la lista de trabajo del centro de lectura.',
    },
    in_progress: { label: 'En lectura', note: 'Un radiólogo lo está leyendo ahora.' },
    held_for_consultation: {
      label: 'Con el consultor',
      note: 'El radiólogo lo leyó y pidió a un consultor que lo confirme antes de publicar el informe.',
    },
    awaiting_images: {
      label: 'Repetición solicitada',
      note: 'El radiólogo pidió imágenes nuevas; envíelas para que el estudio vuelva a la lista.',
    },
    completed: {
      label: 'Informe publicado',
      note: 'El informe está publicado: ábralo desde Informes.',
    },
    cancelled: { label: 'Cancelado', note: 'Esta lectura se canceló.' },
  },
  arrival: {
    receiving: 'Recibiendo',
    receivingNote: 'Todavía llegan imágenes; el estudio pasa a un radiólogo cuando dejen de llegar',
    received: 'Recibido',
    receivedNote: 'Todas las imágenes recibidas desde el {{date}}; el estudio pasó a un radiólogo',
  },
  study: {
    back: 'Estudios',
    untitled: 'Estudio',
    openViewer: 'Abrir en el visor',
    patientId: 'ID del paciente',
    sexAge: 'Sexo · Edad',
    birthDate: 'Fecha de nacimiento',
    clinic: 'Clínica',
    images: 'Imágenes',
    firstReceived: 'Primera recepción',
    lastReceived: 'Última recepción',
    staff: {
      reference: 'N.º de acceso',
      parts: 'Series / Imágenes',
      uid: 'Study Instance UID {{uid}}',
    },
  },
};
