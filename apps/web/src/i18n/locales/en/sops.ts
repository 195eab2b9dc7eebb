/** Procedures and guidelines: the library, a document, and confirming one has read it. */
export default {
  title: 'Procedures and guidelines',
  description:
    'The procedures and guidelines that apply to your work. Read each new version and confirm you have read it.',
  search: 'Search by title or reference',
  statusLabel: 'Status',
  status: {
    all: 'All',
    current: 'In force',
    review_due: 'Review due',
    upcoming: 'Not yet in force',
  },
  pending: {
    title: 'To read and confirm',
    intro_one: '{{count}} document asks you to read it and confirm you have read it.',
    intro_other: '{{count}} documents ask you to read them and confirm you have read them.',
    open: 'Read {{ref}}',
  },
  columns: {
    document: 'Document',
    version: 'Version',
    effective: 'In force from',
    reviewDue: 'Review due',
    owner: 'Owner',
    you: 'You',
  },
  you: { pending: 'To confirm', done: 'Confirmed' },
  empty: {
    title: 'No procedures yet',
    description:
      'When the quality team publishes a procedure or guideline for your role, it appears here and you are told to read it.',
  },
  emptySearch: {
    title: 'Nothing matches',
    description: 'Try other words, or choose “All” above.',
  },
  doc: {
    back: 'All procedures',
    version: 'Version {{version}}',
    effective: 'In force from {{date}}',
    reviewDue: 'Review due {{date}}',
    owner: 'Owner: {{name}}',
    oldVersion: 'You are reading version {{version}}, replaced on {{date}}.',
    readNewest: 'Read the current version',
    mustAcknowledge: 'Please read this version, then confirm you have read it.',
    acknowledge: 'I have read this document',
    acknowledgeKey: 'or press',
    acknowledged: 'You confirmed reading this version on {{date}}.',
    thanks: 'Thank you: your confirmation is recorded.',
    pdf: 'Open the PDF',
    pdfNote:
      'This version is a PDF document ({{size}}). Open it, read it to the end, then come back here.',
    history: 'Versions',
    current: 'Current',
    published: 'Published by {{name}} on {{date}}',
    noChangeNote: 'No note on what changed.',
    notFound: 'This document does not exist or is not for your role.',
  },
  /** Words only the quality team reads on these pages. */
  staff: {
    role: 'For role',
    anyRole: 'Any role',
    forRoles: 'For',
    confirmed: '{{done}} of {{total}} confirmed',
    newDocument: 'New document',
    newVersion: 'Publish a new version',
  },
};
