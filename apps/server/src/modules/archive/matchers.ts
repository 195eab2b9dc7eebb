import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../platform/db';
import {
  hasWildcard,
  wildcardToLike,
  type DateRange,
  type InstanceMatch,
  type SeriesMatch,
  type StudyMatch,
} from './query';

/**
 * The SQL of the archive's matchers (PS3.4 §C.2.2.2), one function a level. Every column is
 * qualified with its table, so the same study matchers apply to a search of studies and to a
 * search of series or instances joined to their study (PS3.18 §10.6.1.2).
 */

/** A query over `studies`, possibly joined to `series` and `instances`. */
export type StudiesQB = SelectQueryBuilder<Database, 'studies', object>;
/** A query over `series` joined to `studies`, possibly to `instances` too. */
export type SeriesQB = SelectQueryBuilder<Database, 'series' | 'studies', object>;
/** A query over `instances` joined to `series` and `studies`. */
export type InstancesQB = SelectQueryBuilder<Database, 'instances' | 'series' | 'studies', object>;

type StudyText =
  | 'studies.patient_id'
  | 'studies.accession_number'
  | 'studies.study_id'
  | 'studies.study_description'
  | 'studies.referring_physician'
  | 'studies.patient_sex';
type SeriesText = 'series.modality' | 'series.series_description' | 'series.body_part';

/** A string matcher: exact, or wildcard through LIKE. */
function matchText<T extends StudiesQB>(q: T, column: StudyText, value: string | undefined): T {
  if (value === undefined || value === '' || value === '*') return q;
  return (
    hasWildcard(value)
      ? q.where(column, 'like', wildcardToLike(value))
      : q.where(column, '=', value)
  ) as T;
}

function matchRange<T extends StudiesQB>(
  q: T,
  column: 'studies.study_date' | 'studies.patient_birth_date',
  r: DateRange | undefined,
): T {
  if (!r) return q;
  let out = q;
  if (r.from) out = out.where(column, '>=', r.from) as T;
  if (r.to) out = out.where(column, '<=', r.to) as T;
  return out;
}

/** Person-name matching: wildcard on the normalised name, or fuzzy (trigram) when asked. */
function matchName<T extends StudiesQB>(q: T, value: string | undefined, fuzzy: boolean): T {
  if (!value || value === '*') return q;
  const norm = value
    .toUpperCase()
    .replace(/[\^=,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const column = 'studies.patient_name_norm';
  if (hasWildcard(norm)) return q.where(column, 'like', wildcardToLike(norm)) as T;
  if (fuzzy) {
    return q.where((eb: ExpressionBuilder<Database, 'studies'>) =>
      eb.or([
        eb(column, 'like', `${wildcardToLike(norm)}%`),
        eb(sql`word_similarity(${norm}, ${sql.ref(column)})`, '>=', 0.45),
      ]),
    ) as T;
  }
  // PS3.4 §C.2.2.2.1: a single value of PN matches the whole name; we match it case-insensitively.
  return q.where(column, '=', norm) as T;
}

/** Applies the study-level matchers to a query over `studies` (joined or not). */
export function matchStudy<T extends StudiesQB>(q: T, m: StudyMatch | undefined): T {
  if (!m) return q;
  let out = q;
  if (m.studyUids?.length) out = out.where('studies.study_uid', 'in', m.studyUids) as T;
  out = matchText(out, 'studies.patient_id', m.patientId);
  out = matchName(out, m.patientName, m.fuzzyNames ?? false);
  out = matchText(out, 'studies.accession_number', m.accessionNumber);
  out = matchText(out, 'studies.study_id', m.studyId);
  out = matchText(out, 'studies.study_description', m.studyDescription);
  out = matchText(out, 'studies.referring_physician', m.referringPhysician);
  out = matchText(out, 'studies.patient_sex', m.patientSex);
  out = matchRange(out, 'studies.study_date', m.studyDate);
  out = matchRange(out, 'studies.patient_birth_date', m.patientBirthDate);
  if (m.modalities?.length)
    out = out.where(sql<boolean>`studies.modalities && ${sql.val(m.modalities)}::text[]`) as T;
  return out;
}

function matchSeriesText<T extends SeriesQB>(q: T, column: SeriesText, value: string | undefined) {
  if (!value) return q;
  return (
    hasWildcard(value)
      ? q.where(column, 'like', wildcardToLike(value))
      : q.where(column, '=', value)
  ) as T;
}

/** Applies the series-level matchers to a query over `series` joined to `studies`. */
export function matchSeries<T extends SeriesQB>(q: T, m: SeriesMatch | undefined): T {
  if (!m) return q;
  let out = q;
  if (m.seriesUids?.length) out = out.where('series.series_uid', 'in', m.seriesUids) as T;
  out = matchSeriesText(out, 'series.modality', m.modality);
  if (m.seriesNumber !== undefined)
    out = out.where('series.series_number', '=', m.seriesNumber) as T;
  out = matchSeriesText(out, 'series.series_description', m.seriesDescription);
  out = matchSeriesText(out, 'series.body_part', m.bodyPart);
  return out;
}

/** Applies the instance-level matchers to a query over `instances`. */
export function matchInstance<T extends InstancesQB>(q: T, m: InstanceMatch): T {
  let out = q;
  if (m.sopUids?.length) out = out.where('instances.sop_uid', 'in', m.sopUids) as T;
  if (m.sopClassUid) out = out.where('instances.sop_class_uid', '=', m.sopClassUid) as T;
  if (m.instanceNumber !== undefined)
    out = out.where('instances.instance_number', '=', m.instanceNumber) as T;
  return out;
}
