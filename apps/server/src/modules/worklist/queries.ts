import type { WorklistPage, WorklistQuery, WorklistTask } from '@telerad/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Actor, ServiceContext } from '../../platform/context';
import type { Db } from '../../platform/db';
import { appError } from '../../platform/errors';
import { can, clinicScope, inClinicScope, type ClinicScope } from '../auth';
import { blindStudiesFor, latestCadResults, type LatestCadResult } from '../cad';
import { isBeingRead, isDueWaiting, readingStatus } from './status';

/** Clock and claim timeout a worklist read is computed against. */
export interface WorklistClock {
  now: Date;
  /** Seconds a claim lives without a heartbeat. */
  claimTimeoutSeconds: number;
}

/** The states of a task still on someone's worklist; literal so the partial indexes apply. */
export const OPEN_STATES = sql<SqlBool>`t.state in ('waiting', 'queued', 'in_progress')`;

/** Priority as a sortable rank: STAT first. */
const PRIORITY_RANK = sql<number>`case t.priority when 'stat' then 0 when 'urgent' then 1 else 2 end`;

const isQueued = (now: Date) => sql<SqlBool>`(t.state = 'queued' or ${isDueWaiting(now)})`;
const isWaiting = (now: Date) =>
  sql<SqlBool>`(t.state = 'waiting' and (t.queued_at is null or t.queued_at > ${now}))`;
const isOverdue = (now: Date) => sql<SqlBool>`(${OPEN_STATES} and t.due_at < ${now})`;

/** Escapes LIKE wildcards so user text matches literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The worklist's one join: task, study, clinic, centre and assignee. */
function joined(db: Db) {
  return db
    .selectFrom('reading_tasks as t')
    .innerJoin('studies as s', 's.id', 't.study_id')
    .innerJoin('clinics as c', 'c.id', 't.clinic_id')
    .leftJoin('centres as ce', 'ce.id', 't.centre_id')
    .leftJoin('users as u', 'u.id', 't.assignee_id');
}

/**
 * The counts scan every open task, so they join studies and clinics only when the text search
 * needs their columns; every other filter is on the task row.
 */
function countsFrom(db: Db, needsJoins: boolean) {
  return needsJoins
    ? joined(db)
    : // Same alias, fewer joins: the filters built without `q` reference only `t`.
      (db.selectFrom('reading_tasks as t') as unknown as ReturnType<typeof joined>);
}

/**
 * The programmes a read is for: the one chosen for its study (by the clinic on the study page, or
 * by the order it was matched to), else all its clinic's programmes.
 */
const READ_PROGRAMMES = sql<
  string[]
>`coalesce(case when sr.programme is not null then array[sr.programme] end, c.programmes)`;

