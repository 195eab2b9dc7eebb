/**
 * The File Meta Information written in front of a dataset received over DIMSE (PS3.10 §7.1),
 * naming Telerad as the implementation; the builder itself is shared with the clinic gateway.
 */
import { buildPart10Meta as buildMeta, type MetaFields } from '@telerad/dicom';

export type { MetaFields } from '@telerad/dicom';

/** Telerad's Implementation Class UID (PS3.7 §D.3.3.2), a fixed UUID-derived 2.25 UID. */
export const IMPLEMENTATION_CLASS_UID = '2.25.208740139842870214634129434563870398815';
/** Telerad's Implementation Version Name (at most 16 characters). */
export const IMPLEMENTATION_VERSION = 'TELERAD_1';

/** Preamble + "DICM" + group 0002 for `fields`, written by Telerad (see `@telerad/dicom`). */
export function buildPart10Meta(fields: MetaFields): Buffer {
  return buildMeta(fields, {
    classUid: IMPLEMENTATION_CLASS_UID,
    versionName: IMPLEMENTATION_VERSION,
  });
}
