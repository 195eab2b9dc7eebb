/** La retroalimentación de calidad de la clínica: sus propias lecturas tal como el centro las revisó. */
export default {
  page: {
    title: 'Retroalimentación de calidad',
    description:
      'Cómo se comparan las revisiones del centro de lectura con las lecturas de su clínica, y el informe para descargar.',
    period: 'Periodo',
    d30: 'Últimos 30 días',
    d90: 'Últimos 90 días',
    d365: 'Últimos 12 meses',
    clinic: 'Clínica',
    download: 'Descargar el informe de retroalimentación (PDF)',
    emptyTitle: 'Ninguna lectura revisada en este periodo',
    emptyText:
      'Cuando su clínica envía su propia lectura con un estudio (en la página del estudio, «Enviar nuestra lectura»), el centro de lectura revisa una parte. Los resultados aparecen aquí.',
  },
  summary: {
    checked: 'Lecturas revisadas',
    agreed: 'Coincidentes',
    minor: 'Diferencias menores',
    major: 'Diferencias mayores',
    kappa: 'Puntuación de acuerdo (kappa)',
    kappaHelp:
      'Kappa de Cohen: 1 es acuerdo perfecto, 0 no es mejor que el azar. Por encima de 0,8 el acuerdo es casi perfecto.',
    kappaNone: 'Aún no hay suficiente variedad',
    words: {
      poor: 'pobre',
      slight: 'leve',
      fair: 'aceptable',
      moderate: 'moderado',
      substantial: 'considerable',
      almostPerfect: 'casi perfecto',
    },
  },
  table: {
    title: 'Sus lecturas frente a las del centro',
    label: 'Tabla de acuerdo',
    rows: 'Su lectura ↓ / lectura del centro →',
  },
  categories: {
    normal: 'Normal',
    abnormal: 'Anormal, no TB',
    tb: 'Sugestiva de TB',
    unreadable: 'Ilegible',
  },
  agreement: {
    concordant: 'Coincidente',
    minor: 'Diferencia menor',
    major: 'Diferencia mayor',
  },
  cases: {
    title: 'Lecturas revisadas por el centro',
    label: 'Lecturas revisadas',
    patient: 'Paciente',
    yours: 'Su lectura',
    centre: 'Lectura del centro',
    outcome: 'Resultado',
    date: 'Revisada',
  },
  study: {
    title: 'La lectura de nuestra clínica',
    intro:
      'El radiólogo de su clínica puede enviar su propia lectura de esta radiografía. El centro de lectura revisa una parte de estas lecturas y le muestra la comparación.',
    send: 'Enviar nuestra lectura',
    readBy: 'Leída por',
    readByHint: 'El nombre del radiólogo que la leyó en su clínica',
    submit: 'Enviar nuestra lectura',
    cancel: 'Cancelar',
    formNote: 'El formulario está en inglés, el idioma del programa de destino.',
    sent: 'Enviada el {{date}}, leída por {{name}}',
    waiting: 'El centro de lectura revisará esta lectura; el resultado aparecerá aquí.',
    notChosen: 'Esta lectura no fue elegida para una revisión.',
    checked: 'Revisada por el centro de lectura: {{outcome}}',
    yourRead: 'Su lectura: {{category}}',
    centreRead: 'Lectura del centro: {{category}}',
    fix: 'Corrija los campos indicados arriba y vuelva a enviar.',
  },
};
