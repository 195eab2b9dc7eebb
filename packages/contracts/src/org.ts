import { z } from 'zod';
import { ClockTime, Id, IsoDate, TimeZone, text } from './common';
import { ROLES } from './roles';
import { Language } from './languages';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const IsoWeekday = z.number().int().min(1).max(7);

/** One opening interval in a centre's weekly schedule, in the centre's own time zone. */
export const WeeklyInterval = z
  .object({ day: IsoWeekday, open: ClockTime, close: ClockTime })
  .strict()
  .refine((i) => i.open < i.close, { message: 'open must be before close' });
export type WeeklyInterval = z.infer<typeof WeeklyInterval>;

/** A dated exception: a holiday (closed) or special hours (open intervals replace the week). */
export const ServiceException = z
  .object({
    date: IsoDate,
    label: text(120),
    closed: z.boolean(),
    intervals: z
      .array(z.object({ open: ClockTime, close: ClockTime }).strict())
      .max(8)
      .default([]),
  })
  .strict();
export type ServiceException = z.infer<typeof ServiceException>;

/**
 * How a centre hands out its queued tasks: `pull`, readers pick from the worklist; `push`, each
 * task is assigned on queueing to an on-shift reader of the centre, least loaded first.
 */
export const ASSIGNMENT_MODES = ['pull', 'push'] as const;
export const AssignmentMode = z.enum(ASSIGNMENT_MODES);
export type AssignmentMode = z.infer<typeof AssignmentMode>;

