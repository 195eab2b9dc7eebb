import {
  IconAlertTriangle,
  IconBuildingHospital,
  IconFolders,
  IconHome,
  IconListCheck,
  IconListSearch,
  IconReportMedical,
  IconRoute,
  IconScale,
  IconShieldLock,
  IconTruckDelivery,
  IconUserCircle,
  IconUsers,
  IconWorld,
  type Icon,
} from '@tabler/icons-react';
import type { Role } from '@telerad/contracts';

/** Groups of the navbar, in display order. */
export const NAV_SECTIONS = [
  'Overview',
  'Reading',
  'Quality',
  'Administration',
  'Oversight',
] as const;

/** One section of the navbar. */
export type NavSection = (typeof NAV_SECTIONS)[number];

/** One navigation entry: shown only to users holding one of `roles` (`'all'`: everyone). */
export interface NavItem {
  label: string;
  path: string;
  icon: Icon;
  roles: readonly Role[] | 'all';
  section: NavSection;
  /** One-line description used on the home page. */
  description: string;
}

/**
 * The navigation model as data. Only pages that exist are listed. Coming features slot in by
 * section: the worklist, viewer and reports go under 'Reading' (radiologist, consultant,
 * assistant, clinic); peer review, KPIs and incidents under 'Quality' (qa, consultant).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  {
    label: 'Home',
    path: '/',
    icon: IconHome,
    roles: 'all',
    section: 'Overview',
    description: 'Your starting point.',
  },
  {
    label: 'Worklist',
    path: '/worklist',
    icon: IconListCheck,
    // Clinic users see their own clinics' tasks; only radiologists and consultants claim.
    roles: ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
    section: 'Reading',
    description: 'Studies waiting to be read, with live SLA clocks; claim the next one.',
  },
  {
    label: 'Studies',
    path: '/studies',
    icon: IconFolders,
    // archive:read: every role but the auditor; clinic users get their own clinics' studies.
    roles: ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
    section: 'Reading',
    description: 'Search the archive by patient, ID, date, clinic and modality; open a study.',
  },
  {
    label: 'Reports',
    path: '/reports',
    icon: IconReportMedical,
    // report:read: clinic users see the released reports of their own clinics.
    roles: ['radiologist', 'consultant', 'assistant', 'qa', 'support', 'admin', 'clinic'],
    section: 'Reading',
    description: 'Signed reports with their PDF, addenda and retake requests.',
  },
  {
    label: 'Consultation rules',
    path: '/admin/consultation-rules',
    icon: IconScale,
    roles: ['admin', 'qa'],
    section: 'Administration',
    description: 'Which signed reports are held for a consultant before the clinic sees them.',
  },
  {
    label: 'Centres',
    path: '/admin/centres',
    icon: IconWorld,
    roles: ['admin', 'support'],
    section: 'Administration',
    description: 'Reading centres, their time zones, service hours and holidays.',
  },
  {
    label: 'Clinics',
    path: '/admin/clinics',
    icon: IconBuildingHospital,
    roles: ['admin', 'support'],
    section: 'Administration',
    description: 'Field clinics: programmes, AE titles, assistants and lifecycle.',
  },
  {
    label: 'Users',
    path: '/admin/users',
    icon: IconUsers,
    roles: ['admin'],
    section: 'Administration',
    description: 'Accounts, roles, clinic memberships, locks and MFA resets.',
  },
  {
    label: 'Routing & SLA',
    path: '/admin/routing',
    icon: IconRoute,
    roles: ['admin'],
    section: 'Administration',
    description: 'Clinic pins, priority overrides, SLA targets, centre-close and escalation rules.',
  },
  {
    label: 'Security',
    path: '/admin/security',
    icon: IconShieldLock,
    roles: ['admin'],
    section: 'Administration',
    description: 'Who must use MFA, session timeout and account lockout.',
  },
  {
    label: 'Needs attention',
    path: '/attention',
    icon: IconAlertTriangle,
    // attention:read: assistants, support, QA and administrators.
    roles: ['assistant', 'support', 'qa', 'admin'],
    section: 'Oversight',
    description: 'Studies stored but flagged: no Patient ID, incomplete headers, new versions.',
  },
  {
    label: 'Deliveries',
    path: '/support/deliveries',
    icon: IconTruckDelivery,
    // deliveries:read: technical support and administrators.
    roles: ['support', 'admin'],
    section: 'Oversight',
    description: 'Released reports on their way to clinics: failed deliveries first, with retry.',
  },
  {
    label: 'Audit log',
    path: '/audit',
    icon: IconListSearch,
    roles: ['auditor'],
    section: 'Oversight',
    description: 'Search the trail of who did what, when and from where.',
  },
  {
    label: 'Profile',
    path: '/profile',
    icon: IconUserCircle,
    roles: 'all',
    section: 'Overview',
    description: 'Your password, two-factor authentication and API tokens.',
  },
];

/** True when a user with `roles` may use `item`. */
export function canSee(item: Pick<NavItem, 'roles'>, roles: readonly Role[]): boolean {
  return item.roles === 'all' || item.roles.some((r) => roles.includes(r));
}

/** The navigation entries a user with `roles` may use, in order. */
export function navFor(roles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => canSee(item, roles));
}

/** The nav entry at `path`; pages use it to find the roles allowed to open them. */
export function navItem(path: string): NavItem {
  const item = NAV_ITEMS.find((i) => i.path === path);
  if (!item) throw new Error(`No nav item for ${path}`);
  return item;
}
