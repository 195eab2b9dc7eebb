import { z } from 'zod';

/** A UUID identifier as the API returns it. */
export const Id = z.uuid();

/** Bounded free text: every string the API takes has a length limit. */
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max);

/** An IANA time-zone name that this runtime knows (e.g. `Asia/Manila`). */
export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be an IANA time zone such as Asia/Manila' },
  );

/** `HH:MM` on a 24-hour clock; `24:00` closes a day at midnight. */
export const ClockTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be HH:MM on a 24-hour clock');

/** A calendar date `YYYY-MM-DD`. */
export const IsoDate = z.iso.date();

/**
 * A yes/no flag in a query string. `z.coerce.boolean()` reads any non-empty string, "false"
 * included, as true, so a client asking for `?mine=false` got the opposite filter; every query
 * flag goes through this instead (eslint forbids `z.coerce.boolean`).
 */
export const QueryFlag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/** Paging for list endpoints. */
export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The one error body every failing API call returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
