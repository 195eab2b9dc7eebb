/**
 * The words around a report as the clinic reads it. The report's own content (result, findings,
 * impression) stays in English, the receiving programme's language.
 */
export default {
  page: {
    title: 'Reports',
    clinicDescription: 'Signed reports of your clinics, as soon as they are released.',
    emptyTitle: 'No released reports yet',
    emptyText:
      'A report appears here the moment a radiologist signs it (after a consultant’s review when one is needed). Studies still being read are on the Worklist.',
    openWorklist: 'Open the worklist',
    openStudy: 'Open the study',
    region: 'Report',
  },
  table: {
    label: 'Reports',
    patient: 'Patient',
    study: 'Study',
    result: 'Result',
    signed: 'Signed',
    notOpened: 'Not opened',
  },
  states: {
    draft: 'Draft',
    pending_consultation: 'Held for consultation',
    final: 'Released',
    retake_requested: 'Retake requested',
  },
  report: {
    signedBy: 'Signed by {{name}}',
    version: 'Version {{version}}',
    downloadPdf: 'Download PDF',
    view: 'View',
    unknownForm:
      'This report uses form {{form}} {{version}}, which this app cannot display. Download the PDF instead.',
    englishNote: 'The report itself is in English, the language of the receiving programme.',
  },
  retake: {
    requested: 'Retake requested',
    received: 'Retake received',
    unreadable: 'Images unreadable',
    requestedBy: 'Requested by {{name}}, {{date}}.',
    arrived: 'New images arrived {{date}}; the study is being read again.',
    sendNew: 'Send new images of this study; it goes back to the readers as soon as they arrive.',
    extraRequested: 'Extra view requested',
    extraReceived: 'Extra view received',
    acknowledged: 'Taken on by {{name}}, {{date}}.',
    notAcknowledged: 'Nobody at the clinic has taken this on yet.',
    chased_one: 'Reminded once, {{date}}.',
    chased_other: 'Reminded {{count}} times, last {{date}}.',
    acknowledge: 'We will take new images',
    chase: 'Remind the clinic',
    reason: {
      over_exposed: 'Over-exposed',
      under_exposed: 'Under-exposed',
      position_rotation: 'Improper position or rotation',
      under_inflation: 'Under-inflation',
      cut_off_anatomy: 'Cut-off anatomy',
      poor_contrast: 'Poor contrast',
      artefacts: 'Artefacts',
      motion: 'Motion',
      processing_fault: 'Processing fault',
      wrong_patient_or_marker: 'Wrong patient or side marker',
    },
    view: {
      lateral: 'Lateral',
      decubitus: 'Decubitus',
      apical_lordotic: 'Apical lordotic',
      other: 'Other (see the note)',
    },
  },
  study: {
    section: 'Reports',
    none: 'No report released yet.',
    soon: '{{note}} The report shows here as soon as it is released.',
    whenSigned:
      'The report shows here as soon as it is signed; until then the study is on the worklist for the readers.',
  },
};
