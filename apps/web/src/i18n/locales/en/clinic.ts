/** The clinic's home and the words clinic staff see about their studies. */
export default {
  home: {
    sendTitle: 'Send images',
    sendText: 'No sending box at your clinic? Send X-ray images from this computer or tablet.',
    sendButton: 'Send images',
  },
  studies: {
    title: 'Studies',
    description:
      "Your clinic's studies as the centre received them, newest first. Open one to see its images and report.",
    noMatchTitle: 'No study matches',
    noMatchText: 'Check the spelling, widen the date range or clear filters to see every study.',
    showAll: 'Show all studies',
    emptyTitle: 'No studies yet',
    emptyText:
      'Send chest X-rays from your X-ray unit as usual, or from this computer with Send images. They appear here as soon as the first image arrives.',
    loadMore: 'Load more',
    end_one: '{{count}} study — end of results',
    end_other: '{{count}} studies — end of results',
    table: {
      label: 'Studies',
      patient: 'Patient',
      patientId: 'Patient ID',
      sexAge: 'Sex/Age',
      date: 'Study date',
      reference: 'Exam no.',
      clinic: 'Clinic',
      images: 'Images',
      received: 'Received',
      status: 'Status',
      size: 'Size',
      row: '{{name}}, patient ID {{id}}, {{date}}',
      /** Words only centre staff read (the DICOM view of a study). */
      staff: {
        modality: 'Modality',
        parts: 'Series/Img',
      },
    },
  },
  search: {
    form: 'Study search',
    label: 'Search studies',
    placeholder: 'Patient ID, exam number or patient name',
    submit: 'Search',
    clear: 'Clear filters',
    more: 'More filters',
    patientName: 'Patient name',
    patientNamePlaceholder: 'Santos M* (family name first)',
    patientNameTitle: 'Family name first; * stands for any letters, e.g. Santos M*',
    patientId: 'Patient ID',
    accession: 'Exam number',
    from: 'Study date from',
    to: 'Study date to',
    /** Words only centre staff read (the DICOM view of a study). */
    staff: {
      modality: 'Modality',
      anyModality: 'Any modality',
    },
  },
  status: {
    waiting: {
      label: 'Waiting for the centre to open',
      note: 'Every reading centre is closed; it is read when one opens.',
    },
    queued: {
      label: 'Waiting for a radiologist',
      note: 'It is on the reading centre’s worklist.',
    },
    in_progress: { label: 'Being read', note: 'A radiologist is reading it now.' },
    held_for_consultation: {
      label: 'With the consultant',
      note: 'The radiologist has read it and asked a consultant to confirm before the report is released.',
    },
    awaiting_images: {
      label: 'Retake requested',
      note: 'The radiologist asked for new images; send them to queue the study again.',
    },
    completed: { label: 'Report released', note: 'The report is released: open it from Reports.' },
    cancelled: { label: 'Cancelled', note: 'This reading was cancelled.' },
  },
  arrival: {
    receiving: 'Receiving',
    receivingNote: 'Images are still arriving; the study goes to a reader once they stop',
    received: 'Received',
    receivedNote: 'All images in since {{date}}; the study has gone to a reader',
  },
  study: {
    back: 'Studies',
    untitled: 'Study',
    openViewer: 'Open in viewer',
    patientId: 'Patient ID',
    sexAge: 'Sex · Age',
    birthDate: 'Birth date',
    clinic: 'Clinic',
    images: 'Images',
    firstReceived: 'First received',
    lastReceived: 'Last received',
    staff: {
      reference: 'Accession',
      parts: 'Series / Images',
      uid: 'Study Instance UID {{uid}}',
    },
  },
};
