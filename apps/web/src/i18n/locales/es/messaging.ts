/** Mensajes: el canal de la clínica y la conversación de cada solicitante con el centro. */
export default {
  page: {
    title: 'Mensajes',
    description:
      'Hable con el centro de lectura: el canal de su clínica y una conversación por solicitante.',
    staffDescription:
      'Canales de las clínicas y conversaciones por solicitante, las más recientes primero.',
    all: 'Todos',
    channels: 'Canales',
    applicants: 'Solicitantes',
    pick: 'Elija una conversación a la izquierda, o abra el estudio de un solicitante para empezar una sobre él.',
    back: 'Todas las conversaciones',
    editTemplates: 'Editar plantillas',
  },
  list: {
    search: 'Buscar por nombre, identificación o clínica',
    channel: '{{clinic}} — canal de la clínica',
    channelHint: 'Todo lo que no trata de un solo solicitante',
    noMessages: 'Aún no hay mensajes',
    empty:
      'Ninguna conversación coincide. Borre la búsqueda, o abra el estudio de un solicitante para escribir sobre él.',
    unread: '{{count}} sin leer',
  },
  thread: {
    loading: 'Cargando la conversación',
    opening: 'Abriendo la conversación sobre este solicitante',
    empty:
      'Aún no hay mensajes. Escriba abajo: todos en esta conversación reciben el aviso al instante.',
    seen: 'Visto por {{names}}',
    typing_one: '{{names}} está escribiendo…',
    typing_other: '{{names}} están escribiendo…',
    notice: 'Aviso',
    you: 'Usted',
  },
  composer: {
    label: 'Mensaje',
    placeholder: 'Escriba un mensaje… (Intro envía, Mayús+Intro empieza otra línea)',
    attach: 'Adjuntar una foto o un PDF (hasta 10 MB)',
    templates: 'Plantillas',
    templatesHint: 'Insertar una petición ya redactada',
    noTemplates: 'Aún no hay plantillas.',
    send: 'Enviar',
    uploading: 'Enviando el archivo…',
    remove: 'Quitar {{name}}',
    tooLarge:
      'Este archivo supera los 10 MB, lo máximo que admite un mensaje. Envíe una foto o un escaneo más ligero, o divida el documento.',
  },
  files: {
    openImage: 'Abrir {{name}} a tamaño completo',
    openPdf: 'Abrir {{name}}',
  },
};
