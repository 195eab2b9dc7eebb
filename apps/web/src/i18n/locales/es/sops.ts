/** Procedimientos y guías: la biblioteca, un documento y confirmar su lectura. */
export default {
  title: 'Procedimientos y guías',
  description:
    'Los procedimientos y guías que se aplican a su trabajo. Lea cada nueva versión y confirme que la ha leído.',
  search: 'Buscar por título o referencia',
  statusLabel: 'Estado',
  status: {
    all: 'Todos',
    current: 'En vigor',
    review_due: 'Revisión pendiente',
    upcoming: 'Aún no en vigor',
  },
  pending: {
    title: 'Para leer y confirmar',
    intro_one: '{{count}} documento le pide que lo lea y confirme su lectura.',
    intro_other: '{{count}} documentos le piden que los lea y confirme su lectura.',
    open: 'Leer {{ref}}',
  },
  columns: {
    document: 'Documento',
    version: 'Versión',
    effective: 'En vigor desde',
    reviewDue: 'Revisión prevista',
    owner: 'Responsable',
    you: 'Usted',
  },
  you: { pending: 'Por confirmar', done: 'Confirmado' },
  empty: {
    title: 'Aún no hay procedimientos',
    description:
      'Cuando el equipo de calidad publique un procedimiento o una guía para su función, aparecerá aquí y se le pedirá que lo lea.',
  },
  emptySearch: {
    title: 'Sin resultados',
    description: 'Pruebe con otras palabras o elija «Todos» arriba.',
  },
  doc: {
    back: 'Todos los procedimientos',
    version: 'Versión {{version}}',
    effective: 'En vigor desde el {{date}}',
    reviewDue: 'Revisión prevista el {{date}}',
    owner: 'Responsable: {{name}}',
    oldVersion: 'Está leyendo la versión {{version}}, sustituida el {{date}}.',
    readNewest: 'Leer la versión en vigor',
    mustAcknowledge: 'Lea esta versión y después confirme que la ha leído.',
    acknowledge: 'He leído este documento',
    acknowledgeKey: 'o pulse',
    acknowledged: 'Confirmó la lectura de esta versión el {{date}}.',
    thanks: 'Gracias: su confirmación ha quedado registrada.',
    pdf: 'Abrir el PDF',
    pdfNote:
      'Esta versión es un documento PDF ({{size}}). Ábralo, léalo hasta el final y vuelva aquí.',
    history: 'Versiones',
    current: 'En vigor',
    published: 'Publicada por {{name}} el {{date}}',
    noChangeNote: 'Sin nota sobre los cambios.',
    notFound: 'Este documento no existe o no corresponde a su función.',
  },
  /** Palabras que solo lee el equipo de calidad en estas páginas. */
  staff: {
    role: 'Para la función',
    anyRole: 'Todas las funciones',
    forRoles: 'Para',
    confirmed: '{{done}} de {{total}} confirmados',
    newDocument: 'Nuevo documento',
    newVersion: 'Publicar una nueva versión',
  },
};
