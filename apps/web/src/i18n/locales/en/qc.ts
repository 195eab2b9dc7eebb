/** The clinic's quality feedback: its own reads as the reading centre checked them. */
export default {
  page: {
    title: 'Quality feedback',
    description:
      'How the reading centre’s checks of your clinic’s own reads compare with them, and the report to download.',
    period: 'Period',
    d30: 'Last 30 days',
    d90: 'Last 90 days',
    d365: 'Last 12 months',
    clinic: 'Clinic',
    download: 'Download the feedback report (PDF)',
    emptyTitle: 'No checked reads in this period',
    emptyText:
      'When your clinic sends its own read with a study (on the study’s page, “Send our read”), the reading centre checks some of them. The results appear here.',
  },
  summary: {
    checked: 'Reads checked',
    agreed: 'Agreed',
    minor: 'Minor differences',
    major: 'Major differences',
    kappa: 'Agreement score (kappa)',
    kappaHelp:
      'Cohen’s kappa: 1 is perfect agreement, 0 is no better than chance. Above 0.8 is almost perfect.',
    kappaNone: 'Not enough variety yet',
    words: {
      poor: 'poor',
      slight: 'slight',
      fair: 'fair',
      moderate: 'moderate',
      substantial: 'substantial',
      almostPerfect: 'almost perfect',
    },
  },
  table: {
    title: 'Your reads against the centre’s',
    label: 'Agreement table',
    rows: 'Your read ↓ / the centre’s read →',
  },
  categories: {
    normal: 'Normal',
    abnormal: 'Abnormal, not TB',
    tb: 'Suggestive of TB',
    unreadable: 'Unreadable',
  },
  agreement: {
    concordant: 'Agreed',
    minor: 'Minor difference',
    major: 'Major difference',
  },
  cases: {
    title: 'Reads the centre checked',
    label: 'Checked reads',
    patient: 'Patient',
    yours: 'Your read',
    centre: 'The centre’s read',
    outcome: 'Outcome',
    date: 'Checked',
  },
  study: {
    title: 'Our clinic’s read',
    intro:
      'Your clinic’s radiologist can send their own read of this X-ray. The reading centre checks some of these reads and shows you how they compare.',
    send: 'Send our read',
    readBy: 'Read by',
    readByHint: 'The name of the radiologist who read it at your clinic',
    submit: 'Send our read',
    cancel: 'Cancel',
    formNote: 'The form is in English, the language of the receiving programme.',
    sent: 'Sent on {{date}}, read by {{name}}',
    waiting: 'The reading centre will check this read; the result appears here.',
    notChosen: 'This read was not chosen for a check.',
    checked: 'Checked by the reading centre: {{outcome}}',
    yourRead: 'Your read: {{category}}',
    centreRead: 'The centre’s read: {{category}}',
    fix: 'Correct the fields listed above, then send again.',
  },
};
