/**
 * The error catalogue: every failure the product reports has a stable code, an HTTP status,
 * a DIMSE status where it applies (PS3.7 Annex C), and a message a user can act on.
 * Throw with `appError('CODE', details?)`; the one error handler renders it.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    message: 'Some fields are not valid. Correct them and try again.',
  },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  INPUT_CONTROL_CHARACTER: {
    status: 400,
    message:
      'The request carries a control character (such as NUL) in its address, query or body. Remove it and try again.',
  },
  INPUT_TOO_LONG: {
    status: 400,
    message: 'An id in the request is longer than any record id. Check the address and try again.',
  },
  INPUT_INVALID_UID: {
    status: 400,
    message:
      'A UID in the request is not valid: UIDs are digits and dots, at most 64 characters (DICOM PS3.5 §9.1).',
  },
  INPUT_PATH_TRAVERSAL: {
    status: 400,
    message: 'The request address contains "..", "//" or a backslash. Use the address as given.',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'This content type is not accepted here.' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  REQUEST_TIMEOUT: {
    status: 408,
    message:
      'The request arrived too slowly and the connection was closed. Send it again over a steadier connection.',
  },
  UNAUTHENTICATED: { status: 401, message: 'Sign in to continue.' },
  SESSION_EXPIRED: { status: 401, message: 'Your session expired. Sign in again.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Wrong username or password.' },
  ACCOUNT_LOCKED: {
    status: 423,
    message:
      'Too many failed sign-ins: this account is locked for a while. An administrator can unlock it.',
  },
  ACCOUNT_DISABLED: { status: 403, message: 'This account is disabled. Ask an administrator.' },
  MFA_REQUIRED: {
    status: 401,
    message: 'Enter the code from your authenticator app to finish signing in.',
  },
  MFA_ENROLLMENT_REQUIRED: {
    status: 403,
    message: 'Your role requires two-factor authentication. Set it up to continue.',
  },
  MFA_CODE_INVALID: {
    status: 401,
    message:
      'That authentication code is wrong or already used. Wait for a new code and try again.',
  },
  MFA_NOT_ENROLLING: { status: 409, message: 'Start MFA set-up before confirming a code.' },
  MFA_ALREADY_ENABLED: {
    status: 409,
    message: 'Two-factor authentication is already on for this account.',
  },
  PASSWORD_WRONG: { status: 400, message: 'The current password is wrong.' },
  TOKEN_INVALID: { status: 401, message: 'The API token is not valid.' },
  TOKEN_REVOKED: { status: 401, message: 'The API token was revoked. Create a new one.' },
  TOKEN_EXPIRED: { status: 401, message: 'The API token expired. Create a new one.' },
  BASIC_AUTH_NOT_ALLOWED: {
    status: 401,
    message: 'HTTP Basic authentication is accepted on /dicomweb only.',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    message:
      'This page is not served by this Telerad server, so it may not open live updates. Open Telerad at its own address.',
  },
  CSRF_TOKEN_INVALID: {
    status: 403,
    message: 'The page is out of date (missing or wrong CSRF token). Reload and try again.',
  },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  UPGRADE_REQUIRED: {
    status: 426,
    message: 'This address takes a WebSocket connection (Upgrade: websocket), not a plain request.',
  },
  ROUTE_NOT_FOUND: { status: 404, message: 'There is no such API route.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests. Wait a minute and try again.' },
  DUPLICATE_CLINIC_CODE: { status: 409, message: 'Another clinic already uses this code.' },
  DUPLICATE_AE_TITLE: {
    status: 409,
    message: 'Another clinic already uses this calling AE title.',
  },
  DUPLICATE_USERNAME: { status: 409, message: 'Another account already uses this username.' },
  UNKNOWN_REFERENCE: { status: 400, message: 'A referenced record does not exist.' },
  CENTRE_IN_USE: {
    status: 409,
    message: 'Clinics still use this centre as their home centre. Move them first.',
  },
  LAST_ADMIN: { status: 409, message: 'This is the last active administrator: keep at least one.' },
  SERVICE_UNAVAILABLE: {
    status: 503,
    message: 'The service is starting or its database is unreachable. Try again shortly.',
    dimseStatus: 0xa700,
  },
  AUDIT_UNAVAILABLE: {
    status: 503,
    message:
      'The audit trail cannot be written right now, so nothing was sent. Try again shortly; support has been alerted.',
    dimseStatus: 0xa700,
  },
  INTERNAL: {
    status: 500,
    message: 'Something went wrong on the server. The request id helps support find it.',
    dimseStatus: 0x0110,
  },
  DICOM_UNREADABLE: {
    status: 400,
    message: 'The object is not a readable DICOM Part 10 file.',
    dimseStatus: 0xc000,
  },
  DICOM_REQUIRED_MISSING: {
    status: 400,
    message: 'The object lacks an attribute the archive requires.',
    dimseStatus: 0xc001,
  },
  DICOM_INVALID_UID: {
    status: 400,
    message: 'The object carries an invalid UID.',
    dimseStatus: 0xc002,
  },
  DICOM_SOP_CLASS_MISMATCH: {
    status: 400,
    message: 'The dataset does not match its SOP class.',
    dimseStatus: 0xa900,
  },
  DICOM_UID_CONFLICT: {
    status: 409,
    message:
      'This SOP Instance UID is already stored in another study or series. The sender must give this object its own UID; the stored one is kept.',
    // Duplicate SOP Instance (PS3.7 §C.4.2.1.x, 0111H): the UID names another object here.
    dimseStatus: 0x0111,
  },
  DICOM_TOO_LARGE: {
    status: 413,
    message: 'The object is larger than the archive accepts.',
    dimseStatus: 0xa701,
  },
  STORAGE_FULL: {
    status: 507,
    message:
      'The archive is refusing new objects: its disk is nearly full. Send again later; support has been alerted.',
    dimseStatus: 0xa700,
  },
  CLINIC_SUSPENDED: {
    status: 403,
    message:
      'This clinic is suspended: the centre accepts no studies from it. Contact the reading centre.',
    dimseStatus: 0x0124,
  },
  NOT_ACCEPTABLE: {
    status: 406,
    message:
      'None of the media types or transfer syntaxes in the Accept header can be served for this resource.',
  },
  DICOM_TRANSCODE_FAILED: {
    status: 500,
    message:
      'The stored object could not be converted to the transfer syntax asked for. Ask for it as stored (transfer-syntax=*).',
    // Unable to perform sub-operations (PS3.4 §C.4.2.1.4) for the C-MOVE/C-GET that needed it.
    dimseStatus: 0xa702,
  },
  MULTIPART_MALFORMED: {
    status: 400,
    message:
      'The request body is not valid multipart/related (RFC 2387): check the boundary parameter and the part delimiters.',
  },
  STOW_CLINIC_REQUIRED: {
    status: 400,
    message:
      'Name the clinic these objects come from with the ?clinic=<code> query parameter (you may send for more than one clinic).',
  },
  UPLOAD_CLINIC_REQUIRED: {
    status: 400,
    message:
      'You send images for more than one clinic: choose the clinic these images come from (upload metadata "clinic").',
  },
  UPLOAD_NOT_FINISHED: {
    status: 409,
    message:
      'This file is not finished yet: it is still arriving or being filed by the centre. Keep the page open: sending resumes where it stopped and the answer follows.',
  },
  STUDY_UID_MISMATCH: {
    status: 409,
    message:
      'The object belongs to another study than the one in the request URL (/studies/{StudyInstanceUID}); it was refused.',
    dimseStatus: 0xa900,
  },
  STUDY_OTHER_CLINIC: {
    status: 409,
    message: 'This Study Instance UID already belongs to another clinic; the object was refused.',
    dimseStatus: 0x0124,
  },
  TASK_TAKEN: {
    status: 409,
    message: 'Another reader has already claimed this task. Pick another one from the worklist.',
  },
  TASK_HELD_FOR_CONSULTATION: {
    status: 409,
    message:
      'This read is held for consultation: its signed report waits for a consultant. Open its consultation task instead.',
  },
  TASK_NOT_CLAIMABLE: {
    status: 409,
    message:
      'This task cannot be claimed now: it is not yet queued, or it is already completed or cancelled.',
  },
  CLAIM_LAPSED: {
    status: 409,
    message:
      'Your claim on this task lapsed or the task was reassigned. Claim it again to continue.',
  },
  TASK_NOT_WAITING: {
    status: 409,
    message:
      'This study is no longer waiting for its centre to open: open it from the worklist to claim it.',
  },
  NO_TASK_AVAILABLE: { status: 404, message: 'No queued task is waiting for a reader right now.' },
  TASK_CLOSED: {
    status: 409,
    message: 'This task is completed or cancelled; it can no longer change.',
  },
  PRIORITY_CHANGE_NOT_ALLOWED: {
    status: 403,
    message: 'Clinics may only raise a routine task to urgent.',
  },
  TASK_OWN_READ: {
    status: 403,
    message: 'This is a review of your own read: another radiologist must review it.',
  },
  ASSIGNEE_IS_OWN_READER: {
    status: 400,
    message: 'This review is of that reader’s own read: assign it to another radiologist.',
  },
  PEER_REVIEW_READER_UNKNOWN: {
    status: 400,
    message: 'A chosen reader is not a radiologist or consultant. Pick readers from the list.',
  },
  PEER_REVIEW_NOT_BLIND: {
    status: 409,
    message: 'This review is not blind: the original report is already shown; score it directly.',
  },
  PEER_REVIEW_BLIND_READ_DONE: {
    status: 409,
    message: 'Your own read of this case is already recorded; score the original report now.',
  },
  PEER_REVIEW_BLIND_READ_FIRST: {
    status: 409,
    message:
      'This review is blind: record your own read first, then the original report is shown to score.',
  },
  DISCREPANCY_CLOSED: {
    status: 409,
    message: 'This discrepancy case is already settled.',
  },
  PRIORITY_REASON_REQUIRED: {
    status: 400,
    message: 'Say why this study is urgent: the radiologist reads your reason.',
  },
  ASSIGNEE_NOT_READER: {
    status: 400,
    message: 'Tasks can only be assigned to an active radiologist or consultant.',
  },
  NOTIFICATION_KIND_NOT_OFFERED: {
    status: 400,
    message:
      'This kind of notification is not sent to your role, so there is nothing to turn on or off.',
  },
  DIGEST_NOT_OFFERED: {
    status: 400,
    message:
      'The daily digest goes to clinic managers. An administrator marks who manages a clinic on the user form.',
  },
  DIGEST_NOT_MANAGER: {
    status: 403,
    message:
      "Only a manager of this clinic or an administrator can see its daily digest. Ask an administrator to mark you as the clinic's manager.",
  },
  REVISION_CONFLICT: {
    status: 409,
    message:
      'This report was saved elsewhere since you opened it. The saved version is attached; reload it to continue.',
  },
  REPORT_NOT_CLAIMANT: {
    status: 403,
    message: 'Only the reader who holds the claim on this task can edit or sign its report.',
  },
  REPORT_INVALID: {
    status: 422,
    message: 'The report cannot be signed yet: correct the fields listed and sign again.',
  },
  REPORT_LOCKED: {
    status: 409,
    message: 'This report is signed and can no longer be edited. Add an addendum instead.',
  },
  REPORT_NOT_RELEASED: {
    status: 409,
    message: 'This report is not released yet: addenda follow a released report.',
  },
  REPORT_FORM_NOT_ALLOWED: {
    status: 400,
    message: 'This form is not one of the study’s programme forms. Choose one of those offered.',
  },
  CONSULTATION_NOT_PENDING: {
    status: 409,
    message: 'This consultation is already settled, or its report is not waiting for it.',
  },
  CRITICAL_ALREADY_FLAGGED: {
    status: 409,
    message: 'This report is already flagged critical; its alert stands as it is.',
  },
  CRITICAL_NOT_SIGNED: {
    status: 409,
    message: 'Only a signed report can be flagged critical: flag it when you sign.',
  },
  CRITICAL_NOT_ALERTED: {
    status: 409,
    message:
      'This critical result is not released to the clinic yet, so there is nothing to acknowledge.',
  },
  PROGRAMME_NOT_SERVED: {
    status: 400,
    message:
      'Your clinic does not screen for this programme. Choose one of the programmes offered.',
  },
  PROGRAMME_READ_STARTED: {
    status: 409,
    message:
      'A radiologist has already started reading this study, so its programme can no longer change. Message the reading centre if it is wrong.',
  },
  DELIVERY_NOT_RETRYABLE: {
    status: 409,
    message: 'This delivery has already been delivered; there is nothing to retry.',
  },
  RETAKE_NOT_CLAIMANT: {
    status: 403,
    message:
      'Only the reader who holds the claim on this task can ask the clinic for a retake or an extra view.',
  },
  RETAKE_SETTLED: {
    status: 409,
    message: 'New images have already arrived for this request; there is nothing left to do.',
  },
  STUDY_IDENTITY_REQUIRED: {
    status: 409,
    message: "Enter the applicant's ID first: a study without one cannot be read.",
  },
  ATTACHMENT_TOO_LARGE: {
    status: 413,
    message:
      'This file is larger than 10 MB, the most a message can carry. Send a smaller photo or scan, or split the document.',
  },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    status: 415,
    message:
      'This file is not a PNG or JPEG image or a PDF document (judged by its content, not its name). Save it as one of those and attach it again.',
  },
  ATTACHMENT_EMPTY: {
    status: 400,
    message: 'The file is empty. Choose the file again and attach it.',
  },
  ATTACHMENT_NOT_AVAILABLE: {
    status: 409,
    message:
      'An attached file is not one you attached to this conversation, or it was already sent. Attach it again.',
  },
  MESSAGE_THREAD_NOT_YOURS: {
    status: 403,
    message:
      "Only the clinic's own staff and the centre's assistants write in a clinic's channel; study conversations are open to the study's reader too.",
  },
  INCIDENT_TRANSITION_INVALID: {
    status: 409,
    message:
      'An incident moves open → investigating → resolved → closed (or back from resolved to investigating); this move is not one of those.',
  },
  INCIDENT_ROOT_CAUSE_REQUIRED: {
    status: 422,
    message: 'Write the root cause before marking the incident resolved.',
  },
  INCIDENT_LESSON_REQUIRED: {
    status: 422,
    message: 'Write the lesson learned (a title and what to do differently) to close the incident.',
  },
  INCIDENT_CLOSED: {
    status: 409,
    message: 'This incident is closed: its record can no longer change.',
  },
  INCIDENT_OWNER_NOT_STAFF: {
    status: 400,
    message: 'An owner must be an active member of staff.',
  },
} as const satisfies Record<string, { status: number; message: string; dimseStatus?: number }>;

/** A code from the catalogue. */
export type ErrorCode = keyof typeof ERRORS;

