import { z } from 'zod';
import { Id, IsoDate } from './common';
import { Programme } from './org';
import { Priority } from './worklist';

/**
 * Orders: the CXRs a clinic expects to take, registered before the image (at the front desk or
 * from a day's list). Field limits follow the DICOM attributes a worklist will later carry them
 * in (PS3.5 §6.2 value representations): Accession Number SH (16), Patient ID and Issuer of
 * Patient ID LO (64), Patient's Name PN (64 per component group).
 */

/** The views a clinic may ask for, as data (PA is the screening default). */
export const ORDER_VIEWS = ['PA', 'AP', 'LAT'] as const;
export const OrderView = z.enum(ORDER_VIEWS, { message: 'must be PA, AP or LAT' });
export type OrderView = z.infer<typeof OrderView>;

/** Sex as DICOM Patient's Sex (0010,0040) spells it. */
export const ORDER_SEXES = ['M', 'F', 'O'] as const;
export const OrderSex = z.enum(ORDER_SEXES, {
  message: 'choose female (F), male (M) or other (O)',
});
export type OrderSex = z.infer<typeof OrderSex>;

/** The modalities a CXR order schedules (Modality (0008,0060) in the worklist). */
export const ORDER_MODALITIES = ['DX', 'CR'] as const;
export const OrderModality = z.enum(ORDER_MODALITIES, { message: 'must be DX or CR' });
export type OrderModality = z.infer<typeof OrderModality>;

/** How a study was matched to its order: accession number, applicant ID and date, or by hand. */
export const ORDER_MATCH_METHODS = ['accession', 'patient_date', 'manual'] as const;
export const OrderMatchMethod = z.enum(ORDER_MATCH_METHODS);
export type OrderMatchMethod = z.infer<typeof OrderMatchMethod>;

/**
 * What one attempt to match an arriving study found (`order_match_events`): a match, no order,
 * several candidates (ambiguous), an order whose accession number matched but whose applicant ID
 * differs (conflict: left for a person), or a manual unmatch.
 */
export const ORDER_MATCH_OUTCOMES = [
  'matched',
  'no_order',
  'ambiguous',
  'conflict',
  'unmatched',
] as const;
export const OrderMatchOutcome = z.enum(ORDER_MATCH_OUTCOMES);
export type OrderMatchOutcome = z.infer<typeof OrderMatchOutcome>;

