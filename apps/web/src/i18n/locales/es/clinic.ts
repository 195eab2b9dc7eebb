/** El inicio de la clínica y las palabras del personal sobre sus estudios. */
export default {
  home: {
    sendTitle: 'Enviar imágenes',
    sendText:
      '¿Su clínica no tiene equipo de envío? Envíe las radiografías desde este ordenador o tableta.',
    sendButton: 'Enviar imágenes',
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
};
