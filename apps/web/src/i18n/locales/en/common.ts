/** The frame every page shares: navigation, account menu, notification bell, shared words. */
export default {
  shell: {
    toggleNavigation: 'Toggle navigation',
    lightTheme: 'Switch to light theme',
    darkTheme: 'Switch to dark theme',
    accountMenu: 'Account menu',
    signedInAs: 'Signed in as {{username}}',
    profile: 'Profile',
    conformance: 'DICOM conformance',
    signOut: 'Sign out',
    mainNavigation: 'Main navigation',
    unread: '{{count}} unread',
    toAcknowledge: '{{count}} to read and confirm',
  },
  sections: {
    Overview: 'Overview',
    Reading: 'Reading',
    Quality: 'Quality',
    Administration: 'Administration',
    Support: 'Support',
    Oversight: 'Oversight',
  },
  nav: {
    home: { label: 'Home', description: 'Your starting point.' },
    desk: {
      label: 'Desk',
      description:
        'One inbox across your clinics: studies that need you, readings near their due time, unopened reports.',
    },
    worklist: {
      label: 'Worklist',
      description: 'Studies waiting to be read, with live SLA clocks; readers claim the next one.',
      plain: 'Your studies on their way to a reader, and how long until each is due.',
    },
    register: {
      label: 'Register applicant',
      description: 'Register applicants before their X-ray, one by one or from a list.',
    },
    send: {
      label: 'Send images',
      description: 'Send X-ray images from this computer or tablet, when you have no sending box.',
    },
    messages: {
      label: 'Messages',
      description: 'Clinic channels and applicant conversations, live, with unread counts.',
      plain: 'Write to the reading centre about your clinic or one applicant; answers arrive here.',
    },
    studies: {
      label: 'Studies',
      description: 'Search the archive by patient, ID, date, clinic and modality; open a study.',
      plain: 'Every study your clinic sent: find one by name, ID or date to see it.',
    },
    reports: {
      label: 'Reports',
      description: 'Signed reports with their PDF, addenda and retake requests.',
      plain: 'Released reports to read and download, and retakes the centre asked for.',
    },
    peerReviewProgrammes: {
      label: 'Peer-review programmes',
      description:
        'Which finalised reads a second radiologist reviews: random share, targets, blind.',
    },
    discrepancies: {
      label: 'Discrepancies',
      description: 'Peer reviews scored 3 or “b”: feedback to the reader, addendum to the clinic.',
    },
    peerReviewScores: {
      label: 'Peer-review scores',
      description:
        'RADPEER scores of your own reads and the feedback on them (QA: every reader’s).',
    },
    qcFeedback: {
      label: 'Quality feedback',
      description:
        'Clinic reads the centre re-read blind: sampling rules, Cohen’s kappa and agreement per clinic, feedback PDF.',
      plain:
        'How the reading centre’s checks of your own reads compare, and the report to download.',
    },
    cadViewer: {
      label: 'CAD in the viewer',
      description:
        'When readers see CAD per programme: blind first (after their first impression) or from the start.',
    },
    reportCards: {
      label: 'Report cards',
      description:
        'Each reader’s reads, turnaround, peer-review scores and rates against peers, with a PDF (radiologists: their own).',
    },
    consultationRules: {
      label: 'Consultation rules',
      description: 'Which signed reports are held for a consultant before the clinic sees them.',
    },
    centres: {
      label: 'Centres',
      description: 'Reading centres, their time zones, service hours and holidays.',
    },
    clinics: {
      label: 'Clinics',
      description: 'Field clinics: programmes, AE titles, assistants and lifecycle.',
    },
    users: {
      label: 'Users',
      description: 'Accounts, roles, clinic memberships, locks and MFA resets.',
    },
    routing: {
      label: 'Routing & SLA',
      description:
        'Clinic pins, priority overrides, SLA targets, centre-close and escalation rules.',
    },
    cadIntegrations: {
      label: 'CAD integrations',
      description:
        'Where each CAD takes chest X-rays, a connection test, and what was sent or failed.',
    },
    security: {
      label: 'Security',
      description: 'Who must use MFA, session timeout and account lockout.',
    },
    cadCalibration: {
      label: 'CAD calibration',
      description:
        'Each CAD version against final reads: ROC, sensitivity and specificity at its thresholds, and the share flagged by clinic and month.',
    },
    kpi: {
      label: 'KPI dashboard',
      description:
        'Turnaround, volumes, queue, findings, retakes, peer review and incidents, down to each study.',
    },
    incidents: {
      label: 'Incidents',
      description: 'Report what went wrong; QA investigates, acts and closes with a lesson.',
    },
    sops: {
      label: 'Procedures',
      description: 'SOPs and guidelines: versions, who must read each, and who confirmed it.',
      plain: 'Guidelines from the reading centre for your clinic: read each and confirm it.',
    },
    capacity: {
      label: 'Capacity planner',
      description: 'Readers each centre needs hour by hour to meet the SLA, against the roster.',
    },
    lessons: {
      label: 'Lessons learned',
      description: 'Search what closed incidents taught the centre.',
    },
    teaching: {
      label: 'Teaching sessions',
      description: 'Flagged cases gathered into viewing sessions, with patient and clinic removed.',
    },
    attention: {
      label: 'Needs attention',
      description: 'Studies stored but flagged: no Patient ID, incomplete headers, new versions.',
    },
    onboarding: {
      label: 'Onboarding',
      description: 'New clinics on their way to live: checklist, training, pilot and go-live.',
    },
    clinicOverview: {
      label: 'Clinic overview',
      description:
        'Every clinic: when it last sent an image, its open incidents, contacts, doors and traffic.',
    },
    network: {
      label: 'Network',
      description:
        'Every clinic on a map and in a table: last image, gateway queue, errors; alerts when one goes silent.',
    },
    deliveries: {
      label: 'Deliveries',
      description: 'Released reports on their way to clinics: failed deliveries first, with retry.',
    },
    audit: {
      label: 'Audit log',
      description: 'Search the trail of who did what, when and from where.',
    },
    profile: {
      label: 'Profile',
      description: 'Your password, two-factor authentication and API tokens.',
    },
  },
  roles: {
    radiologist: 'Radiologist',
    consultant: 'Consultant',
    assistant: 'Teleradiology assistant',
    assistant_lead: 'Assistant lead',
    qa: 'Quality officer',
    support: 'Technical support',
    admin: 'Administrator',
    auditor: 'Auditor',
    clinic: 'Clinic staff',
  },
  home: {
    welcome: 'Welcome, {{name}}',
    signedInAs: 'Signed in as {{roles}}.',
    mfaTitle: 'Protect your account with two-factor authentication',
    mfaBefore: 'Patient images and reports deserve more than a password.',
    mfaLink: 'Set it up in your profile',
    mfaAfter: 'in two minutes with any authenticator app.',
    nextSteps: 'Next steps',
    clinicNote:
      "Today's applicants are above: where each reading stands, and its report once released. Mark one urgent or add a note for the radiologist from its row.",
  },
  bell: {
    title: 'Notifications',
    label_one: 'Notifications, {{count}} unread',
    label_other: 'Notifications, {{count}} unread',
    unreadItem: 'Unread: {{title}}',
    markAll: 'Mark all read',
    loadFailed: 'Could not load notifications. They will be retried shortly.',
    nothingYet: 'Nothing yet.',
    youWillBeTold: 'You will be told here when:',
    chooseBefore: 'Choose which on your',
    chooseLink: 'profile',
    chooseAfter: '.',
  },
  notificationKinds: {
    message_from_centre: {
      label: 'New message from the centre',
      description: 'Someone at the reading centre wrote to your clinic.',
    },
    message_from_clinic: {
      label: 'New message from a clinic',
      description: 'A clinic you assist wrote in its conversation or in a study’s thread.',
    },
    sop_acknowledgement_needed: {
      label: 'Procedure to read and confirm',
      description: 'A new procedure or guideline for your role must be read and confirmed.',
    },
    qc_major_discordance: {
      label: 'Your read and the centre’s disagree',
      description:
        'The reading centre checked one of your clinic’s reads and disagrees on whether the X-ray suggests TB.',
    },
    consultation_queued: {
      label: 'Consultation waiting',
      description: 'A report was held for a consultant and waits on the worklist.',
    },
    consultation_assigned: {
      label: 'Consultation assigned to you',
      description: 'A consultation was handed to you to settle.',
    },
    report_released: {
      label: 'Report ready',
      description: 'A report for one of your patients was released and can be opened.',
    },
    retake_requested: {
      label: 'Retake requested',
      description: 'A radiologist could not read an X-ray and asks the clinic to take it again.',
    },
    delivery_failed: {
      label: 'Report delivery failed',
      description: 'A report could not be delivered to a clinic after every retry.',
    },
    task_due_soon: { label: 'Task due soon', description: 'A reading task nears its due time.' },
    task_overdue: { label: 'Task overdue', description: 'A reading task is past its due time.' },
  },
  words: {
    none: '—',
    loading: 'Loading…',
    loadFailed: 'Could not load this page',
    retry: 'Try again',
  },
};