/** An order's life: scheduled until a study answers it (matched), or cancelled. */
export const ORDER_STATUSES = ['scheduled', 'matched', 'cancelled'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Where an order came from. */
export const ORDER_SOURCES = ['portal', 'csv', 'hl7', 'fhir', 'gateway'] as const;
export const OrderSource = z.enum(ORDER_SOURCES);
export type OrderSource = z.infer<typeof OrderSource>;

// Backslash is the DICOM value delimiter and control characters are not allowed in SH/LO/PN.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const DICOM_TEXT = /^[^\\\u0000-\u001f\u007f]*$/;
const dicomText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} is at most ${max} characters`)
    .regex(DICOM_TEXT, `${what} may not contain a backslash or control characters`);
// `^` separates PN components and `=` its groups: a name part may hold neither.
const namePart = (what: string) =>
  dicomText(64, what).regex(/^[^^=]*$/, `${what} may not contain ^ or =`);

/** A calendar date as the form and the CSV write it. */
const OrderDate = z.iso.date({ message: 'must be a real date written YYYY-MM-DD' });

/** `HH:MM`, the clinic's local time. */
export const OrderTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');

/** Body of registering one applicant's CXR (`POST /api/clinics/:id/orders`). */
export const OrderCreate = z
  .object({
    /** Left empty, the server makes one: `YYMMDD-NNNN`, the scheduled day and its sequence. */
    accessionNumber: dicomText(16, 'The accession number').default(''),
    patientId: dicomText(64, 'The applicant ID').min(1, 'The applicant ID is required'),
    /** Who issued the ID (a passport's country, a case-management system). */
    issuer: dicomText(64, 'The ID issuer').default(''),
    familyName: namePart('The family name').min(1, 'The family name is required'),
    givenName: namePart('The given name').default(''),
    birthDate: OrderDate,
    sex: OrderSex,
    /** Null: the clinic's first programme. */
    programme: Programme.nullable().default(null),
    views: z.array(OrderView).min(1).max(ORDER_VIEWS.length).default(['PA']),
    priority: Priority.default('routine'),
    note: z.string().trim().max(2000).default(''),
    /** The clinic's local date; null: today there. */
    scheduledDate: OrderDate.nullable().default(null),
    scheduledTime: OrderTime.nullable().default(null),
    modality: OrderModality.default('DX'),
    /** The X-ray unit (its AE title) that should take it; null: any of the clinic's units. */
    stationAeTitle: dicomText(16, 'The X-ray unit AE title').min(1).nullable().default(null),
  })
  .strict();
export type OrderCreate = z.input<typeof OrderCreate>;

/** An order as the clinic and the centre see it. */
export const Order = z.object({
  id: Id,
  clinicId: Id,
  accessionNumber: z.string(),
  patientId: z.string(),
  issuer: z.string(),
  /** DICOM PN form, `FAMILY^Given`. */
  patientName: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  birthDate: IsoDate,
  sex: OrderSex,
  programme: Programme,
  views: z.array(OrderView),
  priority: Priority,
  note: z.string(),
  scheduledDate: IsoDate,
  scheduledTime: z.string().nullable(),
  status: OrderStatus,
  source: OrderSource,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  modality: OrderModality,
  stationAeTitle: z.string().nullable(),
  /** The Study Instance UID the worklist gives the X-ray unit. */
  studyInstanceUid: z.string(),
  /** The order's id in the system it came from (HL7 placer number, FHIR identifier). */
  externalId: z.string().nullable(),
  /** The study that answers it, once matched (its Study Instance UID as stored). */
  matchedStudyUid: z.string().nullable(),
  matchedAt: z.string().nullable(),
  matchMethod: OrderMatchMethod.nullable(),
});
export type Order = z.infer<typeof Order>;

/** `GET /api/orders`: the caller's clinics' orders of one day (today when no date or search). */
export const OrderListQuery = z
  .object({
    clinicId: Id.optional(),
    date: IsoDate.optional(),
    status: OrderStatus.optional(),
    /** Part of an applicant ID, name or accession number. */
    q: z.string().trim().min(1).max(64).optional(),
  })
  .strict();
export type OrderListQuery = z.infer<typeof OrderListQuery>;

export const OrderList = z.object({ items: z.array(Order) });
export type OrderList = z.infer<typeof OrderList>;

/** `POST /api/orders/:id/cancel`. */
export const OrderCancel = z
  .object({ reason: z.string().trim().min(1, 'Say why the order is cancelled').max(500) })
  .strict();
export type OrderCancel = z.infer<typeof OrderCancel>;

/**
 * `GET /api/clinics/:id/orders/duplicates`: applicants already registered at the clinic in the
 * last `DUPLICATE_WINDOW_DAYS` with the same ID, or the same family name and birth date.
 */
export const OrderDuplicateQuery = z
  .object({
    patientId: z.string().trim().max(64).optional(),
    familyName: z.string().trim().max(64).optional(),
    birthDate: IsoDate.optional(),
  })
  .strict();
export type OrderDuplicateQuery = z.infer<typeof OrderDuplicateQuery>;

/** How far back the duplicate-applicant warning looks. */
export const DUPLICATE_WINDOW_DAYS = 90;

export const OrderDuplicates = z.object({
  items: z.array(Order.extend({ matchedOn: z.enum(['patientId', 'nameAndBirthDate']) })),
});
export type OrderDuplicates = z.infer<typeof OrderDuplicates>;

/**
 * The CSV import's columns, in the template's order. `views` lists views separated by `;`
 * (`PA;LAT`); empty optional cells take the form's defaults.
 */
export const ORDER_CSV_COLUMNS = [
  'accession_number',
  'patient_id',
  'issuer',
  'family_name',
  'given_name',
  'birth_date',
  'sex',
  'programme',
  'views',
  'priority',
  'note',
  'scheduled_date',
  'scheduled_time',
] as const;
export type OrderCsvColumn = (typeof ORDER_CSV_COLUMNS)[number];

/** The template a clinic downloads: the header and one example row. */
export const ORDER_CSV_TEMPLATE = `${ORDER_CSV_COLUMNS.join(',')}\n,P1234567,GBR,DOE,Jane,1990-04-21,F,,PA,routine,,,\n`;

/** The most rows one import takes (a day's list at a busy clinic is a few hundred). */
export const ORDER_CSV_MAX_ROWS = 2000;

/** `POST /api/clinics/:id/orders/import`: a CSV file's text; `dryRun` checks without saving. */
export const OrderImport = z
  .object({
    csv: z.string().min(1).max(1_000_000),
    dryRun: z.boolean().default(false),
  })
  .strict();
export type OrderImport = z.input<typeof OrderImport>;

/** One row's outcome, by its line in the file (the header is line 1). */
export const OrderImportRow = z.object({
  line: z.number().int(),
  status: z.enum(['created', 'duplicate', 'error']),
  accessionNumber: z.string().nullable(),
  orderId: Id.nullable(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type OrderImportRow = z.infer<typeof OrderImportRow>;

export const OrderImportResult = z.object({
  dryRun: z.boolean(),
  created: z.number().int(),
  duplicates: z.number().int(),
  errors: z.number().int(),
  rows: z.array(OrderImportRow),
});
export type OrderImportResult = z.infer<typeof OrderImportResult>;

/**
 * When an order without images joins the desk's list: `graceMinutes` after its scheduled time,
 * or, for an order with a date only, at the end of its scheduled day in the clinic's zone (plus
 * the same grace). Orders older than `lookbackDays` leave the list (the clinic cancels them).
 */
export const ORDER_OVERDUE_RULES = { graceMinutes: 120, lookbackDays: 14 } as const;

/** How far back the desk lists a study whose images found no order. */
export const UNMATCHED_IMAGE_LOOKBACK_DAYS = 30;

/** `GET /api/studies/:studyUid/order-candidates`: a search within the study's clinic. */
export const OrderCandidateQuery = z
  .object({ q: z.string().trim().min(1).max(64).optional() })
  .strict();
export type OrderCandidateQuery = z.infer<typeof OrderCandidateQuery>;

/** Scheduled orders a study may answer, the likeliest first, with why each was offered. */
export const OrderCandidates = z.object({
  study: z.object({
    studyUid: z.string(),
    patientId: z.string(),
    patientName: z.string().nullable(),
    birthDate: z.string().nullable(),
    studyDate: z.string().nullable(),
    accessionNumber: z.string().nullable(),
  }),
  items: z.array(
    Order.extend({
      /** Plain reasons: "same date", "ID differs by one character", "same name". */
      reasons: z.array(z.string()),
    }),
  ),
});
export type OrderCandidates = z.infer<typeof OrderCandidates>;

/** `POST /api/studies/:studyUid/order-match`: the assistant matches a study to an order by hand. */
export const OrderHandMatch = z
  .object({
    orderId: Id,
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type OrderHandMatch = z.infer<typeof OrderHandMatch>;

/** What a hand match did: the identity the study now carries and whether it reached the worklist. */
export const OrderHandMatchResult = z.object({
  order: Order,
  patientId: z.string(),
  patientName: z.string(),
  worklist: z.enum(['created', 'exists', 'not_stable']),
});
export type OrderHandMatchResult = z.infer<typeof OrderHandMatchResult>;
