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

/** Study-level matchers (the patient's attributes are study-level). Strings take `*` and `?`. */
export interface StudyMatch {
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
}

/** Series-level matchers. Strings take `*` and `?`. */
export interface SeriesMatch {
  seriesUids?: string[];
  modality?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  bodyPart?: string;
}

/** Instance-level matchers. */
export interface InstanceMatch {
  sopUids?: string[];
  sopClassUid?: string;
  instanceNumber?: number;
}

/** Study-level search. */
export interface StudyQuery extends StudyMatch {
  clinicId?: string;
  limit: number;
  offset: number;
}

/**
 * Series-level search: the series of one study (`studyUid`), or of every study that `study`
 * matches (PS3.18 §10.6.1.2: a series search also takes study-level keys).
 */
export interface SeriesQuery extends SeriesMatch {
  studyUid?: string;
  study?: StudyMatch;
  limit: number;
  offset: number;
}

/** Instance-level search, with the matchers of its study and series levels as well. */
export interface InstanceQuery extends InstanceMatch {
  studyUid?: string;
  seriesUid?: string;
  study?: StudyMatch;
  series?: SeriesMatch;
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
