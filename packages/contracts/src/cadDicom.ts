import { z } from 'zod';
import { AeTitle } from './org';

/**
 * CAD objects in by DICOM (docs/adr/0041): the calling AE titles a CAD integration sends its
 * SRs and heatmaps from, and the CAD objects stored for a study.
 */

/** Body of `PUT /api/cad/integrations/:id/ae-titles`: every AE title it sends from (may be none). */
export const CadAeTitlesSet = z
  .object({ aeTitles: z.array(AeTitle).max(10) })
  .strict()
  .refine((b) => new Set(b.aeTitles).size === b.aeTitles.length, {
    message: 'each AE title once',
    path: ['aeTitles'],
  });
export type CadAeTitlesSet = z.infer<typeof CadAeTitlesSet>;

/** Answer of `PUT /api/cad/integrations/:id/ae-titles`. */
export const CadAeTitles = z.object({ id: z.string(), aeTitles: z.array(z.string()) });
export type CadAeTitles = z.infer<typeof CadAeTitles>;

/** What reading a CAD object gave. */
export const CadObjectOutcome = z.enum(['result', 'heatmap', 'unknown_version', 'unreadable']);

/** One CAD object stored for a study: never an image to read. */
export const CadObject = z.object({
  sopInstanceUid: z.string(),
  sopClassUid: z.string(),
  kind: z.enum(['sr', 'heatmap']),
  integration: z.string(),
  outcome: CadObjectOutcome,
  /** Why it gave no result (empty when it did). */
  reason: z.string(),
  resultId: z.string().nullable(),
  receivedAt: z.string(),
});
export type CadObject = z.infer<typeof CadObject>;

/** Answer of `GET /api/studies/:studyUid/cad/objects`. */
export const CadObjectList = z.object({ objects: z.array(CadObject) });
