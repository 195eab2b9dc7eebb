/** El marco común de todas las páginas: navegación, menú de la cuenta, campana, palabras comunes. */
export default {
  shell: {
    toggleNavigation: 'Mostrar u ocultar el menú',
    lightTheme: 'Cambiar al tema claro',
    darkTheme: 'Cambiar al tema oscuro',
    accountMenu: 'Menú de la cuenta',
    signedInAs: 'Sesión iniciada como {{username}}',
    profile: 'Perfil',
    conformance: 'Conformidad DICOM',
    signOut: 'Cerrar sesión',
    mainNavigation: 'Navegación principal',
    unread: '{{count}} sin leer',
    toAcknowledge: '{{count}} para leer y confirmar',
  },
  sections: {
    Overview: 'Resumen',
    Reading: 'Lectura',
    Quality: 'Calidad',
    Administration: 'Administración',
    Support: 'Soporte',
    Oversight: 'Supervisión',
  },
  nav: {
    home: { label: 'Inicio', description: 'Su punto de partida.' },
    desk: {
      label: 'Escritorio',
      description:
        'Una sola bandeja para sus clínicas: estudios que le esperan, lecturas cerca del plazo, informes sin abrir.',
    },
    worklist: {
      label: 'Lista de trabajo',
      description:
        'Estudios pendientes de lectura, con plazos en vivo; los lectores toman el siguiente.',
      plain: 'Sus estudios en camino a un radiólogo, y cuánto falta para cada plazo.',
    },
    register: {
      label: 'Registrar solicitante',
      description:
        'Registre a los solicitantes antes de su radiografía, uno a uno o desde una lista.',
    },
    send: {
      label: 'Enviar imágenes',
      description:
        'Envíe radiografías desde este ordenador o tableta, si no tiene equipo de envío.',
    },
    messages: {
      label: 'Mensajes',
      description:
        'Canales de las clínicas y conversaciones por solicitante, en directo, con los no leídos.',
      plain:
        'Escriba al centro de lectura sobre su clínica o un solicitante; las respuestas llegan aquí.',
    },
    studies: {
      label: 'Estudios',
      description:
        'Busque en el archivo por paciente, identificación, fecha, clínica o tipo de equipo.',
      plain:
        'Todos los estudios que envió su clínica: busque uno por nombre, identificación o fecha.',
    },
    reports: {
      label: 'Informes',
      description: 'Informes firmados con su PDF, adendas y solicitudes de repetición.',
      plain:
        'Los informes publicados para leer y descargar, y las repeticiones que pidió el centro.',
    },
    peerReviewProgrammes: {
      label: 'Programas de revisión por pares',
      description:
        'Qué lecturas finalizadas revisa un segundo radiólogo: parte aleatoria, objetivos, a ciegas.',
    },
    discrepancies: {
      label: 'Discrepancias',
      description: 'Revisiones puntuadas 3 o «b»: comentarios al lector, adenda para la clínica.',
    },
    peerReviewScores: {
      label: 'Puntuaciones de revisión',
      description:
        'Las puntuaciones RADPEER de sus lecturas y los comentarios recibidos (calidad: las de todos).',
    },
    qcFeedback: {
      label: 'Retroalimentación de calidad',
      description:
        'Lecturas de las clínicas releídas a ciegas por el centro: reglas de muestreo, kappa de Cohen y acuerdo por clínica, informe PDF.',
      plain:
        'Cómo se comparan las revisiones del centro con sus propias lecturas, y el informe para descargar.',
    },
    cadViewer: {
      label: 'CAD en el visor',
      description:
        'Cuándo ven los lectores el CAD en cada programa: a ciegas primero (tras su primera impresión) o desde el inicio.',
    },
    reportCards: {
      label: 'Fichas de desempeño',
      description:
        'Lecturas, tiempos, puntuaciones de revisión y tasas frente a los pares de cada lector, en PDF (radiólogos: la suya).',
    },
    consultationRules: {
      label: 'Reglas de consulta',
      description: 'Qué informes firmados revisa un consultor antes de que la clínica los vea.',
    },
    centres: {
      label: 'Centros',
      description: 'Centros de lectura, husos horarios, horarios de servicio y festivos.',
    },
    clinics: {
      label: 'Clínicas',
      description: 'Clínicas de campo: programas, títulos AE, asistentes y ciclo de vida.',
    },
    users: {
      label: 'Usuarios',
      description: 'Cuentas, roles, clínicas, bloqueos y restablecimiento de MFA.',
    },
    routing: {
      label: 'Enrutamiento y plazos',
      description:
        'Asignación de clínicas, prioridades, plazos objetivo, cierres de centro y escalados.',
    },
    cadIntegrations: {
      label: 'Integraciones CAD',
      description:
        'Adónde envía cada CAD las radiografías de tórax, prueba de conexión y lo enviado o fallido.',
    },
    security: {
      label: 'Seguridad',
      description: 'Quién debe usar MFA, caducidad de la sesión y bloqueo de cuentas.',
    },
    cadCalibration: {
      label: 'Calibración de CAD',
      description:
        'Cada versión de CAD frente a las lecturas finales: curva ROC, sensibilidad y especificidad en sus umbrales, y proporción señalada por clínica y mes.',
    },
    kpi: {
      label: 'Panel de indicadores',
      description:
        'Tiempos de respuesta, volúmenes, cola, hallazgos, repeticiones, revisión por pares e incidentes, hasta cada estudio.',
    },
    incidents: {
      label: 'Incidentes',
      description: 'Informe de lo que falló; calidad investiga, actúa y cierra con una lección.',
    },
    sops: {
      label: 'Procedimientos',
      description:
        'Procedimientos y guías: versiones, quién debe leer cada una y quién lo confirmó.',
      plain: 'Las guías del centro de lectura para su clínica: léalas y confirme su lectura.',
    },
    capacity: {
      label: 'Planificación de capacidad',
      description:
        'Lectores que cada centro necesita, hora a hora, para cumplir el plazo, frente al turno.',
    },
    lessons: {
      label: 'Lecciones aprendidas',
      description: 'Busque lo que los incidentes cerrados enseñaron al centro.',
    },
    teaching: {
      label: 'Sesiones docentes',
      description: 'Casos señalados reunidos en sesiones de lectura, sin paciente ni clínica.',
    },
    attention: {
      label: 'Requieren atención',
      description:
        'Estudios guardados pero señalados: sin identificación, cabeceras incompletas, nuevas versiones.',
    },
    onboarding: {
      label: 'Incorporación',
      description:
        'Clínicas nuevas camino de la puesta en marcha: lista de tareas, formación, piloto y arranque.',
    },
    clinicOverview: {
      label: 'Vista de clínicas',
      description:
        'Cada clínica: su última imagen recibida, sus incidentes abiertos, contactos, accesos DICOM y tráfico.',
    },
    network: {
      label: 'Red',
      description:
        'Cada clínica en un mapa y en una tabla: última imagen, cola de la pasarela, errores; alertas cuando una deja de enviar.',
    },
    deliveries: {
      label: 'Entregas',
      description:
        'Informes en camino a las clínicas: primero las entregas fallidas, con reintento.',
    },
    audit: {
      label: 'Registro de auditoría',
      description: 'Quién hizo qué, cuándo y desde dónde.',
    },
    profile: {
      label: 'Perfil',
      description: 'Su contraseña, la verificación en dos pasos y sus tokens de API.',
    },
  },
  roles: {
    radiologist: 'Radiólogo',
    consultant: 'Consultor',
    assistant: 'Asistente de telerradiología',
    assistant_lead: 'Responsable de asistentes',
    qa: 'Responsable de calidad',
    support: 'Soporte técnico',
    admin: 'Administrador',
    auditor: 'Auditor',
    clinic: 'Personal de la clínica',
  },
  home: {
    welcome: 'Bienvenido/a, {{name}}',
    signedInAs: 'Sesión iniciada como {{roles}}.',
    mfaTitle: 'Proteja su cuenta con la verificación en dos pasos',
    mfaBefore: 'Las imágenes y los informes de los pacientes merecen más que una contraseña.',
    mfaLink: 'Actívela en su perfil',
    mfaAfter: 'en dos minutos con cualquier aplicación de autenticación.',
    nextSteps: 'Próximos pasos',
    clinicNote:
      'Los solicitantes de hoy están arriba: en qué punto está cada lectura y su informe una vez publicado. Marque uno como urgente o añada una nota para el radiólogo desde su fila.',
  },
  bell: {
    title: 'Notificaciones',
    label_one: 'Notificaciones, {{count}} sin leer',
    label_many: 'Notificaciones, {{count}} sin leer',
    label_other: 'Notificaciones, {{count}} sin leer',
    unreadItem: 'Sin leer: {{title}}',
    markAll: 'Marcar todo como leído',
    loadFailed: 'No se pudieron cargar las notificaciones. Se reintentará en breve.',
    nothingYet: 'Nada por ahora.',
    youWillBeTold: 'Se le avisará aquí cuando:',
    chooseBefore: 'Elija cuáles en su',
    chooseLink: 'perfil',
    chooseAfter: '.',
  },
  notificationKinds: {
    message_from_centre: {
      label: 'Nuevo mensaje del centro',
      description: 'Alguien del centro de lectura escribió a su clínica.',
    },
    message_from_clinic: {
      label: 'Nuevo mensaje de una clínica',
      description:
        'Una clínica que usted asiste escribió en su conversación o en el hilo de un estudio.',
    },
    sop_acknowledgement_needed: {
      label: 'Procedimiento para leer y confirmar',
      description: 'Debe leer y confirmar un nuevo procedimiento o guía para su función.',
    },
    qc_major_discordance: {
      label: 'Su lectura y la del centro no coinciden',
      description:
        'El centro de lectura revisó una lectura de su clínica y no coincide en si la radiografía sugiere tuberculosis.',
    },
    consultation_queued: {
      label: 'Consulta pendiente',
      description: 'Un informe quedó retenido para un consultor y espera en la lista de trabajo.',
    },
    consultation_assigned: {
      label: 'Consulta asignada a usted',
      description: 'Se le ha asignado una consulta para resolver.',
    },
    report_released: {
      label: 'Informe listo',
      description: 'Se publicó el informe de uno de sus pacientes y ya puede abrirse.',
    },
    retake_requested: {
      label: 'Repetición solicitada',
      description: 'Un radiólogo no pudo leer una radiografía y pide a la clínica que la repita.',
    },
    delivery_failed: {
      label: 'Falló la entrega de un informe',
      description: 'No se pudo entregar un informe a una clínica tras todos los reintentos.',
    },
    task_due_soon: {
      label: 'Plazo próximo',
      description: 'Una lectura se acerca a su plazo.',
    },
    task_overdue: { label: 'Plazo vencido', description: 'Una lectura superó su plazo.' },
  },
  words: {
    none: '—',
    loading: 'Cargando…',
    loadFailed: 'No se pudo cargar esta página',
    retry: 'Reintentar',
  },
};
