import {
  OPEN_INCIDENT_STATES,
  type Incident,
  type IncidentActionKind,
  type IncidentSeverity,
  type IncidentState,
  type IncidentSummary,
  type IncidentType,
  type Lesson,
} from '@telerad/contracts';
import { formatPersonName } from '@telerad/dicom';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summaryQuery(db: Db) {
  return db
    .selectFrom('incidents as i')
    .leftJoin('users as o', 'o.id', 'i.owner_id')
    .innerJoin('users as r', 'r.id', 'i.reported_by')
    .select((eb) => [
      'i.id',
      'i.ref',
      'i.type',
      'i.severity',
      'i.state',
      'i.title',
      'i.description',
      'i.owner_id',
      'i.root_cause',
      'i.reported_at',
      'i.resolved_at',
      'i.closed_at',
      'o.display_name as owner_name',
      'r.display_name as reported_by_name',
      eb
        .selectFrom('incident_links as l')
        .innerJoin('clinics as c', 'c.id', 'l.clinic_id')
        .select(sql<string[]>`coalesce(array_agg(distinct c.name order by c.name), '{}')`.as('n'))
        .whereRef('l.incident_id', '=', 'i.id')
        .as('clinic_names'),
      eb
        .selectFrom('incident_links as l')
        .innerJoin('clinics as c', 'c.id', 'l.clinic_id')
        .select(
          sql<
            { id: string; name: string }[]
          >`coalesce(jsonb_agg(distinct jsonb_build_object('id', c.id, 'name', c.name)), '[]')`.as(
            'n',
          ),
        )
        .whereRef('l.incident_id', '=', 'i.id')
        .as('clinic_refs'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(r: Row): IncidentSummary {
  return {
    id: r.id,
    ref: `INC-${r.ref}`,
    type: r.type as IncidentType,
    severity: r.severity as IncidentSeverity,
    state: r.state as IncidentState,
    title: r.title,
    ownerName: r.owner_name,
    reportedBy: r.reported_by_name,
    reportedAt: r.reported_at.toISOString(),
    clinicNames: r.clinic_names ?? [],
    clinics: [...(r.clinic_refs ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * The incidents the caller may see, open first then newest: an incident is listed when every
 * clinic it names lies in `scope` (the one SQL scope helper), optionally only those about one study.
 */
export async function listIncidents(
  db: Db,
  q: {
    scope: ClinicScope;
    state?: IncidentState;
    studyUid?: string;
    clinicId?: string;
    open?: boolean;
  },
): Promise<IncidentSummary[]> {
  let query = summaryQuery(db)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incident_links as l')
            .select('l.id')
            .whereRef('l.incident_id', '=', 'i.id')
            .where(({ not: n }) => n(inClinicScope(q.scope, 'l.clinic_id'))),
        ),
      ),
    )
    .orderBy(sql`i.state = 'closed'`)
    .orderBy('i.reported_at', 'desc')
    .limit(500);
  if (q.state) query = query.where('i.state', '=', q.state);
  if (q.open) query = query.where('i.state', 'in', OPEN_INCIDENT_STATES);
  if (q.clinicId)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('incident_links as l')
          .select('l.id')
          .whereRef('l.incident_id', '=', 'i.id')
          .where('l.clinic_id', '=', q.clinicId!),
      ),
    );
  if (q.studyUid)
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('incident_links as l')
          .innerJoin('studies as s', 's.id', 'l.study_id')
          .select('l.id')
          .whereRef('l.incident_id', '=', 'i.id')
          .where('s.study_uid', '=', q.studyUid!),
      ),
    );
  return (await query.execute()).map(toSummary);
}

/** One incident with its links, timeline, actions and lesson; null when there is none. */
export async function loadIncident(db: Db, id: string): Promise<Incident | null> {
  const r = await summaryQuery(db).where('i.id', '=', id).executeTakeFirst();
  if (!r) return null;
  const [links, events, actions, lesson] = await Promise.all([
    db
      .selectFrom('incident_links as l')
      .innerJoin('clinics as c', 'c.id', 'l.clinic_id')
      .leftJoin('studies as s', 's.id', 'l.study_id')
      .select(['l.clinic_id', 'c.name', 's.study_uid', 's.patient_name'])
      .where('l.incident_id', '=', id)
      .orderBy('c.name')
      .execute(),
    db
      .selectFrom('incident_events')
      .selectAll()
      .where('incident_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('incident_actions as a')
      .innerJoin('users as u', 'u.id', 'a.owner_id')
      .select([
        'a.id',
        'a.kind',
        'a.description',
        'a.owner_id',
        'u.display_name',
        sql<string>`to_char(a.due_on, 'YYYY-MM-DD')`.as('due_on'),
        'a.done_at',
      ])
      .where('a.incident_id', '=', id)
      .orderBy('a.created_at')
      .execute(),
    db
      .selectFrom('incident_lessons')
      .select(['title', 'body'])
      .where('incident_id', '=', id)
      .executeTakeFirst(),
  ]);
  return {
    ...toSummary(r),
    description: r.description,
    ownerId: r.owner_id,
    rootCause: r.root_cause,
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    links: links.map((l) => ({
      clinicId: l.clinic_id,
      clinicName: l.name,
      studyUid: l.study_uid,
      patientName: l.patient_name ? formatPersonName(l.patient_name) : null,
    })),
    timeline: events.map((e) => ({
      id: String(e.id),
      at: e.at.toISOString(),
      actorName: e.actor_name,
      kind: e.kind,
      body: e.body,
      details: e.details ?? {},
    })),
    actions: actions.map((a) => ({
      id: a.id,
      kind: a.kind as IncidentActionKind,
      description: a.description,
      ownerId: a.owner_id,
      ownerName: a.display_name,
      dueOn: a.due_on,
      doneAt: iso(a.done_at),
    })),
    lesson: lesson ?? null,
  };
}

/**
 * The knowledge base: lessons whose title or text match `q` (PostgreSQL full-text search,
 * English stemming, `websearch_to_tsquery` so staff type as into any search box), best first,
 * with the matching words marked «»; with no words, the newest lessons.
 */
export async function searchLessons(db: Db, q: string): Promise<Lesson[]> {
  const words = q.trim();
  const query = sql`websearch_to_tsquery('english', ${words})`;
  let select = db
    .selectFrom('incident_lessons as k')
    .innerJoin('incidents as i', 'i.id', 'k.incident_id')
    .select([
      'k.id',
      'k.incident_id',
      'i.ref',
      'i.type',
      'k.title',
      'k.body',
      'k.published_at',
      (words
        ? sql<string>`ts_headline('english', k.body, ${query}, 'StartSel=«,StopSel=»,MaxWords=30,MinWords=10')`
        : sql<string>`left(k.body, 200)`
      ).as('excerpt'),
    ])
    .limit(50);
  select = words
    ? select
        .where(sql<boolean>`k.search @@ ${query}`)
        .orderBy(sql`ts_rank(k.search, ${query})`, 'desc')
    : select.orderBy('k.published_at', 'desc');
  return (await select.execute()).map((k) => ({
    id: k.id,
    incidentId: k.incident_id,
    incidentRef: `INC-${k.ref}`,
    incidentType: k.type as IncidentType,
    title: k.title,
    body: k.body,
    excerpt: k.excerpt,
    publishedAt: k.published_at.toISOString(),
  }));
}

/** Active staff who may own an incident or an action (anyone but clinic-only accounts). */
export async function ownerChoices(db: Db): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('active', '=', true)
    .where(sql<boolean>`roles <> '{clinic}'::text[] and cardinality(roles) > 0`)
    .orderBy('display_name')
    .execute();
  return rows.map((u) => ({ id: u.id, name: u.display_name }));
}

/**
 * How many incidents still being worked on name each clinic (clinics with none are absent): the
 * count on support's clinic directory and clinic page.
 */
export async function openIncidentCounts(
  db: Db,
  clinicIds: readonly string[],
): Promise<Map<string, number>> {
  if (clinicIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('incident_links as l')
    .innerJoin('incidents as i', 'i.id', 'l.incident_id')
    .select(['l.clinic_id', sql<string>`count(distinct i.id)`.as('n')])
    .where('l.clinic_id', 'in', clinicIds)
    .where('i.state', 'in', OPEN_INCIDENT_STATES)
    .groupBy('l.clinic_id')
    .execute();
  return new Map(rows.map((r) => [r.clinic_id, Number(r.n)]));
}
