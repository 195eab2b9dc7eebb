/**
 * The clinic portal: today's applicants, where each reading stands, and what a clinic asks of
 * the reader. Words a clinic uses: no imaging-standard vocabulary (`clinicWords.test.ts`).
 */
export default {
  title: "Today's applicants",
  description:
    'Every applicant whose X-rays arrived today, where each reading stands, and the report once it is released.',
  searchLabel: 'Search applicants',
  searchPlaceholder: 'Name or applicant ID',
  dateLabel: 'Day of arrival',
  clearSearch: 'Back to today',
  found_one: '{{count}} applicant found',
  found_other: '{{count}} applicants found',
  table: 'Applicants',
  columns: {
    applicant: 'Applicant',
    state: 'State',
    arrived: 'Arrived',
    due: 'Report due (local time)',
    report: 'Report',
    actions: 'Actions',
  },
  justNow: 'just now',
  minutes: '{{minutes}} min ago',
  hours: '{{hours}} h ago',
  hoursMinutes: '{{hours}} h {{minutes}} min ago',
  days: '{{days}} days ago',
  dueLocal: 'in {{clinic}} local time',
  openReport: 'Open the report',
  noReport: 'Not yet',
  urgent: 'Urgent',
  noteBadge: 'Note for the reader',
  sendImages: 'Send images',
  emptyToday: {
    title: 'No applicants yet today',
    description:
      'Take the X-ray as usual and send it from your X-ray unit, or with "Send images" from this computer. It appears here within seconds.',
  },
  emptySearch: {
    title: 'No applicant found',
    description: 'Check the spelling of the name or the applicant ID, or choose another day.',
  },
  actions: {
    menu: 'Actions for {{name}}',
    urgent: 'Mark urgent',
    alreadyUrgent: 'Already urgent',
    note: 'Note for the reader',
    programme: 'Receiving programme',
  },
  urgentDialog: {
    title: 'Mark this applicant urgent',
    reasonLabel: 'Why is it urgent?',
    reasonHint: 'The radiologist sees this reason. For example: coughing blood, travel tomorrow.',
    submit: 'Mark urgent',
    done: 'Marked urgent. The reading centre reads it first.',
  },
  noteDialog: {
    title: 'Note for the reader',
    label: 'Clinical note',
    hint: 'Symptoms, history, prior TB treatment: anything the radiologist should know.',
    submit: 'Save the note',
    done: 'Note saved. The radiologist sees it when reading.',
  },
  programmeDialog: {
    title: 'Receiving programme',
    label: 'Programme',
    hint: 'Which country the applicant travels to decides the report form.',
    locked: 'The reading has started, so the programme can no longer change.',
    submit: 'Save the programme',
    done: 'Programme saved.',
  },
  state: {
    received: { label: 'Received', note: 'The images arrived and are in line for a radiologist.' },
    waiting_for_centre: {
      label: 'Waiting for a centre',
      note: 'Every reading centre is closed; it is read when one opens.',
    },
    being_read: { label: 'Being read', note: 'A radiologist is reading it now.' },
    with_consultant: {
      label: 'With a consultant',
      note: 'The radiologist has read it and asked a consultant to confirm before the report is released.',
    },
    reported: { label: 'Reported', note: 'The report is released: open it.' },
    retake_requested: {
      label: 'Retake requested',
      note: 'The radiologist asked for new images; send them to queue the study again.',
    },
    needs_attention: {
      label: 'Needs your attention',
      note: 'Something is missing, such as the applicant ID; the centre will contact you.',
    },
    cancelled: { label: 'Cancelled', note: 'This reading was cancelled.' },
  },
  cancel: 'Cancel',
  more: 'Show more',
};