/** A reading centre. */
export const Centre = z.object({
  id: Id,
  name: z.string(),
  timeZone: z.string(),
  weeklyHours: z.array(WeeklyInterval),
  exceptions: z.array(ServiceException),
  assignmentMode: AssignmentMode,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Centre = z.infer<typeof Centre>;

/** Body to create a centre. Unknown fields are refused. */
export const CentreCreate = z
  .object({
    name: text(120),
    timeZone: TimeZone,
    weeklyHours: z.array(WeeklyInterval).max(50).default([]),
    exceptions: z.array(ServiceException).max(400).default([]),
    assignmentMode: AssignmentMode.default('pull'),
  })
  .strict();
export type CentreCreate = z.input<typeof CentreCreate>;

/** Body to change a centre: any subset of the create fields. */
export const CentreUpdate = z
  .object({
    name: text(120),
    timeZone: TimeZone,
    weeklyHours: z.array(WeeklyInterval).max(50),
    exceptions: z.array(ServiceException).max(400),
    assignmentMode: AssignmentMode,
  })
  .partial()
  .strict();
export type CentreUpdate = z.infer<typeof CentreUpdate>;

/** Receiving-country screening programmes (DOMAIN.md §2–3). */
export const PROGRAMMES = ['US', 'UK', 'CA', 'AUNZ', 'JP', 'GENERAL'] as const;
export const Programme = z.enum(PROGRAMMES);
export type Programme = z.infer<typeof Programme>;

/** Human labels for programmes. */
export const PROGRAMME_LABELS: Record<Programme, string> = {
  US: 'United States (DS-3030)',
  UK: 'United Kingdom (UKTBTI)',
  CA: 'Canada (eMedical)',
  AUNZ: 'Australia / New Zealand (eMedical)',
  JP: 'Japan (JPETS)',
  GENERAL: 'General',
};

/** Clinic lifecycle (DESIGN.md §1). */
export const CLINIC_STATUSES = ['onboarding', 'pilot', 'live', 'suspended'] as const;
export const ClinicStatus = z.enum(CLINIC_STATUSES);
export type ClinicStatus = z.infer<typeof ClinicStatus>;

/**
 * A DICOM Application Entity title (PS3.5 §6.2, VR AE): 1–16 characters, no backslash or
 * control characters, not only spaces. Stored trimmed and upper-case.
 */
export const AeTitle = z
  .string()
  .trim()
  .min(1)
  .max(16)
  .regex(/^[\x20-\x5b\x5d-\x7e]+$/, 'must be printable ASCII without backslash')
  .transform((s) => s.toUpperCase());

const ipv4 = String.raw`(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
/** An IPv4 or IPv6 address or CIDR range, e.g. `203.0.113.0/24`. */
export const NetworkRange = z
  .string()
  .trim()
  .max(64)
  .refine(
    (s) =>
      new RegExp(`^${ipv4}(/(3[0-2]|[12]?\\d))?$`).test(s) ||
      (/^[0-9a-fA-F:]+(\/\d{1,3})?$/.test(s) && s.includes(':')),
    {
      message: 'must be an IP address or CIDR range such as 203.0.113.0/24',
    },
  );

/**
 * A calling AE title a clinic may send from, optionally restricted to address ranges, and where
 * it listens (host and port) when the clinic PACS pulls studies back with C-MOVE. Omitting host
 * and port in an update keeps the stored ones.
 */
export const ClinicAe = z
  .object({
    aeTitle: AeTitle,
    allowedNetworks: z.array(NetworkRange).max(20).default([]),
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:-]+$/, 'must be a host name or IP address')
      .nullable()
      .optional(),
    port: z.number().int().min(1).max(65535).nullable().optional(),
    /**
     * Released reports are sent here (DICOM SR and PDF by C-STORE) when host and port are set.
     * Omitted in an update: keeps the stored choice (new AEs receive reports).
     */
    receivesReports: z.boolean().optional(),
  })
  .strict()
  .refine((a) => (a.host == null) === (a.port == null), {
    message: 'host and port go together',
    path: ['port'],
  });
export type ClinicAe = z.infer<typeof ClinicAe>;

/** Clinic code: short, upper-case, used in AE titles and reports. */
export const ClinicCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,15}$/, 'must be 2–16 upper-case letters, digits, - or _');

/**
 * A person the centre calls at a clinic: the assistant's desk shows them as telephone and
 * e-mail links. Preferred hours are the clinic's own words ("Mon–Fri 08:00–16:00 local").
 */
export const ClinicContact = z
  .object({
    name: text(120),
    /** What they do at the clinic: "Lead technician", "Panel physician". */
    role: z.string().trim().max(80).default(''),
    /** A dialable number, international form preferred (+254 20 123 4567). */
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^\+?[0-9 ()./-]*$/, 'must be digits, spaces, ( ) . / - and an optional leading +')
      .nullable()
      .default(null),
    email: z.email().max(254).nullable().default(null),
    preferredHours: z.string().trim().max(120).default(''),
  })
  .strict();
export type ClinicContact = z.infer<typeof ClinicContact>;

/**
 * A clinic's order policy: `none` (it does not register applicants; no matching), `match`
 * (images are matched when an order exists; one without is read all the same and listed on the
 * desk) or `require` (an image without an order waits off the worklist until matched by hand).
 */
export const ORDER_POLICIES = ['none', 'match', 'require'] as const;
export const OrderPolicy = z.enum(ORDER_POLICIES);
export type OrderPolicy = z.infer<typeof OrderPolicy>;

/** A clinic (field location), as the API returns it (response schemas carry no transforms). */
export const Clinic = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  country: z.string(),
  timeZone: z.string(),
  homeCentreId: Id,
  programmes: z.array(Programme),
  aeTitles: z.array(
    z.object({
      aeTitle: z.string(),
      allowedNetworks: z.array(z.string()),
      host: z.string().nullable(),
      port: z.number().nullable(),
      receivesReports: z.boolean(),
    }),
  ),
  status: ClinicStatus,
  /** While suspended: the status lifting the suspension restores (null otherwise). */
  statusBeforeSuspension: ClinicStatus.nullable(),
  /** The default language of the clinic's pages and e-mails. */
  language: Language,
  assistantIds: z.array(Id),
  /** Whether the clinic registers its applicants before the image, and what an unmatched image does. */
  orderPolicy: OrderPolicy,
  /** Whom the centre calls, in the clinic's order. */
  contacts: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      preferredHours: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Clinic = z.infer<typeof Clinic>;

const clinicFields = {
  code: ClinicCode,
  name: text(160),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter country code'),
  timeZone: TimeZone,
  homeCentreId: Id,
  programmes: z.array(Programme).min(1).max(PROGRAMMES.length),
  aeTitles: z.array(ClinicAe).max(20),
  status: ClinicStatus,
  language: Language,
  assistantIds: z.array(Id).max(50),
  contacts: z.array(ClinicContact).max(20),
  orderPolicy: OrderPolicy,
};

/** Body to create a clinic. */
export const ClinicCreate = z
  .object({
    ...clinicFields,
    aeTitles: clinicFields.aeTitles.default([]),
    status: clinicFields.status.default('onboarding'),
    language: clinicFields.language.default('en'),
    assistantIds: clinicFields.assistantIds.default([]),
    contacts: clinicFields.contacts.default([]),
    orderPolicy: clinicFields.orderPolicy.default('none'),
  })
  .strict();
export type ClinicCreate = z.input<typeof ClinicCreate>;

/** Body to change a clinic. */
export const ClinicUpdate = z.object(clinicFields).partial().strict();
export type ClinicUpdate = z.infer<typeof ClinicUpdate>;

/** A user account as the API shows it (never a hash or secret). */
export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  credentials: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  clinicIds: z.array(Id),
  /** The clinics (of `clinicIds`) the user manages: they receive each one's daily digest. */
  managedClinicIds: z.array(Id),
  /** The centre the user works for; null: every centre. */
  centreId: Id.nullable(),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

/** Usernames: lower-case letters, digits, dot, dash, underscore. */
export const Username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'must be 2–40 lower-case letters, digits, . _ or -');

/** A new password: long enough to resist guessing, short enough to hash cheaply. */
export const NewPassword = z.string().min(12, 'must be at least 12 characters').max(256);

const userFields = {
  username: Username,
  displayName: text(120),
  email: z.email().max(254).nullable(),
  credentials: text(120).nullable(),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  clinicIds: z.array(Id).max(200),
  /** Of `clinicIds`, the clinics the user manages (clinic staff only). */
  managedClinicIds: z.array(Id).max(200),
  centreId: Id.nullable(),
  active: z.boolean(),
};

/** Body to create a user. */
export const UserCreate = z
  .object({
    ...userFields,
    email: userFields.email.default(null),
    credentials: userFields.credentials.default(null),
    clinicIds: userFields.clinicIds.default([]),
    managedClinicIds: userFields.managedClinicIds.default([]),
    centreId: userFields.centreId.default(null),
    active: userFields.active.default(true),
    password: NewPassword,
  })
  .strict();
export type UserCreate = z.input<typeof UserCreate>;

/** Body to change a user. `password` resets it; `unlock` clears a lockout. */
export const UserUpdate = z
  .object({
    ...userFields,
    password: NewPassword,
    unlock: z.literal(true),
    resetMfa: z.literal(true),
  })
  .omit({ username: true })
  .partial()
  .strict();
export type UserUpdate = z.infer<typeof UserUpdate>;
