import { ROLES, type Role } from './roles';

/**
 * The one permission table: which roles hold each permission. The server's routes declare the
 * permission they need and refuse the rest; the web app shows a page, menu entry or button only
 * to users holding the permission behind it. Both read this table, so they cannot disagree.
 * Clinic scope (which clinics' records) is a separate check on the server.
 */
export const PERMISSIONS = {
  /** Any signed-in account: own profile, password, MFA, tokens. */
  self: ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'auditor', 'clinic'],
  /** Choosing which kinds of notification one receives (in the app and by e-mail). */
  'notifications:preferences': ROLES,
  /**
   * Previewing a clinic's daily digest: administrators for any clinic, clinic staff for the
   * clinics they manage (the service checks the membership's manager flag).
   */
  'digest:preview': ['admin', 'clinic'],
  'centres:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin'],
  'centres:write': ['admin'],
  /** Clinic users read only their own clinics (clinic scope). */
  'clinics:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  'clinics:write': ['admin'],
  /**
   * A clinic's onboarding checklist: support and admin work it (steps, training, moves to pilot
   * and live); the clinic's own users read their progress (clinic scope).
   */
  'onboarding:read': ['support', 'admin', 'clinic'],
  'onboarding:write': ['support', 'admin'],
  /**
   * Support's clinic pages: the directory of clinics and each clinic's detail (contacts, doors,
   * traffic, deliveries, incidents). Centre staff who look after clinics; never clinic users.
   */
  'clinics:overview': ['assistant', 'support', 'admin'],
  'users:read': ['admin'],
  'users:write': ['admin'],
  'audit:read': ['auditor', 'admin'],
  /** Studies in the archive; clinic users only their own clinics' (clinic scope). */
  'archive:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  /**
   * The technical detail of studies on the web pages: DICOM tags, transfer syntaxes and object
   * classes, UIDs, the origin history of each object, and the keyboard hints of the dense lists.
   * Clinic staff see the same studies in plain words; the data itself stays theirs to read
   * through DICOMweb under archive:read, so no route needs this one.
   */
  'archive:technical': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin'],
  /** Sending objects (STOW-RS, browser upload); clinic users only to their own clinics. */
  'archive:write': ['support', 'admin', 'clinic'],
  /** Sending images from the browser (resumable upload); clinic users only to their own clinics. */
  'uploads:send': ['clinic'],
  /** The reading worklist; clinic users only their own clinics' tasks (clinic scope). */
  'worklist:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  /**
   * Seeing second reads (consultations, second opinions, peer review, QC) as worklist rows of
   * their own. Without it a study is one row, its primary read, whose status says when it is
   * with a consultant: clinics follow their study, not the centre's internal tasks.
   */
  'worklist:second-reads': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin'],
  /** Claiming, heartbeating and releasing reading tasks; marking oneself on shift. */
  'worklist:claim': ['radiologist', 'consultant'],
  /** Taking a task that waits for its centre to open ("Read now"), with a recorded reason. */
  'worklist:read_now': ['radiologist', 'consultant'],
  /** Reassigning a task to another reader or back to the queue. */
  'worklist:assign': ['consultant', 'admin'],
  /** Changing a task's priority; clinic users may only raise their own routine tasks to urgent. */
  'worklist:prioritise': ['radiologist', 'consultant', 'assistant', 'admin', 'clinic'],
  /**
   * What a clinic asks of the reader for a study: a clinical note and the receiving programme;
   * clinic users only for their own clinics' studies (clinic scope).
   */
  'studies:request': ['clinic', 'assistant', 'admin'],
  'settings:read': ['admin'],
  'settings:write': ['admin'],
  /** Released reports; clinic users only their own clinics' and never a draft (clinic scope). */
  'report:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  /** Opening and autosaving a report (only the task's claimant, checked by the service). */
  'report:write': ['radiologist', 'consultant'],
  /** Signing, asking for a consultation, adding an addendum. */
  'report:sign': ['radiologist', 'consultant'],
  /** Claiming consultation tasks and concurring with or amending a held report. */
  'consultation:decide': ['consultant'],
  'rules:consultation:read': ['radiologist', 'consultant', 'qa', 'admin'],
  /** Consultation rules are data, edited by QA or admin. */
  'rules:consultation:write': ['qa', 'admin'],
  /** Report deliveries to clinics (PDF, DICOM, webhook) and their attempts: support's view. */
  'deliveries:read': ['support', 'admin'],
  /** Retrying a failed delivery. */
  'deliveries:retry': ['support', 'admin'],
  /** The network monitor: every clinic's link, refusals at the doors, alerts and their rules. */
  'monitor:read': ['support', 'admin'],
  /** A clinic's working hours, the alert rules, and running the alert check now. */
  'monitor:write': ['support', 'admin'],
  /** Acknowledging a retake or extra-view request: a named clinic user takes it on. */
  'retakes:acknowledge': ['clinic'],
  /** Reminding a clinic of a retake it has not answered (the assistant's desk). */
  'retakes:chase': ['assistant', 'admin'],
  /** The retake and extra-view rates per clinic and reason (a KPI). */
  'retakes:rates': ['assistant', 'qa', 'admin'],
  /** Orders (expected CXRs): the clinic registers its applicants; the centre sees them. */
  'orders:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  /** Registering, importing and cancelling orders: the clinic, and the assistants helping it. */
  'orders:write': ['clinic', 'assistant', 'admin'],
  /** Peer-review programmes (what is sampled and targeted): QA edits them, consultants see them. */
  'peerReview:programmes:read': ['qa', 'consultant', 'admin'],
  'peerReview:programmes:write': ['qa', 'admin'],
  /**
   * Peer-review scores. Confidential: the service lists a reader's own scores only, except to QA,
   * who sees everyone's (`peerReview:scores:all`).
   */
  'peerReview:scores:read': ['radiologist', 'consultant', 'qa'],
  'peerReview:scores:all': ['qa'],
  /** Scoring a peer-review task the reviewer claimed (never their own read: the worklist refuses it). */
  'peerReview:review': ['radiologist', 'consultant'],
  /** Discrepancy cases (score 3 or any "b"): consultants settle them, QA follows them. */
  'peerReview:discrepancies:read': ['consultant', 'qa'],
  'peerReview:discrepancies:resolve': ['consultant'],
  /** The QC programme's sampling rules (which clinic reads the centre re-reads). */
  'qc:rules:read': ['qa', 'consultant', 'admin'],
  'qc:rules:write': ['qa', 'admin'],
  /** A clinic with local radiologists sends its own structured read of a study. */
  'qc:submit': ['clinic'],
  /**
   * A clinic's own read as it sent it. Never the centre's readers: a QC re-read is blind, and its
   * reader sees the clinic's read only through the QC task once their own is signed.
   */
  'qc:clinicRead': ['clinic', 'qa', 'admin'],
  /** Re-reading a sampled clinic read (the QC task a reader claimed). */
  'qc:reread': ['radiologist', 'consultant'],
  /** Agreement, kappa and the feedback report: a clinic its own (clinic scope), QA every clinic. */
  'qc:feedback:read': ['qa', 'consultant', 'admin', 'clinic'],
  /**
   * Asking a consultant for a second opinion on a study: the study's clinic (clinic scope) or
   * staff of a reading centre; and reading the requests and their signed notes.
   */
  'secondOpinion:request': ['clinic', 'assistant', 'radiologist', 'consultant', 'admin'],
  'secondOpinion:read': [
    'radiologist',
    'consultant',
    'assistant',
    'qa',
    'support',
    'admin',
    'clinic',
  ],
  /** Answering a second opinion with a signed consult note: consultants only. */
  'secondOpinion:answer': ['consultant'],
  /**
   * Radiologist report cards (volume, turnaround, peer-review scores, consultation and abnormal
   * rates against peers): a reader reads their own card; QA, consultants and administrators read
   * every reader's (`reportCards:all`), which the scope check enforces.
   */
  'reportCards:read': ['radiologist', 'consultant', 'qa', 'admin'],
  'reportCards:all': ['consultant', 'qa', 'admin'],
  /** Critical results: the clinic's alerts, and the centre's view of them (clinic scope). */
  'critical:read': ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
  /** Acknowledging a critical result: a named clinic user confirms the clinic has it. */
  'critical:acknowledge': ['clinic'],
  /** The "needs attention" list: studies flagged at ingest, with their reasons. */
  'attention:read': ['assistant', 'support', 'qa', 'admin'],
  /** Entering an applicant's identity for a study, and marking its flags as looked at. */
  'attention:write': ['assistant', 'support', 'admin'],
  /**
   * The assistant's desk: one inbox across the clinics a user assists (support and admin: any
   * clinic, narrowed by a clinic filter).
   */
  'desk:read': ['assistant', 'support', 'admin'],
  /** A desk over every clinic, not only those one assists (narrowed by the clinic filter). */
  'desk:all-clinics': ['support', 'admin'],
  /**
   * Messages with clinics: study threads (the clinic, the assistant, the reader) and, with
   * messages:channels, each clinic's channel. Clinic users only their own clinics' (clinic scope).
   */
  'messages:read': ['radiologist', 'consultant', 'assistant', 'support', 'admin', 'clinic'],
  'messages:write': ['radiologist', 'consultant', 'assistant', 'support', 'admin', 'clinic'],
  /** Each clinic's channel with its assistants and the centre; readers see study threads only. */
  'messages:channels': ['assistant', 'support', 'admin', 'clinic'],
  /** Editing the templates of common requests: the assistant lead's (ADR 0015). */
  'messages:templates': ['assistant_lead', 'admin'],
  /** Reporting an incident and commenting on one: anyone on staff. */
  'incidents:report': [
    'radiologist',
    'consultant',
    'assistant',
    'assistant_lead',
    'qa',
    'support',
    'admin',
    'auditor',
  ],
  /**
   * Reading incidents and their timelines: staff only. Clinic users are not given incidents: an
   * incident may name several clinics' studies, and its investigation is the centre's own work.
   */
  'incidents:read': [
    'radiologist',
    'consultant',
    'assistant',
    'assistant_lead',
    'qa',
    'support',
    'admin',
    'auditor',
  ],
  /** Investigating: owner, severity, state, root cause, corrective and preventive actions. */
  'incidents:manage': ['qa', 'admin'],
  /**
   * The capacity planner: staffing per centre and hour from arrivals and reading times. Quality
   * and support managers plan rosters; administrators own the centres' hours. Counts only: no
   * patient data, and no reader's confidential scores.
   */
  'capacity:read': ['qa', 'support', 'admin'],
  /**
   * The KPI dashboard and the studies behind its figures: every clinic and reader, so the centre's
   * quality officers, consultants and administrators only (not clinics, not single readers).
   */
  'kpi:read': ['qa', 'consultant', 'admin'],
  /** The lessons-learned knowledge base (no patient data): every staff member. */
  'lessons:read': [
    'radiologist',
    'consultant',
    'assistant',
    'assistant_lead',
    'qa',
    'support',
    'admin',
    'auditor',
  ],
  /**
   * Reading SOPs and guidelines, and acknowledging a version: everyone, clinic users included,
   * each only the documents whose newest version is for one of their roles (QA and admin: all).
   */
  'sops:read': [
    'radiologist',
    'consultant',
    'assistant',
    'assistant_lead',
    'qa',
    'support',
    'admin',
    'auditor',
    'clinic',
  ],
  /** Writing SOPs (new documents and versions) and reading who acknowledged them. */
  'sops:manage': ['qa', 'admin'],
  /** Flagging an interesting case for the teaching file: the readers. */
  'teaching:flag': ['radiologist', 'consultant'],
  /** Building teaching sessions from flagged cases (their de-identified copies): QA. */
  'teaching:manage': ['qa'],
  /**
   * Attending a teaching session: any staff member views its de-identified cases. Clinic users
   * never see teaching cases.
   */
  'teaching:view': [
    'radiologist',
    'consultant',
    'assistant',
    'assistant_lead',
    'qa',
    'support',
    'admin',
    'auditor',
  ],
  /**
   * A clinic's edge gateways: support and administrators every clinic's, clinic staff their own
   * clinics' (clinic scope), read-only.
   */
  'gateways:read': ['support', 'admin', 'clinic'],
  /** Adding a gateway (its one-time enrolment code), rotating and revoking its credential. */
  'gateways:manage': ['support', 'admin'],
  /**
   * A gateway's heartbeat: no person's role holds it. Only a gateway's own service account does
   * (`GATEWAY_PERMISSIONS`), so a person's token is refused.
   */
  'gateways:heartbeat': [],
  /**
   * A gateway's copy of its clinic's modality worklist, and the orders the clinic registered at
   * the gateway while the centre was out of reach: again only a gateway's service account.
   */
  'gateways:worklist': [],
  /** CAD products, their results and thresholds: the readers, QA, support and administrators. */
  'cad:read': ['radiologist', 'consultant', 'qa', 'support', 'admin'],
  /** Registering CAD product versions and a CAD's integration account (docs/adr/0027). */
  'cad:manage': ['qa', 'admin'],
  /** Setting a product version's operating and triage thresholds: QA leads and administrators. */
  'cad:thresholds': ['qa', 'admin'],
  /**
   * Posting CAD results (`POST /api/cad/results`): no person's role holds it. Only a CAD
   * integration's service account does (`CAD_PERMISSIONS`).
   */
  'cad:results:write': [],
} as const satisfies Record<string, readonly Role[]>;

/** A permission name. */
export type Permission = keyof typeof PERMISSIONS;

/**
 * Everything a gateway's service account may do (docs/adr/0033): send images for its clinic by
 * STOW-RS and the resumable upload, ask which it already sent, report its health, keep a copy of
 * its clinic's worklist and hand over the orders registered at it during an outage. It holds no
 * role, so nothing else is open to it.
 */
export const GATEWAY_PERMISSIONS = [
  'archive:write',
  'uploads:send',
  'gateways:heartbeat',
  'gateways:worklist',
] as const satisfies readonly Permission[];

/**
 * Everything a CAD integration's service account may do (docs/adr/0027): post results for the
 * studies of its clinics. It holds no role, so nothing else is open to it.
 */
export const CAD_PERMISSIONS = ['cad:results:write'] as const satisfies readonly Permission[];

/** Does any of `roles` hold `permission`? The one answer, for the server and the web app. */
export function rolesCan(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}