function selected(db: Db, now: Date) {
  return joined(db)
    .leftJoin('study_requests as sr', 'sr.study_id', 't.study_id')
    .select([
      't.id',
      't.study_id',
      't.type',
      sql<string>`case when ${isDueWaiting(now)} then 'queued' else t.state end`.as('state'),
      readingStatus(now).as('status'),
      't.priority',
      't.priority_reason',
      's.study_uid',
      't.clinic_id',
      'c.code as clinic_code',
      'c.name as clinic_name',
      'c.country',
      READ_PROGRAMMES.as('programmes'),
      's.patient_name',
      's.patient_id',
      's.patient_sex',
      's.patient_birth_date',
      's.study_date',
      's.num_instances',
      's.modalities',
      's.first_received_at',
      't.queued_at',
      't.due_at',
      't.centre_id',
      'ce.name as centre_name',
      'ce.time_zone as centre_time_zone',
      't.assignee_id',
      'u.display_name as assignee_name',
      't.claimed_at',
      't.heartbeat_at',
      't.routing_reason',
      't.flags',
      't.completed_at',
      't.turnaround_minutes',
      't.service_turnaround_minutes',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selected>['execute']>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** `numeric` columns arrive as strings. */
const num = (v: string | null) => (v === null ? null : Number(v));

function toTask(r: Row, clock: WorklistClock, cad: LatestCadResult | undefined): WorklistTask {
  // A claim never heartbeated (a reassignment the reader has not opened yet) does not lapse.
  const expires =
    r.state === 'in_progress' && r.heartbeat_at
      ? new Date(r.heartbeat_at.getTime() + clock.claimTimeoutSeconds * 1000)
      : null;
  return {
    id: r.id,
    type: r.type as WorklistTask['type'],
    state: r.state as WorklistTask['state'],
    status: r.status,
    priority: r.priority as WorklistTask['priority'],
    priorityReason: r.priority_reason,
    studyUid: r.study_uid,
    clinicId: r.clinic_id,
    clinicCode: r.clinic_code,
    clinicName: r.clinic_name,
    country: r.country,
    programmes: r.programmes,
    patientName: r.patient_name,
    patientId: r.patient_id,
    patientSex: r.patient_sex,
    patientBirthDate: r.patient_birth_date,
    studyDate: r.study_date,
    numImages: r.num_instances,
    modalities: r.modalities,
    arrivedAt: r.first_received_at.toISOString(),
    queuedAt: iso(r.queued_at),
    dueAt: iso(r.due_at),
    centreId: r.centre_id,
    centreName: r.centre_name,
    centreTimeZone: r.centre_time_zone,
    slaMinutes:
      r.queued_at && r.due_at
        ? Math.round((r.due_at.getTime() - r.queued_at.getTime()) / 60_000)
        : null,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    claimedAt: iso(r.claimed_at),
    claimExpiresAt: iso(expires),
    routingReason: r.routing_reason,
    flags: r.flags,
    completedAt: iso(r.completed_at),
    turnaroundMinutes: num(r.turnaround_minutes),
    serviceTurnaroundMinutes: num(r.service_turnaround_minutes),
    cad: cad
      ? { score: cad.score, band: cad.band, product: cad.product, version: cad.version }
      : null,
  };
}

/**
 * The study's latest CAD score on a common 0–1 scale, 1 most abnormal (the product's own scale
 * and direction normalised), so scores of different products sort together; null without one.
 */
const CAD_RANK = sql<number | null>`(
  select case when p.higher_is_abnormal
    then (r.score - p.score_min) / (p.score_max - p.score_min)
    else (p.score_max - r.score) / (p.score_max - p.score_min) end
  from cad_results r join cad_products p on p.id = r.product_id
  where r.study_id = t.study_id and r.score is not null
  order by r.received_at desc limit 1)`;

/**
 * The page's rows as tasks, with each study's latest CAD result banded at the clock's now when
 * the viewer may see CAD results (`cad:read`: centre staff, never clinics), except a reader's
 * blind-first studies before their first impression (docs/adr/0043): the row keeps its place in
 * the CAD sort and its priority, but carries no score or band.
 */
async function toTasks(
  db: Db,
  rows: readonly Row[],
  clock: WorklistClock,
  viewer: Actor | null,
): Promise<WorklistTask[]> {
  const cad =
    viewer && can(viewer, 'cad:read')
      ? await latestCadResults(
          db,
          rows.map((r) => r.study_id),
          clock.now,
        )
      : new Map<string, LatestCadResult>();
  const blind = await blindStudiesFor(db, viewer, [...cad.keys()]);
  return rows.map((r) => toTask(r, clock, blind.has(r.study_id) ? undefined : cad.get(r.study_id)));
}

/** The filters shared by the page and its counts (everything but the state filter). */
function filters(
  scope: ClinicScope,
  userId: string,
  q: WorklistQuery,
  now: Date,
  secondReads: boolean,
): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = [inClinicScope(scope, 't.clinic_id')];
  // One row per study for those who do not work second reads (clinics): its primary read,
  // whose status says when it is with a consultant.
  if (!secondReads) out.push(sql<SqlBool>`t.type = 'primary_read'`);
  if (q.priority) out.push(sql<SqlBool>`t.priority = ${q.priority}`);
  if (q.clinicId) out.push(sql<SqlBool>`t.clinic_id = ${q.clinicId}::uuid`);
  if (q.centreId) out.push(sql<SqlBool>`t.centre_id = ${q.centreId}::uuid`);
  if (q.mine) out.push(sql<SqlBool>`t.assignee_id = ${userId}::uuid`);
  if (q.overdue) out.push(isOverdue(now));
  if (q.completedSince) out.push(sql<SqlBool>`t.completed_at >= ${new Date(q.completedSince)}`);
  if (q.q) {
    const like = `%${likeLiteral(q.q)}%`;
    out.push(
      sql<SqlBool>`(s.patient_id ilike ${like} or s.patient_name ilike ${like} or c.code ilike ${like} or s.accession_number = ${q.q})`,
    );
  }
  return out;
}

function stateFilter(state: WorklistQuery['state'], now: Date): Expression<SqlBool> | null {
  switch (state) {
    case 'open':
      return OPEN_STATES;
    case 'waiting':
      return isWaiting(now);
    case 'queued':
      return isQueued(now);
    case 'in_progress':
      return isBeingRead;
    case 'completed':
      return sql<SqlBool>`t.state = 'completed'`;
    case 'all':
      return null;
  }
}

function orderOf(sort: WorklistQuery['sort'], now: Date) {
  switch (sort) {
    case 'due':
      // Overdue open tasks first, then the most urgent, then the earliest due.
      return sql`${isOverdue(now)} desc, ${PRIORITY_RANK}, t.due_at asc nulls last, t.id`;
    case 'priority':
      return sql`${PRIORITY_RANK}, t.due_at asc nulls last, t.id`;
    case 'arrived':
      return sql`s.first_received_at asc, t.id`;
    case 'patient':
      return sql`s.patient_name asc nulls last, s.patient_id, t.id`;
    case 'clinic':
      return sql`c.code, t.due_at asc nulls last, t.id`;
    case 'cad':
      // Within the same priority, the most abnormal CAD score first (docs/adr/0027).
      return sql`${PRIORITY_RANK}, ${CAD_RANK} desc nulls last, t.due_at asc nulls last, t.id`;
  }
}

/**
 * `GET /api/worklist`: one page of tasks within the caller's clinic scope, with counts per state
 * under the same filters, and the server's clock.
 */
export async function listWorklist(
  ctx: ServiceContext,
  q: WorklistQuery,
  clock: WorklistClock,
): Promise<WorklistPage> {
  if (!ctx.actor) throw appError('UNAUTHENTICATED');
  const { now } = clock;
  const where = filters(
    clinicScope(ctx.actor),
    ctx.actor.userId,
    q,
    now,
    can(ctx.actor, 'worklist:second-reads'),
  );
  const state = stateFilter(q.state, now);
  const all = state ? [...where, state] : where;
  const [rows, counts] = await Promise.all([
    selected(ctx.db, now)
      .where((eb) => eb.and(all))
      .orderBy(orderOf(q.sort, now))
      .limit(q.limit + 1)
      .offset(q.offset)
      .execute(),
    countsFrom(ctx.db, Boolean(q.q))
      .select([
        sql<number>`count(*) filter (where ${isWaiting(now)})::int`.as('waiting'),
        sql<number>`count(*) filter (where ${isQueued(now)})::int`.as('queued'),
        sql<number>`count(*) filter (where ${isBeingRead})::int`.as('inProgress'),
        sql<number>`count(*) filter (where t.due_at < ${now})::int`.as('overdue'),
      ])
      .where((eb) => eb.and([...where, OPEN_STATES]))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    tasks: await toTasks(ctx.db, rows.slice(0, q.limit), clock, ctx.actor),
    counts,
    hasMore: rows.length > q.limit,
    serverTime: now.toISOString(),
  };
}

/**
 * One task as the worklist shows it, by id, with no scope check (callers check first). Its CAD
 * result is shown only to a `viewer` who may see CAD results.
 */
export async function worklistTask(
  db: Db,
  id: string,
  clock: WorklistClock,
  viewer: Actor | null = null,
): Promise<WorklistTask | null> {
  const row = await selected(db, clock.now).where('t.id', '=', id).executeTakeFirst();
  return row ? ((await toTasks(db, [row], clock, viewer))[0] ?? null) : null;
}
