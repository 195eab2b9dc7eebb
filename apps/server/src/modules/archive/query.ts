/**
 * The archive's query model, shared by QIDO-RS (PS3.18 §10.6) and C-FIND (PS3.4 §C.2). Each door
 * translates its own syntax into this; matching rules follow PS3.4 §C.2.2.2: single value,
 * wildcard (`*`, `?`), list of UIDs, range, and (for names) fuzzy matching.
 */
export interface DateRange {
  /** Inclusive `YYYY-MM-DD`. */
  from?: string;
  /** Inclusive `YYYY-MM-DD`. */
  to?: string;
}

/** Study-level search. Every string matcher accepts `*` and `?` wildcards. */
export interface StudyQuery {
  studyUids?: string[];
  patientId?: string;
  patientName?: string;
  /** Fuzzy person-name matching: trigram similarity on the normalised name. */
  fuzzyNames?: boolean;
  patientBirthDate?: DateRange;
  patientSex?: string;
  accessionNumber?: string;
  studyId?: string;
  studyDescription?: string;
  referringPhysician?: string;
  studyDate?: DateRange;
  /** Matches when the study has any of these modalities. */
  modalities?: string[];
  clinicId?: string;
  limit: number;
  offset: number;
}

/** Series-level search within studies. */
export interface SeriesQuery {
  studyUid?: string;
  seriesUids?: string[];
  modality?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  bodyPart?: string;
  limit: number;
  offset: number;
}

/** Instance-level search. */
export interface InstanceQuery {
  studyUid?: string;
  seriesUid?: string;
  sopUids?: string[];
  sopClassUid?: string;
  instanceNumber?: number;
  limit: number;
  offset: number;
}

/** True when a matcher uses DICOM wildcards. */
export function hasWildcard(v: string): boolean {
  return /[*?]/.test(v);
}

/** Translates a DICOM wildcard pattern to SQL LIKE, escaping LIKE's own specials. */
export function wildcardToLike(v: string): string {
  return v
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}
