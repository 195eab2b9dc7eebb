import { sql } from 'kysely';
import type { SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';
import {
  matchInstance,
  matchSeries,
  matchStudy,
  type InstancesQB,
  type SeriesQB,
  type StudiesQB,
} from './matchers';
import { hasWildcard, type InstanceQuery, type SeriesQuery, type StudyQuery } from './query';

/**
 * Applies the clinic scope: a clinic user's queries never see another clinic's studies. One
 * clinic (a clinic user's usual scope) is compared with `=`: only then does PostgreSQL walk the
 * (clinic, study date) index in order and stop at the page's end; with `= any` of a one-element
 * array it walked the whole archive's date index and filtered (13 ms instead of 0.4 ms over a
 * million studies, more the smaller the clinic; bench/scale.ts).
 */
export function scoped<T extends StudiesQB>(q: T, scope: ClinicScope): T {
  if (scope !== 'all' && scope.length === 1)
    return q.where('studies.clinic_id', '=', scope[0]!) as T;
  return q.where(inClinicScope(scope, 'studies.clinic_id')) as T;
}

/**
 * How many studies a patient-name wildcard may match for them to be fetched and sorted rather
 * than found by walking the date index (see `findStudies`).
 */
const FEW_NAME_MATCHES = 2000;

const clinicCode = sql<string>`(select code from clinics where clinics.id = studies.clinic_id)`.as(
  'clinic_code',
);
const clinicName = sql<string>`(select name from clinics where clinics.id = studies.clinic_id)`.as(
  'clinic_name',
);

/**
 * Searches studies, newest study date first, within the scope. PostgreSQL finds a page by
 * walking the date index until the page is full, which is right when matches are many. A
 * patient-name wildcard (`SANTOS*`) matching few studies spread over the years defeats it: the
 * walk read 37,000 rows for a page of 50 (100–190 ms over a million studies) though the
 * planner's estimate of the matches was right. So such a search first counts its matches (up to
 * FEW_NAME_MATCHES, along the name index) and, when they are few, has them fetched by that index
 * and sorted (about 2 ms): the same order, by an expression the date index cannot serve.
 */
export async function findStudies(db: Db, scope: ClinicScope, query: StudyQuery) {
  let q = matchStudy(scoped(db.selectFrom('studies'), scope), query);
  if (query.clinicId) q = q.where('studies.clinic_id', '=', query.clinicId);
  const fewNames =
    !!query.patientName &&
    hasWildcard(query.patientName) &&
    (
      await q
        .select(sql<number>`1`.as('one'))
        .limit(FEW_NAME_MATCHES)
        .execute()
    ).length < FEW_NAME_MATCHES;
  return q
    .selectAll('studies')
    .select([clinicCode, clinicName])
    .orderBy(
      fewNames
        ? sql`(studies.study_date + 0) desc nulls last`
        : sql`studies.study_date desc nulls last`,
    )
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

/** Series of scoped studies, matched on their own and their study's attributes. */
export async function findSeries(db: Db, scope: ClinicScope, query: SeriesQuery) {
  const studies = matchStudy(
    scoped(
      db
        .selectFrom('series')
        .innerJoin('studies', 'studies.id', 'series.study_id') as unknown as StudiesQB,
      scope,
    ),
    query.study,
  );
  let q = matchSeries(studies as unknown as SeriesQB, query);
  if (query.studyUid) q = q.where('studies.study_uid', '=', query.studyUid);
  // Newest study first, as a study search: a search over all series by study keys then stops
  // at the page's end along the studies' date index instead of sorting every match.
  return q
    .selectAll('series')
    .select(['studies.study_uid', 'studies.clinic_id'])
    .where('series.num_instances', '>', 0)
    .orderBy('studies.study_date', (ob) => ob.desc().nullsLast())
    .orderBy('studies.last_received_at', 'desc')
    .orderBy('series.series_number')
    .orderBy('series.created_at')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
}

/**
 * Current instances of scoped studies, with their metadata, matched on their own, their
 * series' and their study's attributes.
 */
export async function findInstances(db: Db, scope: ClinicScope, query: InstanceQuery) {
  const studies = matchStudy(
    scoped(
      db
        .selectFrom('instances')
        .innerJoin('series', 'series.id', 'instances.series_id')
        .innerJoin('studies', 'studies.id', 'instances.study_id') as unknown as StudiesQB,
      scope,
    ),
    query.study,
  );
  const series = matchSeries(studies as unknown as SeriesQB, query.series);
  let q = matchInstance(series as unknown as InstancesQB, query);
  q = q.where('instances.current', '=', true);
  if (query.studyUid) q = q.where('studies.study_uid', '=', query.studyUid);
  if (query.seriesUid) q = q.where('series.series_uid', '=', query.seriesUid);
  return q
    .selectAll('instances')
    .select(['studies.study_uid', 'series.series_uid', 'studies.clinic_id'])
    .orderBy('studies.study_date', (ob) => ob.desc().nullsLast())
    .orderBy('studies.last_received_at', 'desc')
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
