import type { KpiDrillQuery, KpiStudyList } from '@telerad/contracts';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../platform/db';
import { clinicConditions, factConditions, instants, num, settle, type Scope } from './filters';
import { refreshStaleDays } from './refresh';

/** At most this many studies are listed behind one figure; `total` still counts them all. */
export const DRILL_LIMIT = 500;

interface Row {
  study_id: string;
  study_uid: string;
  accession: string | null;
  patient_id: string | null;
  clinic_name: string;
  reader_name: string | null;
  at: Date;
  minutes: string | null;
  detail: string | null;
  total: number;
}

/** The conditions of a figure of the reads panels: its day, arrival cell, turnaround range, finding. */
function readConditions(q: KpiDrillQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`true`];
  const minutes = sql.ref(
    q.basis === 'service' ? 'k.service_turnaround_minutes' : 'k.turnaround_minutes',
  );
  if (q.day) parts.push(sql`k.day = ${q.day}::date`);
  if (q.weekday !== undefined) parts.push(sql`k.arrival_weekday = ${q.weekday}`);
  if (q.hour !== undefined) parts.push(sql`k.arrival_hour = ${q.hour}`);
  // (min, max], as the histogram's bars count them; a bar from 0 includes 0.
  if (q.minMinutes !== undefined)
    parts.push(q.minMinutes === 0 ? sql`${minutes} >= 0` : sql`${minutes} > ${q.minMinutes}`);
  if (q.maxMinutes !== undefined) parts.push(sql`${minutes} <= ${q.maxMinutes}`);
  if (q.finding === 'abnormal') parts.push(sql`k.abnormal`);
  if (q.finding === 'tb') parts.push(sql`k.tb_suggestive`);
  return sql.join(parts, sql` and `);
}

function query(q: KpiDrillQuery, s: Scope): RawBuilder<Row> {
  const { start, end } = instants(s);
  const study = sql`st.id as study_id, st.study_uid, st.accession_number as accession, st.patient_id,
    cl.name as clinic_name, count(*) over ()::int as total`;
  switch (q.panel) {
    case 'reads':
      return sql<Row>`
        select ${study}, u.display_name as reader_name, k.released_at as at,
          ${sql.ref(q.basis === 'service' ? 'k.service_turnaround_minutes' : 'k.turnaround_minutes')} as minutes,
          case when k.tb_suggestive then 'TB-suggestive' when k.abnormal then 'abnormal' else 'normal' end as detail
        from kpi_reads k join studies st on st.id = k.study_id join clinics cl on cl.id = k.clinic_id
        left join users u on u.id = k.reader_id
        where ${factConditions(s, 'k')} and ${readConditions(q)}
        order by k.released_at desc limit ${DRILL_LIMIT}`;
    case 'peerReview':
      return sql<Row>`
        select ${study}, u.display_name as reader_name, p.scored_at as at,
          k.turnaround_minutes as minutes, 'RADPEER ' || p.score as detail
        from peer_reviews p join kpi_reads k on k.report_id = p.report_id
        join studies st on st.id = p.study_id join clinics cl on cl.id = p.clinic_id
        left join users u on u.id = p.reader_id
        where p.scored_at >= ${start} and p.scored_at < ${end} and ${factConditions(s, 'k', false)}
          ${q.score ? sql`and p.score = ${q.score}` : sql``}
        order by p.scored_at desc limit ${DRILL_LIMIT}`;
    case 'retakes':
      return sql<Row>`
        select ${study}, rr.requested_by_name as reader_name, rr.requested_at as at,
          null::numeric as minutes,
          array_to_string(case when rr.kind = 'retake' then rr.reasons else rr.views end, ', ') as detail
        from retake_requests rr join studies st on st.id = rr.study_id
        join clinics cl on cl.id = rr.clinic_id
        where rr.requested_at >= ${start} and rr.requested_at < ${end}
          and ${clinicConditions(s, 'rr.clinic_id', null)}
          ${q.reason ? sql`and ${q.reason} = any(case when rr.kind = 'retake' then rr.reasons else rr.views end)` : sql``}
        order by rr.requested_at desc limit ${DRILL_LIMIT}`;
    case 'consultations':
      return sql<Row>`
        select ${study}, u.display_name as reader_name, t.completed_at as at,
          t.turnaround_minutes as minutes, t.consultation_question as detail
        from reading_tasks t join studies st on st.id = t.study_id
        join clinics cl on cl.id = t.clinic_id left join users u on u.id = t.assignee_id
        where t.type = 'consultation' and t.state = 'completed'
          and t.completed_at >= ${start} and t.completed_at < ${end}
          and ${clinicConditions(s, 't.clinic_id', 't.centre_id')}
          ${q.minMinutes !== undefined ? sql`and t.turnaround_minutes > ${q.minMinutes}` : sql``}
          ${q.maxMinutes !== undefined ? sql`and t.turnaround_minutes <= ${q.maxMinutes}` : sql``}
        order by t.completed_at desc limit ${DRILL_LIMIT}`;
  }
}

/** The studies behind one figure of the dashboard, newest first. */
export async function kpiStudies(
  db: Db,
  q: KpiDrillQuery,
  now: Date = new Date(),
): Promise<KpiStudyList> {
  await refreshStaleDays(db);
  const { rows } = await query(q, settle(q, now)).execute(db);
  return {
    total: rows[0]?.total ?? 0,
    studies: rows.map((r) => ({
      studyId: r.study_id,
      studyUid: r.study_uid,
      accession: r.accession,
      patientId: r.patient_id,
      clinicName: r.clinic_name,
      readerName: r.reader_name,
      at: r.at.toISOString(),
      turnaroundMinutes: num(r.minutes),
      detail: r.detail,
    })),
  };
}
