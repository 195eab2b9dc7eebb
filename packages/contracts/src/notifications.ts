import { z } from 'zod';
import type { Role } from './roles';

/**
 * Who receives a kind of notification. The server resolves each audience to users (in the
 * transaction of the event); the roles say which users' profiles offer the kind's switch.
 */
export const NOTIFICATION_AUDIENCES = {
  /** Active consultants of the task's centre, and those tied to no centre. */
  centreConsultants: ['consultant'],
  /** The user a task was assigned to. */
  assignee: ['consultant'],
  /** The radiologist whose read it is about (peer-review feedback). */
  reader: ['radiologist', 'consultant'],
  /** The user who asked a second opinion. */
  requester: ['clinic', 'assistant', 'radiologist', 'consultant', 'admin'],
  /** The clinic's own users. */
  clinicUsers: ['clinic'],
  /** The clinic's users and the assistants assigned to the clinic. */
  clinicAndAssistants: ['clinic', 'assistant'],
  /** The assistants assigned to the clinic. */
  clinicAssistants: ['assistant'],
  /** The supervisors (consultants, admins) of the event's centre, and those tied to no centre. */
  centreSupervisors: ['consultant', 'admin'],
  /** Technical support. */
  support: ['support'],
  /** The clinic's assistants and the supervisors (consultants, admins) of the task's centre. */
  taskWatchers: ['assistant', 'consultant', 'admin'],
  /** The owner of an SOP (QA, admins and consultants own them). */
  documentOwner: ['qa', 'admin', 'consultant'],
  /** The users holding any of a document version's roles. */
  documentReaders: [
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
} as const satisfies Record<string, readonly Role[]>;

/** One audience name. */
export type NotificationAudience = keyof typeof NOTIFICATION_AUDIENCES;

/** One kind of notification, as data: adding a kind is one more row. */
export interface NotificationKindSpec {
  /** Who receives it. */
  audience: NotificationAudience;
  /** The switch's name on the profile page, in the recipient's words. */
  label: string;
  /** What it tells, under the switch. */
  description: string;
  /**
   * Title, body and link templates: `{name}` is replaced by the event's fact of that name (a
   * missing fact is an error, so a template cannot silently print a hole). Link: a path in the
   * web app, or null.
   */
  title: string;
  body: string;
  link: string | null;
  /** Whether a user who never touched the switch receives it. */
  defaultOn: boolean;
}

/** The catalogue of notification kinds. */
export const NOTIFICATION_CATALOGUE = {
  'consultation.queued': {
    audience: 'centreConsultants',
    label: 'Consultation waiting',
    description: 'A report was held for a consultant and waits on the worklist.',
    title: 'Consultation waiting: {clinic} {patient}',
    body: '{reason}. Open it from the worklist.',
    link: '/worklist',
    defaultOn: true,
  },
  'consultation.assigned': {
    audience: 'assignee',
    label: 'Consultation assigned to you',
    description: 'A consultation was handed to you to settle.',
    title: 'Consultation assigned to you: {clinic} {patient}',
    body: '{reason}. It is on your worklist.',
    link: '/worklist',
    defaultOn: true,
  },
  'report.released': {
    audience: 'clinicUsers',
    label: 'Report ready',
    description: 'A report for one of your patients was released and can be opened.',
    title: '{what}: {patientName}',
    body: 'The report for {patientName} ({patient}) is ready. Open it to read or download it.',
    link: '/reports?report={reportId}',
    defaultOn: true,
  },
  'retake.requested': {
    audience: 'clinicAndAssistants',
    label: 'Retake requested',
    description: 'A radiologist could not read an X-ray and asks the clinic to take it again.',
    title: 'Retake requested: {patientName}',
    body: 'Please take the X-ray of {patientName} ({patient}) again: {reasons}.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'extra_view.requested': {
    audience: 'clinicAndAssistants',
    label: 'Extra view requested',
    description:
      'A radiologist asks the clinic for another view of an X-ray (a lateral, for example).',
    title: 'Extra view requested: {patientName}',
    body: 'Please take another view of {patientName} ({patient}) and send it with the same study: {views}.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'retake.reminder': {
    audience: 'clinicAndAssistants',
    label: 'Retake reminder',
    description: 'The centre reminds the clinic of a retake or extra view still to send.',
    title: 'Reminder: new images needed for {patientName}',
    body: 'The radiologist is still waiting for {what} of {patientName} ({patient}), asked {since}.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'critical.alert': {
    audience: 'clinicUsers',
    label: 'Critical result',
    description:
      'A report says your patient needs care at once. One person at the clinic must acknowledge it.',
    title: 'Critical result: {patientName}',
    body: '{finding}. The report of {patientName} ({patient}) needs action now. Open it and press "Acknowledge" to confirm the clinic has it.',
    link: '/reports?report={reportId}',
    defaultOn: true,
  },
  'qc.major_discordance': {
    audience: 'clinicUsers',
    label: 'Your read and the centre’s disagree',
    description:
      'The reading centre checked one of your clinic’s reads and disagrees on whether the X-ray suggests TB.',
    title: 'Check needed: {patientName}',
    body: 'The reading centre checked your clinic’s read of {patientName} ({patient}) and disagrees on whether the X-ray suggests TB. Open the quality feedback to compare the two reads.',
    link: '/qc',
    defaultOn: true,
  },
  'critical.escalated': {
    audience: 'clinicAssistants',
    label: 'Critical result not acknowledged',
    description: 'Nobody at one of your clinics has acknowledged a critical result in time.',
    title: 'Critical result not acknowledged: {clinic} {patient}',
    body: '{finding}. Nobody at {clinicName} has acknowledged it since {alertedAt}. Call the clinic.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'critical.escalated_supervisors': {
    audience: 'centreSupervisors',
    label: 'Critical result still not acknowledged',
    description:
      'A critical result read at your centre stays unacknowledged after the assistants were told.',
    title: 'Critical result still not acknowledged: {clinic} {patient}',
    body: '{finding}. Nobody at {clinicName} has acknowledged it since {alertedAt}; its assistants were told. Make sure the clinic is reached.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'delivery.failed': {
    audience: 'support',
    label: 'Report delivery failed',
    description: 'A report could not be delivered to a clinic after every retry.',
    title: 'Report delivery failed: {clinic} {channel} to {target}',
    body: '{attempts} attempts; last error: {error}. Retry it from Deliveries.',
    link: '/support/deliveries',
    defaultOn: true,
  },
  'network.clinic_silent': {
    audience: 'support',
    label: 'Clinic silent',
    description:
      'A clinic sent no image and its gateway no heartbeat for a while, inside its working hours.',
    title: 'Clinic silent: {clinic}',
    body: 'Nothing from {clinicName} since {since} ({minutes} min) during its working hours. Check its link on the network monitor, then call the clinic.',
    link: '/support/network',
    defaultOn: true,
  },
  'network.queue_growing': {
    audience: 'support',
    label: 'Gateway queue growing',
    description:
      'A clinic’s gateway holds more images, or holds them longer, than the alert rules allow.',
    title: 'Gateway queue growing: {clinic}',
    body: '{detail}. Images wait at {clinicName}; check its link speed and errors on the network monitor.',
    link: '/support/network',
    defaultOn: true,
  },
  'network.recovered': {
    audience: 'support',
    label: 'Clinic link recovered',
    description: 'A clinic that was silent, or whose gateway queue was growing, is back to normal.',
    title: 'Recovered: {clinic} ({what})',
    body: '{clinicName} is back to normal at {at}: {what} since {since}.',
    link: '/support/network',
    defaultOn: true,
  },
  'cad.result_error': {
    audience: 'support',
    label: 'CAD could not read a study',
    description:
      'A CAD product answered an error code instead of a score; the study stays in the normal queue.',
    title: 'CAD error {errorCode}: {clinic} {product}',
    body: '{product} answered {errorCode} ({meaning}) for study {studyUid}. The study is read in the normal queue; check what was sent to the CAD.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'cad.forward_failed': {
    audience: 'support',
    label: 'Images not sent to a CAD',
    description:
      'A chest X-ray could not be forwarded to a CAD after every retry; it is read without a CAD score.',
    title: 'Not sent to CAD: {clinic} to {integration}',
    body: '{attempts} attempts to {target}; last error: {error}. Study {studyUid} is read without a CAD score. Check the CAD’s address and that it is running, then retry from the CAD integrations page.',
    link: '/admin/cad',
    defaultOn: true,
  },
  'cad.object_unread': {
    audience: 'support',
    label: 'CAD object gave no result',
    description:
      'A CAD sent a DICOM SR that could not be taken as a result (an unregistered product version, or no score); it is stored, and the study is read in the normal queue.',
    title: 'CAD object not taken: {clinic} {product}',
    body: 'An SR from the CAD for study {studyUid} gave no result: {reason}. The object is kept as sent.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'peer_review.discrepancy': {
    audience: 'centreConsultants',
    label: 'Peer-review discrepancy',
    description: 'A peer reviewer scored a read 3 or "b"; a consultant settles the case.',
    title: 'Peer-review discrepancy ({score}): {clinic} {patient}',
    body: 'A reviewer found a discrepancy. Settle it from Discrepancies: feedback to the reader, and an addendum if the report must change.',
    link: '/peer-review/discrepancies',
    defaultOn: true,
  },
  'peer_review.feedback': {
    audience: 'reader',
    label: 'Peer-review feedback',
    description: 'A consultant settled a peer-review discrepancy on one of your reads.',
    title: 'Peer-review feedback on a read of yours',
    body: 'A consultant reviewed a discrepancy on one of your reads and left feedback. Open Peer-review scores to read it.',
    link: '/peer-review/scores',
    defaultOn: true,
  },
  'second_opinion.requested': {
    audience: 'centreConsultants',
    label: 'Second opinion asked',
    description: 'A clinic or a colleague asked a consultant a question about a study.',
    title: 'Second opinion asked: {clinic} {patient}',
    body: '{asker} asks: {question}',
    link: '/worklist',
    defaultOn: true,
  },
  'second_opinion.answered': {
    audience: 'requester',
    label: 'Second opinion answered',
    description: 'A consultant answered a question you asked about a study.',
    title: 'Second opinion answered: {patientName}',
    body: '{consultant} answered your question about {patientName} ({patient}). Open the study to read the note.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'second_opinion.amended': {
    audience: 'requester',
    label: 'Second opinion corrected',
    description: 'A consultant added an addendum to the answer to a question you asked.',
    title: 'Second opinion corrected: {patientName}',
    body: '{consultant} added an addendum to the answer about {patientName} ({patient}). Open the study to read it.',
    link: '/studies/{studyUid}',
    defaultOn: true,
  },
  'task.due_soon': {
    audience: 'taskWatchers',
    label: 'Task due soon',
    description: 'A reading task nears its due time.',
    title: 'Due in {minutes} min: {clinic} {patient}',
    body: '{detail}',
    link: '/worklist',
    defaultOn: true,
  },
  'task.overdue': {
    audience: 'taskWatchers',
    label: 'Task overdue',
    description: 'A reading task is past its due time.',
    title: 'Overdue: {clinic} {patient}',
    body: '{detail}',
    link: '/worklist',
    defaultOn: true,
  },
  'message.from_centre': {
    audience: 'clinicUsers',
    label: 'New message from the centre',
    description: 'Someone at the reading centre wrote to your clinic.',
    title: 'New message from the centre: {topic}',
    body: '{author}: {excerpt}',
    link: '/messages?thread={threadId}',
    defaultOn: true,
  },
  'message.from_clinic': {
    audience: 'clinicAssistants',
    label: 'New message from a clinic',
    description: 'A clinic you assist wrote in its conversation or in a study’s thread.',
    title: 'New message from {clinic}: {topic}',
    body: '{author}: {excerpt}',
    link: '/messages?thread={threadId}',
    defaultOn: true,
  },
  'sop.review_due': {
    audience: 'documentOwner',
    label: 'SOP review due',
    description: 'A procedure or guideline you own has reached its review date.',
    title: 'Review due: {ref} {title}',
    body: 'Version {version} of "{title}" was due for review on {reviewDueOn}. Review it and publish a new version, even if nothing changes.',
    link: '/sops/{documentId}',
    defaultOn: true,
  },
  'sop.acknowledgement_needed': {
    audience: 'documentReaders',
    label: 'Procedure to read and acknowledge',
    description: 'A new procedure or guideline for your role must be read and acknowledged.',
    title: 'Please read and acknowledge: {title}',
    body: 'Version {version} of "{title}" applies from {effectiveOn}. Open it, read it, and press "I have read this document".',
    link: '/sops/{documentId}',
    defaultOn: true,
  },
} as const satisfies Record<string, NotificationKindSpec>;

/** Kinds of in-app notification. */
export type NotificationKind = keyof typeof NOTIFICATION_CATALOGUE;
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_CATALOGUE) as [
  NotificationKind,
  ...NotificationKind[],
];
export const NotificationKind = z.enum(NOTIFICATION_KINDS);

/** The catalogue row of a kind. */
export function notificationSpec(kind: NotificationKind): NotificationKindSpec {
  return NOTIFICATION_CATALOGUE[kind];
}

/** The kinds someone holding `roles` can receive (their profile offers these switches). */
export function kindsForRoles(roles: readonly Role[]): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((k) => {
    const allowed: readonly Role[] = NOTIFICATION_AUDIENCES[NOTIFICATION_CATALOGUE[k].audience];
    return roles.some((r) => allowed.includes(r));
  });
}

/** Facts an event fills its templates with. */
export type NotificationFacts = Readonly<Record<string, string | number>>;

/**
 * Fills `{name}` placeholders with `facts`. Throws on a placeholder without a fact, so a row
 * that names a fact its event does not give fails its test instead of printing "{patient}".
 * `encode` applies to each value (URL-encoding for links).
 */
export function fillTemplate(
  template: string,
  facts: NotificationFacts,
  encode: (v: string) => string = (v) => v,
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = facts[name];
    if (v === undefined) throw new Error(`notification template needs {${name}}`);
    return encode(String(v));
  });
}
