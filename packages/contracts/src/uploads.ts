import { z } from 'zod';

/**
 * What became of one file sent from the browser: `receiving` while bytes still arrive;
 * `stored`, `duplicate` (the archive already held these exact bytes) or `new_version` once the
 * archive has acknowledged it; `refused` with the catalogue's code and message; `expired` when
 * it was left unfinished past the upload expiry.
 */
export const UploadOutcome = z.enum([
  'receiving',
  'stored',
  'duplicate',
  'new_version',
  'refused',
  'expired',
]);
export type UploadOutcome = z.infer<typeof UploadOutcome>;

/** One upload's result, as the final PATCH answers it and `GET /api/uploads/:id` repeats it. */
export const UploadResult = z.object({
  id: z.uuid(),
  outcome: UploadOutcome,
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative(),
  /** The error catalogue's code and message when refused. */
  code: z.string().nullable(),
  message: z.string().nullable(),
  studyUid: z.string().nullable(),
  sopUid: z.string().nullable(),
});
export type UploadResult = z.infer<typeof UploadResult>;

/** Which of these images the caller's clinics already sent (by SOP Instance UID). */
export const AlreadySentQuery = z.object({
  sopUids: z
    .array(z.string().regex(/^[0-9.]{1,64}$/, 'must be a DICOM UID'))
    .min(1)
    .max(500),
});
export type AlreadySentQuery = z.infer<typeof AlreadySentQuery>;

/** The images of the query that are already in the archive, with when they arrived. */
export const AlreadySent = z.object({
  sent: z.array(
    z.object({ sopUid: z.string(), studyUid: z.string(), receivedAt: z.iso.datetime() }),
  ),
});
export type AlreadySent = z.infer<typeof AlreadySent>;
