import { ClockTime, TimeZone } from '@telerad/contracts';
import { z } from 'zod';

/**
 * The `transfer` section of the gateway's config file: how instances travel to the centre. Every
 * field has a default fit for a 2 Mbit/s clinic link, so an empty `transfer: {}` works.
 */

/** One sending window: from `start` to `end` (end after start; 24:00 is midnight). */
export const TimeWindow = z
  .object({ start: ClockTime, end: ClockTime })
  .refine((w) => w.start < w.end, { message: 'a window must end after it starts' });
export type TimeWindow = z.infer<typeof TimeWindow>;

/** The weekdays windows are given for, ISO order. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How pixel data is shrunk before it leaves (all lossless; `none` sends the file as received). */
export const CompressionMode = z.enum(['jpeg-ls', 'htj2k', 'gzip', 'none']);
export type CompressionMode = z.infer<typeof CompressionMode>;

/** The validated `transfer` config. */
export const TransferConfig = z
  .object({
    /**
     * The reading centre's base URL, e.g. `https://centre.example.org`, when the gateway's own
     * config does not hand it to `startTransfer`.
     */
    centreUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL of the centre' })
      .optional(),
    /** Where transfer keeps its own state (resumable upload URLs), when not given by the caller. */
    stateDir: z.string().min(1).optional(),
    compression: CompressionMode.default('jpeg-ls'),
    /** gzip the request of objects the pixel codec cannot shrink (SR, already compressed, no pixels). */
    gzipFallback: z.boolean().default(true),
    /** A STOW-RS request carries at most this many instances … */
    batchCount: z.number().int().min(1).max(500).default(20),
    /** … and at most this many bytes (after compression). */
    batchBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .default(8 * 1024 * 1024),
    /** Instances larger than this (as received) go one by one by the resumable upload (tus). */
    tusAboveBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .default(4 * 1024 * 1024),
    /** Bytes per tus PATCH: what a cut link can lose at most. */
    tusChunkBytes: z
      .number()
      .int()
      .min(64 * 1024)
      .default(1024 * 1024),
    /** Upload limit in kbit/s (all requests together); 0 = no limit. */
    bandwidthKbps: z.number().min(0).default(0),
    /** Requests in flight at once: more than one keeps a long-RTT link busy. */
    concurrency: z.number().int().min(1).max(8).default(2),
    /**
     * Sending windows per weekday in `timeZone`; a weekday left out sends all day. Outside a
     * window, `outsideWindows` says whether urgent studies still go.
     */
    windows: z.partialRecord(z.enum(WEEKDAYS), z.array(TimeWindow)).default({}),
    outsideWindows: z.enum(['urgent-only', 'nothing']).default('urgent-only'),
    /** The clinic's IANA time zone for the windows. */
    timeZone: TimeZone.default('UTC'),
    /** Exponential backoff with full jitter: first delay and ceiling (ms). */
    backoffBaseMs: z.number().int().min(10).default(2_000),
    backoffCapMs: z
      .number()
      .int()
      .min(100)
      .default(10 * 60_000),
    /** A refusal for good (the object itself is wrong) waits this long before another try (ms). */
    permanentRetryMs: z
      .number()
      .int()
      .min(60_000)
      .default(24 * 60 * 60_000),
    /** One request may take this long without progress before it counts as a link failure (ms). */
    requestTimeoutMs: z.number().int().min(1_000).default(120_000),
  })
  .refine((c) => c.backoffBaseMs <= c.backoffCapMs, {
    message: 'backoffBaseMs must not exceed backoffCapMs',
    path: ['backoffBaseMs'],
  });
export type TransferConfig = z.infer<typeof TransferConfig>;

/** Parses the raw `transfer` object; throws a readable zod error naming the field. */
export function parseTransferConfig(raw: unknown): TransferConfig {
  return TransferConfig.parse(raw);
}
