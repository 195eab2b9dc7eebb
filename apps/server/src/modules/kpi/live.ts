import type { KpiDashboard } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { clinicConditions, factConditions, instants, num, type Scope } from './filters';

/**
 * The queue: studies received in the period and how many have a released report, and the
 * primary reads open now (waiting, queued or being read) with the oldest one's arrival.
 */
export async function queue(db: Db, s: Scope): Promise<KpiDashboard['queue']> {
  const { start, end } = instants(s);
  const [received, open] = await Promise.all([
    // Each study counts once, by the day it arrived; read when its first read was released.
    sql<{ received: number; read: number }>`
      select
        (select count(*) from studies st
          where st.first_received_at >= ${start} and st.first_received_at < ${end}
            and ${clinicConditions(s, 'st.clinic_id', null)})::int as received,
        (select count(*) from kpi_reads k
          where k.first_of_study and k.received_at >= ${start} and k.received_at < ${end}
            and ${clinicConditions(s, 'k.clinic_id', null)})::int as read`.execute(db),
    sql<{ backlog: number; oldest: Date | null }>`
      select count(*)::int as backlog,
        min(coalesce(t.first_queued_at, t.queued_at, t.created_at)) as oldest
      from reading_tasks t
      where t.type = 'primary_read' and t.state in ('waiting', 'queued', 'in_progress')
        and ${clinicConditions(s, 't.clinic_id', 't.centre_id')}`.execute(db),
  ]);
  const r = received.rows[0]!;
  const o = open.rows[0]!;
  return {
    received: r.received,
    read: r.read,
    readRate: r.received ? r.read / r.received : null,
    backlog: o.backlog,
    oldestUnreadAt: o.oldest ? o.oldest.toISOString() : null,
  };
}

/** Retake and extra-view requests of the period by kind and reason (the `retake_rates_daily` view). */
export async function retakes(db: Db, s: Scope): Promise<KpiDashboard['retakes']> {
  const { rows } = await sql<{ kind: 'retake' | 'extra_view'; reason: string; requests: number }>`
    select v.kind, v.reason, sum(v.requests)::int as requests
    from retake_rates_daily v
    where v.day between ${s.from}::date and ${s.to}::date
      and ${clinicConditions(s, 'v.clinic_id', null)}
    group by 1, 2 order by requests desc, reason`.execute(db);
  return rows;
}

/**
 * The filters on a table of reviewed reads (`peer_reviews`, `discrepancy_cases`) under `alias`:
 * clinic (and reader) on its own columns; a centre or programme through the read's facts.
 */
function reviewConditions(s: Scope, alias: string, hasReader: boolean) {
  const c = (col: string) => sql.ref(`${alias}.${col}`);
  const parts = [sql`true`];
  if (s.clinicId) parts.push(sql`${c('clinic_id')} = ${s.clinicId}`);
  if (s.readerId)
    parts.push(
      hasReader
        ? sql`${c('reader_id')} = ${s.readerId}`
        : sql`exists (select 1 from kpi_reads k where k.report_id = ${c('report_id')} and k.reader_id = ${s.readerId})`,
    );
  if (s.centreId || s.programme)
    parts.push(
      sql`exists (select 1 from kpi_reads k where k.report_id = ${c('report_id')} and ${factConditions({ ...s, clinicId: undefined, readerId: undefined }, 'k', false)})`,
    );
  return sql.join(parts, sql` and `);
}

/** RADPEER scores given in the period to the filtered reads, and discrepancy cases opened. */
export async function peerReview(db: Db, s: Scope): Promise<KpiDashboard['peerReview']> {
  const { start, end } = instants(s);
  const [scores, cases] = await Promise.all([
    sql<{ score: '1' | '2a' | '2b' | '3a' | '3b'; count: number }>`
      select p.score, count(*)::int as count
      from peer_reviews p
      where p.scored_at >= ${start} and p.scored_at < ${end} and ${reviewConditions(s, 'p', true)}
      group by p.score order by p.score`.execute(db),
    sql<{ n: number }>`
      select count(*)::int as n
      from discrepancy_cases dc
      where dc.opened_at >= ${start} and dc.opened_at < ${end}
        and ${reviewConditions(s, 'dc', false)}`.execute(db),
  ]);
  return { scores: scores.rows, discrepancyCases: cases.rows[0]!.n };
}

/** Consultations completed in the period: how many, and their median and p90 turnaround. */
export async function consultations(db: Db, s: Scope): Promise<KpiDashboard['consultations']> {
  const { start, end } = instants(s);
  const { rows } = await sql<{ count: number; p: (string | number | null)[] | null }>`
    select count(*)::int as count,
      percentile_cont(array[0.5, 0.9]) within group (order by t.turnaround_minutes) as p
    from reading_tasks t
    where t.type = 'consultation' and t.state = 'completed'
      and t.completed_at >= ${start} and t.completed_at < ${end}
      and ${clinicConditions(s, 't.clinic_id', 't.centre_id')}`.execute(db);
  const r = rows[0]!;
  return { count: r.count, medianMinutes: num(r.p?.[0]), p90Minutes: num(r.p?.[1]) };
}

/** Incidents reported in the period by severity, with how many are still open. */
export async function incidents(db: Db, s: Scope): Promise<KpiDashboard['incidents']> {
  const { start, end } = instants(s);
  const clinic = s.clinicId
    ? sql`and exists (select 1 from incident_links l where l.incident_id = i.id and l.clinic_id = ${s.clinicId})`
    : sql``;
  const { rows } = await sql<{ severity: string; count: number; open: number }>`
    select i.severity, count(*)::int as count,
      (count(*) filter (where i.state in ('open', 'investigating')))::int as open
    from incidents i
    where i.reported_at >= ${start} and i.reported_at < ${end} ${clinic}
    group by i.severity
    order by array_position(array['low', 'medium', 'high', 'critical'], i.severity), i.severity`.execute(
    db,
  );
  return rows;
}
