import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';
import {
  hasWildcard,
  wildcardToLike,
  type DateRange,
  type InstanceQuery,
  type SeriesQuery,
  type StudyQuery,
} from './query';

type StudiesQB = SelectQueryBuilder<Database, 'studies', object>;

/** A string matcher: exact, or wildcard through LIKE (case-insensitive for names). */
function matchText<T extends StudiesQB>(
  q: T,
  column:
    | 'patient_id'
    | 'accession_number'
    | 'study_id'
    | 'study_description'
    | 'referring_physician'
    | 'patient_sex',
  value: string | undefined,
): T {
  if (value === undefined || value === '' || value === '*') return q;
  return (
    hasWildcard(value)
      ? q.where(column, 'like', wildcardToLike(value))
      : q.where(column, '=', value)
  ) as T;
}

function matchRange<T extends StudiesQB>(
  q: T,
  column: 'study_date' | 'patient_birth_date',
  r: DateRange | undefined,
): T {
  if (!r) return q;
  let out = q;
  if (r.from) out = out.where(column, '>=', r.from) as T;
  if (r.to) out = out.where(column, '<=', r.to) as T;
  return out;
}

/** Applies the clinic scope: a clinic user's queries never see another clinic's studies. */
export function scoped<T extends StudiesQB>(q: T, scope: ClinicScope): T {
  return q.where(inClinicScope(scope, 'studies.clinic_id')) as T;
}