/** An error the handler renders as `{ error: { code, message, details }, requestId }`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
    message?: string,
  ) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

/** Builds a catalogue error; `message` overrides the default text with a more specific one. */
export function appError(code: ErrorCode, details?: unknown, message?: string): AppError {
  return new AppError(code, details, message);
}

/** Unique and foreign-key constraints whose violation is a user mistake, not a server fault. */
export const CONSTRAINT_ERRORS: Record<string, ErrorCode> = {
  clinics_code_key: 'DUPLICATE_CLINIC_CODE',
  clinic_ae_titles_pkey: 'DUPLICATE_AE_TITLE',
  users_username_key: 'DUPLICATE_USERNAME',
  clinics_home_centre_id_fkey: 'UNKNOWN_REFERENCE',
  user_clinics_clinic_id_fkey: 'UNKNOWN_REFERENCE',
  clinic_assistants_user_id_fkey: 'UNKNOWN_REFERENCE',
};

const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08006',
  '08001',
  '08003',
]);

/**
 * Translates any thrown value into a catalogue error: AppErrors pass through; known database
 * constraint violations become their user-facing codes; a lost database is SERVICE_UNAVAILABLE.
 * Anything else is INTERNAL.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; constraint?: string; message?: string };
  if (
    (e.code === '23505' || e.code === '23503') &&
    e.constraint &&
    CONSTRAINT_ERRORS[e.constraint]
  ) {
    return appError(CONSTRAINT_ERRORS[e.constraint]!);
  }
  if (e.code === '23503') return appError('UNKNOWN_REFERENCE');
  if (
    (e.code && UNAVAILABLE.has(e.code)) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(e.message ?? '')
  ) {
    return appError('SERVICE_UNAVAILABLE');
  }
  return appError('INTERNAL');
}
