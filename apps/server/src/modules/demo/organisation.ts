import type { CentreCreate, ClinicCreate, Role } from '@telerad/contracts';

/**
 * The demo organisation (DESIGN.md §2, "Demo organisation") as data. Service hours follow
 * DOMAIN.md §1: 15 hours on weekdays, Saturday mornings and Sunday afternoons.
 */
export const DEMO_PASSWORD = 'telerad-demo';

const weekdays = (open: string, close: string) =>
  [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));

export const DEMO_CENTRES: (CentreCreate & { key: string })[] = [
  {
    key: 'global',
    name: 'Global Centre',
    timeZone: 'Asia/Manila',
    weeklyHours: [
      ...weekdays('07:00', '22:00'),
      { day: 6, open: '08:00', close: '12:00' },
      { day: 7, open: '13:00', close: '17:00' },
    ],
    exceptions: [{ date: '2026-12-25', label: 'Christmas Day', closed: true, intervals: [] }],
  },
  {
    key: 'regional',
    name: 'Regional Centre',
    timeZone: 'Africa/Nairobi',
    weeklyHours: [
      ...weekdays('07:00', '22:00'),
      { day: 6, open: '08:00', close: '12:00' },
      { day: 7, open: '13:00', close: '17:00' },
    ],
    exceptions: [{ date: '2026-12-12', label: 'Jamhuri Day', closed: true, intervals: [] }],
  },
];

type DemoClinic = Omit<ClinicCreate, 'homeCentreId' | 'assistantIds'> & {
  centre: 'global' | 'regional';
};

export const DEMO_CLINICS: DemoClinic[] = [
  {
    code: 'DEMO1',
    name: 'Demo Clinic Manila',
    country: 'PH',
    timeZone: 'Asia/Manila',
    centre: 'global',
    programmes: ['US', 'CA', 'AUNZ'],
    aeTitles: [{ aeTitle: 'DEMO1', allowedNetworks: [] }],
    status: 'live',
    contacts: [
      {
        name: 'Maria Santos',
        role: 'Lead radiographer',
        phone: '+63 2 8555 0101',
        email: 'radiography@demo1.example',
        preferredHours: 'Mon–Sat 07:00–16:00 Manila',
      },
      { name: 'Front desk', role: 'Reception', phone: '+63 2 8555 0100' },
    ],
  },
  {
    code: 'DEMO2',
    name: 'Demo Clinic Nairobi',
    country: 'KE',
    timeZone: 'Africa/Nairobi',
    centre: 'regional',
    programmes: ['UK', 'US'],
    aeTitles: [{ aeTitle: 'DEMO2', allowedNetworks: [] }],
    status: 'live',
    contacts: [
      {
        name: 'Dr Wanjiku Mwangi',
        role: 'Panel physician',
        phone: '+254 20 555 0142',
        email: 'panel@demo2.example',
        preferredHours: 'Mon–Fri 08:00–17:00 Nairobi',
      },
    ],
  },
  {
    code: 'DEMO3',
    name: 'Demo Clinic Ho Chi Minh City',
    country: 'VN',
    timeZone: 'Asia/Ho_Chi_Minh',
    centre: 'global',
    programmes: ['US', 'JP'],
    aeTitles: [{ aeTitle: 'DEMO3', allowedNetworks: ['203.0.113.0/24'] }],
    status: 'pilot',
  },
  {
    code: 'DEMO4',
    name: 'Demo Clinic Kampala',
    country: 'UG',
    timeZone: 'Africa/Kampala',
    centre: 'regional',
    programmes: ['UK', 'GENERAL'],
    aeTitles: [{ aeTitle: 'DEMO4', allowedNetworks: [] }],
    status: 'onboarding',
  },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  credentials?: string;
  /** Clinics the account belongs to (clinic users). */
  clinics?: string[];
  /** Clinics the account is the assigned assistant of. */
  assists?: string[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: 'Ada Admin', roles: ['admin'] },
  {
    username: 'radiologist',
    displayName: 'Dr Rosa Reyes',
    roles: ['radiologist'],
    credentials: 'MD, FPCR',
  },
  {
    username: 'radiologist2',
    displayName: 'Dr Kamau Njoroge',
    roles: ['radiologist'],
    credentials: 'MBChB, MMed (Rad)',
  },
  {
    username: 'consultant',
    displayName: 'Dr Consuelo Santos',
    roles: ['consultant'],
    credentials: 'MD, FRCR',
  },
  {
    username: 'assistant',
    displayName: 'Ana Assistant',
    // The demo's one assistant also leads the assistants: the message templates are hers.
    roles: ['assistant', 'assistant_lead'],
    assists: ['DEMO1', 'DEMO2'],
  },
  { username: 'qa', displayName: 'Quentin Quality', roles: ['qa'] },
  { username: 'support', displayName: 'Sam Support', roles: ['support'] },
  { username: 'auditor', displayName: 'Audrey Auditor', roles: ['auditor'] },
  {
    username: 'clinic1',
    displayName: 'Clinic One Technician',
    roles: ['clinic'],
    clinics: ['DEMO1'],
  },
  {
    username: 'clinic2',
    displayName: 'Clinic Two Technician',
    roles: ['clinic'],
    clinics: ['DEMO2'],
  },
];
