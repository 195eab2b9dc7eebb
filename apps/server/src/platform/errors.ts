import { REQUEST_ERRORS } from './errorCatalogue/request';
import { ACCESS_ERRORS } from './errorCatalogue/access';
import { ORGANISATION_ERRORS } from './errorCatalogue/organisation';
import { ARCHIVE_ERRORS } from './errorCatalogue/archive';
import { READING_ERRORS } from './errorCatalogue/reading';
import { COMMUNICATION_ERRORS } from './errorCatalogue/communication';
import { QUALITY_ERRORS } from './errorCatalogue/quality';
import { HL7_ORDER_ERRORS } from './errorCatalogue/hl7Orders';
import { CAD_ERRORS } from './errorCatalogue/cad';

/**
 * The error catalogue: every failure the product reports has a stable code, an HTTP status,
 * a DIMSE status where it applies (PS3.7 Annex C), and a message a user can act on.
 * Throw with `appError('CODE', details?)`; the one error handler renders it. The entries are
 * kept by concept in errorCatalogue/ (requests, access, organisation, archive, reading,
 * communication, quality, HL7 orders, CAD) and joined here into the one catalogue.
 */
export const ERRORS = {
  ...REQUEST_ERRORS,
  ...ACCESS_ERRORS,
  ...ORGANISATION_ERRORS,
  ...ARCHIVE_ERRORS,
  ...READING_ERRORS,
  ...COMMUNICATION_ERRORS,
  ...QUALITY_ERRORS,
  ...HL7_ORDER_ERRORS,
  ...CAD_ERRORS,
} as const;

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
  orders_clinic_accession_key: 'DUPLICATE_ACCESSION_NUMBER',
  orders_external_key: 'ORDER_ALREADY_RECEIVED',
  clinic_hl7_destinations_unique: 'DUPLICATE_HL7_DESTINATION',
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
