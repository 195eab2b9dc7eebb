import {
  IconUsersGroup,
  IconAlertOctagon,
  IconArrowsDiff,
  IconAlertTriangle,
  IconReportAnalytics,
  IconChartBar,
  IconBook,
  IconFileCertificate,
  IconBuildingCommunity,
  IconBuildingHospital,
  IconChecklist,
  IconFolders,
  IconGitCompare,
  IconHome,
  IconInbox,
  IconListCheck,
  IconListSearch,
  IconMessages,
  IconNetwork,
  IconReportMedical,
  IconRocket,
  IconRoute,
  IconScale,
  IconSchool,
  IconShieldLock,
  IconStars,
  IconTruckDelivery,
  IconUpload,
  IconUserCircle,
  IconUserPlus,
  IconUsers,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';
import { rolesCan, type Permission, type Role } from '@telerad/contracts';

/** Groups of the navbar, in display order. */
export const NAV_SECTIONS = [
  'Overview',
  'Reading',
  'Quality',
  'Administration',
  'Support',
  'Oversight',
] as const;

/** One section of the navbar. */
export type NavSection = (typeof NAV_SECTIONS)[number];

/**
 * One navigation entry: shown only to users holding every permission in `permissions` (the
 * server's permissions of the calls its page makes, from the shared table in contracts).
 */
export interface NavItem {
  /** Its entry in the `common` catalogue: `nav.<key>.label`, `.description`, `.plain`. */
  key: string;
  label: string;
  path: string;
  icon: Icon;
  permissions: readonly Permission[];
  section: NavSection;
  /** One-line description used on the home page. */
  description: string;
  /**
   * The same in plain words, for users without the archive's technical view (clinic staff),
   * where `description` speaks the centre's language.
   */
  plainDescription?: string;
  /** A live count shown beside the entry (see AppLayout's NAV_BADGES). */
  badge?: 'unreadMessages' | 'sopsPending';
}

/**
 * The navigation model as data. Only pages that exist are listed. Coming features slot in by
 * section: the worklist, viewer and reports go under 'Reading' (radiologist, consultant,
 * assistant, clinic); peer review, KPIs and incidents under 'Quality' (qa, consultant).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    key: 'home',
    label: 'Home',
    path: '/',
    icon: IconHome,
    permissions: ['self'],
    section: 'Overview',
    description: 'Your starting point.',
  },
  {
    key: 'desk',
    label: 'Desk',
    path: '/desk',
    icon: IconInbox,
    permissions: ['desk:read'],
    section: 'Reading',
    description:
      'One inbox across your clinics: studies that need you, readings near their due time, unopened reports.',
  },
  {
    key: 'worklist',
    label: 'Worklist',
    path: '/worklist',
    icon: IconListCheck,
    permissions: ['worklist:read'],
    section: 'Reading',
    description: 'Studies waiting to be read, with live SLA clocks; readers claim the next one.',
    plainDescription: 'Your studies on their way to a reader, and how long until each is due.',
  },
  {
    key: 'register',
    label: 'Register applicant',
    path: '/register',
    icon: IconUserPlus,
    permissions: ['orders:write', 'clinics:read'],
    section: 'Reading',
    description: 'Register applicants before their X-ray, one by one or from a list.',
  },
  {
    key: 'send',
    label: 'Send images',
    path: '/send',
    icon: IconUpload,
    permissions: ['uploads:send'],
    section: 'Reading',
    description: 'Send X-ray images from this computer or tablet, when you have no sending box.',
  },
  {
    key: 'messages',
    label: 'Messages',
    path: '/messages',
    icon: IconMessages,
    permissions: ['messages:read'],
    section: 'Reading',
    description: 'Clinic channels and applicant conversations, live, with unread counts.',
    plainDescription:
      'Write to the reading centre about your clinic or one applicant; answers arrive here.',
    badge: 'unreadMessages',
  },
  {
    key: 'studies',
    label: 'Studies',
    path: '/studies',
    icon: IconFolders,
    permissions: ['archive:read'],
    section: 'Reading',
    description: 'Search the archive by patient, ID, date, clinic and modality; open a study.',
    plainDescription: 'Every study your clinic sent: find one by name, ID or date to see it.',
  },
  {
    key: 'reports',
    label: 'Reports',
    path: '/reports',
    icon: IconReportMedical,
    permissions: ['report:read'],
    section: 'Reading',
    description: 'Signed reports with their PDF, addenda and retake requests.',
    plainDescription: 'Released reports to read and download, and retakes the centre asked for.',
  },
  {
    key: 'peerReviewProgrammes',
    label: 'Peer-review programmes',
    path: '/qa/peer-review',
    icon: IconChecklist,
    permissions: ['peerReview:programmes:read'],
    section: 'Quality',
    description:
      'Which finalised reads a second radiologist reviews: random share, targets, blind.',
  },
  {
    key: 'discrepancies',
    label: 'Discrepancies',
    path: '/peer-review/discrepancies',
    icon: IconGitCompare,
    permissions: ['peerReview:discrepancies:read'],
    section: 'Quality',
    description: 'Peer reviews scored 3 or “b”: feedback to the reader, addendum to the clinic.',
  },
  {
    key: 'peerReviewScores',
    label: 'Peer-review scores',
    path: '/peer-review/scores',
    icon: IconStars,
    permissions: ['peerReview:scores:read'],
    section: 'Quality',
    description: 'RADPEER scores of your own reads and the feedback on them (QA: every reader’s).',
  },
  {
    key: 'qcFeedback',
    label: 'Quality feedback',
    path: '/qc',
    icon: IconArrowsDiff,
    permissions: ['qc:feedback:read'],
    section: 'Quality',
    description:
      'Clinic reads the centre re-read blind: sampling rules, Cohen’s kappa and agreement per clinic, feedback PDF.',
    plainDescription:
      'How the reading centre’s checks of your own reads compare, and the report to download.',
  },
  {
    key: 'reportCards',
    label: 'Report cards',
    path: '/report-cards',
    icon: IconReportAnalytics,
    permissions: ['reportCards:read'],
    section: 'Quality',
    description:
      'Each reader’s reads, turnaround, peer-review scores and rates against peers, with a PDF (radiologists: their own).',
  },
  {
    key: 'kpi',
    label: 'KPI dashboard',
    path: '/qa/kpi',
    icon: IconChartBar,
    permissions: ['kpi:read', 'centres:read', 'clinics:read', 'peerReview:programmes:read'],
    section: 'Quality',
    description:
      'Turnaround, volumes, queue, findings, retakes, peer review and incidents, down to each study.',
  },
  {
    key: 'consultationRules',
    label: 'Consultation rules',
    path: '/admin/consultation-rules',
    icon: IconScale,
    permissions: ['rules:consultation:read'],
    section: 'Administration',
    description: 'Which signed reports are held for a consultant before the clinic sees them.',
  },
  {
    key: 'incidents',
    label: 'Incidents',
    path: '/incidents',
    icon: IconAlertOctagon,
    permissions: ['incidents:read'],
    section: 'Quality',
    description: 'Report what went wrong; QA investigates, acts and closes with a lesson.',
  },
  {
    key: 'sops',
    label: 'Procedures',
    path: '/sops',
    icon: IconFileCertificate,
    permissions: ['sops:read'],
    section: 'Quality',
    description: 'SOPs and guidelines: versions, who must read each, and who confirmed it.',
    plainDescription:
      'Guidelines from the reading centre for your clinic: read each and confirm it.',
    badge: 'sopsPending',
  },
  {
    key: 'capacity',
    label: 'Capacity planner',
    path: '/qa/capacity',
    icon: IconUsersGroup,
    permissions: ['capacity:read'],
    section: 'Quality',
    description: 'Readers each centre needs hour by hour to meet the SLA, against the roster.',
  },
  {
    key: 'lessons',
    label: 'Lessons learned',
    path: '/lessons',
    icon: IconBook,
    permissions: ['lessons:read'],
    section: 'Quality',
    description: 'Search what closed incidents taught the centre.',
  },
  {
    key: 'teaching',
    label: 'Teaching sessions',
    path: '/teaching',
    icon: IconSchool,
    permissions: ['teaching:view'],
    section: 'Quality',
    description: 'Flagged cases gathered into viewing sessions, with patient and clinic removed.',
  },
  {
    key: 'centres',
    label: 'Centres',
    path: '/admin/centres',
    icon: IconWorld,
    permissions: ['centres:read'],
    section: 'Administration',
    description: 'Reading centres, their time zones, service hours and holidays.',
  },
  {
    key: 'clinics',
    label: 'Clinics',
    path: '/admin/clinics',
    icon: IconBuildingHospital,
    permissions: ['clinics:read', 'centres:read'],
    section: 'Administration',
    description: 'Field clinics: programmes, AE titles, assistants and lifecycle.',
  },
  {
    key: 'users',
    label: 'Users',
    path: '/admin/users',
    icon: IconUsers,
    permissions: ['users:read'],
    section: 'Administration',
    description: 'Accounts, roles, clinic memberships, locks and MFA resets.',
  },
  {
    key: 'routing',
    label: 'Routing & SLA',
    path: '/admin/routing',
    icon: IconRoute,
    permissions: ['settings:read'],
    section: 'Administration',
    description: 'Clinic pins, priority overrides, SLA targets, centre-close and escalation rules.',
  },
  {
    key: 'security',
    label: 'Security',
    path: '/admin/security',
    icon: IconShieldLock,
    permissions: ['settings:read'],
    section: 'Administration',
    description: 'Who must use MFA, session timeout and account lockout.',
  },
  {
    key: 'attention',
    label: 'Needs attention',
    path: '/attention',
    icon: IconAlertTriangle,
    permissions: ['attention:read'],
    section: 'Oversight',
    description: 'Studies stored but flagged: no Patient ID, incomplete headers, new versions.',
  },
  {
    key: 'clinicOverview',
    label: 'Clinic overview',
    path: '/support/clinics',
    icon: IconBuildingCommunity,
    permissions: ['clinics:overview'],
    section: 'Support',
    description:
      'Every clinic: when it last sent an image, its open incidents, contacts, doors and traffic.',
  },
  {
    key: 'network',
    label: 'Network',
    path: '/support/network',
    icon: IconNetwork,
    permissions: ['monitor:read'],
    section: 'Support',
    description:
      'Every clinic on a map and in a table: last image, gateway queue, errors; alerts when one goes silent.',
  },
  {
    key: 'deliveries',
    label: 'Deliveries',
    path: '/support/deliveries',
    icon: IconTruckDelivery,
    permissions: ['deliveries:read'],
    section: 'Support',
    description: 'Released reports on their way to clinics: failed deliveries first, with retry.',
  },
  {
    key: 'onboarding',
    label: 'Onboarding',
    path: '/support/onboarding',
    icon: IconRocket,
    permissions: ['onboarding:write'],
    section: 'Support',
    description: 'New clinics on their way to live: checklist, training, pilot and go-live.',
  },
  {
    key: 'audit',
    label: 'Audit log',
    path: '/audit',
    icon: IconListSearch,
    permissions: ['audit:read'],
    section: 'Oversight',
    description: 'Search the trail of who did what, when and from where.',
  },
  {
    key: 'profile',
    label: 'Profile',
    path: '/profile',
    icon: IconUserCircle,
    permissions: ['self'],
    section: 'Overview',
    description: 'Your password, two-factor authentication and API tokens.',
  },
];

/** True when a user with `roles` may use `item`: holds every permission its page needs. */
export function canSee(item: Pick<NavItem, 'permissions'>, roles: readonly Role[]): boolean {
  return item.permissions.every((p) => rolesCan(roles, p));
}

/** The navigation entries a user with `roles` may use, in order. */
export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(item, roles));
}

/** What `item` is for, in plain words unless the user has the archive's technical view. */
export function describeNavItem(item: NavItem, technical: boolean): string {
  return technical ? item.description : (item.plainDescription ?? item.description);
}

/** The catalogue key of what `item` is for (see {@link describeNavItem}). */
export function describeNavItemKey(item: NavItem, technical: boolean): string {
  return `nav.${item.key}.${technical || !item.plainDescription ? 'description' : 'plain'}`;
}

/** The nav entry at `path`; route guards use it to find the permissions its page needs. */
export function navItem(path: string): NavItem {
  const item = NAV_ITEMS.find((i) => i.path === path);
  if (!item) throw new Error(`No nav item for ${path}`);
  return item;
}