/** Person-name matching: wildcard on the normalised name, or fuzzy (trigram) when asked. */
function matchName<T extends StudiesQB>(q: T, value: string | undefined, fuzzy: boolean): T {
  if (!value || value === '*') return q;
  const norm = value
    .toUpperCase()
    .replace(/[\^=,]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (hasWildcard(norm)) return q.where('patient_name_norm', 'like', wildcardToLike(norm)) as T;
  if (fuzzy) {
    return q.where((eb: ExpressionBuilder<Database, 'studies'>) =>
      eb.or([
        eb('patient_name_norm', 'like', `${wildcardToLike(norm)}%`),
        eb(sql`word_similarity(${norm}, patient_name_norm)`, '>=', 0.45),
      ]),
    ) as T;
  }
  // PS3.4 §C.2.2.2.1: a single value of PN matches the whole name; we match it case-insensitively.
  return q.where('patient_name_norm', '=', norm) as T;
}

const clinicCode = sql<string>`(select code from clinics where clinics.id = studies.clinic_id)`.as(
  'clinic_code',
);
const clinicName = sql<string>`(select name from clinics where clinics.id = studies.clinic_id)`.as(
  'clinic_name',
);

/** Searches studies, newest study date first, within the scope. */
export async function findStudies(db: Db, scope: ClinicScope, query: StudyQuery) {
  let q = scoped(db.selectFrom('studies'), scope);
  if (query.studyUids?.length) q = q.where('study_uid', 'in', query.studyUids);
  q = matchText(q, 'patient_id', query.patientId);
  q = matchName(q, query.patientName, query.fuzzyNames ?? false);
  q = matchText(q, 'accession_number', query.accessionNumber);
  q = matchText(q, 'study_id', query.studyId);
  q = matchText(q, 'study_description', query.studyDescription);
  q = matchText(q, 'referring_physician', query.referringPhysician);
  q = matchText(q, 'patient_sex', query.patientSex);
  q = matchRange(q, 'study_date', query.studyDate);
  q = matchRange(q, 'patient_birth_date', query.patientBirthDate);
  if (query.modalities?.length)
    q = q.where(sql<boolean>`studies.modalities && ${sql.val(query.modalities)}::text[]`);
  if (query.clinicId) q = q.where('studies.clinic_id', '=', query.clinicId);
  return q
    .selectAll('studies')
    .select([clinicCode, clinicName])
    .orderBy('studies.study_date', (ob) => ob.desc().nullsLast())
    .orderBy('studies.last_received_at', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}

/** One study by UID within the scope, or undefined (outside the scope looks the same as absent). */
export async function findStudy(db: Db, scope: ClinicScope, studyUid: string) {
  return scoped(db.selectFrom('studies'), scope)
    .selectAll('studies')
    .select([clinicCode, clinicName])
    .where('study_uid', '=', studyUid)
    .executeTakeFirst();
}

/** Series of scoped studies. */
export async function findSeries(db: Db, scope: ClinicScope, query: SeriesQuery) {
  let q = scoped(
    db
      .selectFrom('series')
      .innerJoin('studies', 'studies.id', 'series.study_id') as unknown as StudiesQB,
    scope,
  ) as unknown as SelectQueryBuilder<Database, 'series' | 'studies', object>;
  if (query.studyUid) q = q.where('studies.study_uid', '=', query.studyUid);
  if (query.seriesUids?.length) q = q.where('series.series_uid', 'in', query.seriesUids);
  if (query.modality) q = q.where('series.modality', '=', query.modality);
  if (query.seriesNumber !== undefined)
    q = q.where('series.series_number', '=', query.seriesNumber);
  if (query.seriesDescription)
    q = hasWildcard(query.seriesDescription)
      ? q.where('series.series_description', 'like', wildcardToLike(query.seriesDescription))
      : q.where('series.series_description', '=', query.seriesDescription);
  if (query.bodyPart) q = q.where('series.body_part', '=', query.bodyPart);
  return q
    .selectAll('series')
    .select(['studies.study_uid', 'studies.clinic_id'])
    .where('series.num_instances', '>', 0)
    .orderBy('series.series_number')
    .orderBy('series.created_at')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}

/** Current instances of scoped studies, with their metadata. */
export async function findInstances(db: Db, scope: ClinicScope, query: InstanceQuery) {
  let q = scoped(
    db
      .selectFrom('instances')
      .innerJoin('series', 'series.id', 'instances.series_id')
      .innerJoin('studies', 'studies.id', 'instances.study_id') as unknown as StudiesQB,
    scope,
  ) as unknown as SelectQueryBuilder<Database, 'instances' | 'series' | 'studies', object>;
  q = q.where('instances.current', '=', true);
  if (query.studyUid) q = q.where('studies.study_uid', '=', query.studyUid);
  if (query.seriesUid) q = q.where('series.series_uid', '=', query.seriesUid);
  if (query.sopUids?.length) q = q.where('instances.sop_uid', 'in', query.sopUids);
  if (query.sopClassUid) q = q.where('instances.sop_class_uid', '=', query.sopClassUid);
  if (query.instanceNumber !== undefined)
    q = q.where('instances.instance_number', '=', query.instanceNumber);
  return q
    .selectAll('instances')
    .select(['studies.study_uid', 'series.series_uid', 'studies.clinic_id'])
    .orderBy('series.series_number')
    .orderBy('instances.instance_number')
    .orderBy('instances.received_at')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}

/**
 * The ingest history of a study: every arrival, duplicate, new version and refusal. A stored
 * object or new version is its instances row, which keeps its origin; duplicates and refusals,
 * which made no instance, are ingest events (db/migrations/0012). A clinic user sees only what
 * their own clinics sent: a refused attempt by another clinic to write into this study UID (who,
 * from where) is centre staff's business, not theirs.
 */
export async function studyHistory(db: Db, scope: ClinicScope, studyId: string, studyUid: string) {
  const arrivals = scoped(
    db
      .selectFrom('instances')
      .innerJoin('studies', 'studies.id', 'instances.study_id') as unknown as StudiesQB,
    scope,
  ) as unknown as SelectQueryBuilder<Database, 'instances' | 'studies', object>;
  const stored = arrivals
    .leftJoin('users', 'users.id', 'instances.user_id')
    .where('instances.study_id', '=', studyId)
    // Every version of the study's current instances: found through the index of current
    // instances by study, then by SOP Instance UID. (A version is replaced only by one of the
    // same SOP Instance UID in the same study, so none is missed; a bare study_id match would
    // scan every instance of the archive.)
    .where('instances.sop_uid', 'in', (eb) =>
      eb
        .selectFrom('instances as c')
        .select('c.sop_uid')
        .where('c.study_id', '=', studyId)
        .where('c.current', '=', true),
    )
    .select([
      sql<string>`instances.id::text`.as('id'),
      'instances.received_at as at',
      sql<string>`coalesce(instances.door, 'unknown')`.as('door'),
      'instances.calling_ae',
      'instances.remote_address',
      sql<string>`case when instances.version = 1 then 'stored' else 'new_version' end`.as(
        'outcome',
      ),
      sql<string | null>`case when instances.version > 1
        then 'replaces version ' || (instances.version - 1) end`.as('reason'),
      sql<string | null>`instances.sop_uid`.as('sop_uid'),
      'users.username',
    ]);
  const events = db
    .selectFrom('ingest_events')
    .leftJoin('users', 'users.id', 'ingest_events.user_id')
    .select([
      sql<string>`ingest_events.id::text`.as('id'),
      'ingest_events.at',
      'ingest_events.door',
      'ingest_events.calling_ae',
      'ingest_events.remote_address',
      'ingest_events.outcome',
      'ingest_events.reason',
      'ingest_events.sop_uid',
      'users.username',
    ])
    .where((eb) =>
      eb.or([
        eb('ingest_events.study_id', '=', studyId),
        eb('ingest_events.study_uid', '=', studyUid),
      ]),
    )
    .where(inClinicScope(scope, 'ingest_events.clinic_id'));
  return db
    .selectFrom(stored.unionAll(events).as('h'))
    .selectAll()
    .orderBy('h.at', 'desc')
    .limit(500)
    .execute();
}

/**
 * The reasons a study was flagged at receipt (study_flags, written by ingest_instance), newest
 * first; the caller has already checked the study is in scope.
 */
export function studyFlags(db: Db, studyId: string) {
  return db
    .selectFrom('study_flags')
    .select(['code', 'detail', 'count', 'first_at', 'last_at'])
    .where('study_id', '=', studyId)
    .orderBy('last_at', 'desc')
    .orderBy('code')
    .execute();
}
