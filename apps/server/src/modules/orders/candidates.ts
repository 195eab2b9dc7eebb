import type { OrderCandidateQuery, OrderCandidates } from '@telerad/contracts';
import { sql, type SqlBool } from 'kysely';
import type { ServiceContext } from '../../platform/context';
import { appError } from '../../platform/errors';
import { assertClinicScope } from '../auth';
import { localDate } from '../centres';
import { matchedStudyUid, toOrder, type OrderRow } from './rows';

/** How many days either side of the study's date the candidates come from (without a search). */
const NEAR_DAYS = 7;
/** The most candidates offered. */
const LIMIT = 20;

/** Levenshtein distance, for IDs (short strings): how many typed characters differ. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[b.length]!;
}

const dayDiff = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);
const norm = (s: string | null | undefined) => (s ?? '').trim().toUpperCase();

/**
 * Why an order may be the one a study answers, and how likely: the same or a near date, the
 * same or a nearly typed ID, the same family name, birth date or accession number.
 */
function rank(
  o: OrderRow,
  s: {
    patient_id: string;
    patient_name: string | null;
    patient_birth_date: string | null;
    accession_number: string | null;
    day: string;
  },
): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string) => {
    score += points;
    reasons.push(reason);
  };
  const days = Math.abs(dayDiff(o.scheduled_date, s.day));
  if (days === 0) add(3, 'same date');
  else if (days <= 1) add(1, `${days} day apart`);
  const id = norm(s.patient_id);
  if (id) {
    const d = editDistance(norm(o.patient_id), id);
    if (d === 0) add(6, 'same ID');
    else if (d <= 2) add(4, `ID differs by ${d} character${d === 1 ? '' : 's'}`);
  }
  const family = norm(s.patient_name?.split('^')[0]);
  if (family && family === norm(o.patient_name.split('^')[0])) add(2, 'same family name');
  if (s.patient_birth_date && s.patient_birth_date === o.birth_date) add(2, 'same birth date');
  if (s.accession_number && norm(s.accession_number) === norm(o.accession_number))
    add(4, 'same accession number');
  return { score, reasons };
}

/**
 * The scheduled orders of a study's clinic it may answer, for a match by hand: those scheduled
 * within `NEAR_DAYS` of the study's date (or matching the search, any day), the likeliest first.
 */
export async function orderCandidates(
  ctx: ServiceContext,
  studyUid: string,
  q: OrderCandidateQuery,
): Promise<OrderCandidates & { clinicId: string }> {
  const study = await ctx.db
    .selectFrom('studies')
    .innerJoin('clinics as c', 'c.id', 'studies.clinic_id')
    .select([
      'studies.id',
      'studies.clinic_id',
      'studies.patient_id',
      'studies.patient_name',
      'studies.patient_birth_date',
      'studies.study_date',
      'studies.accession_number',
      'studies.first_received_at',
      'c.time_zone',
    ])
    .where('studies.study_uid', '=', studyUid)
    .executeTakeFirst();
  if (!study) throw appError('NOT_FOUND', undefined, 'No such study.');
  assertClinicScope(ctx.actor!, study.clinic_id);
  const day = study.study_date ?? localDate(study.first_received_at, study.time_zone);
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await ctx.db
    .selectFrom('orders as o')
    .selectAll('o')
    .select(matchedStudyUid())
    .where('o.clinic_id', '=', study.clinic_id)
    .where('o.status', '=', 'scheduled')
    .where(
      like
        ? sql<SqlBool>`(o.patient_id ilike ${like} or o.patient_name ilike ${like} or o.accession_number ilike ${like})`
        : sql<SqlBool>`o.scheduled_date between ${day}::date - ${NEAR_DAYS}::int and ${day}::date + ${NEAR_DAYS}::int`,
    )
    .orderBy('o.scheduled_date', 'desc')
    .limit(500)
    .execute();
  const subject = { ...study, patient_birth_date: study.patient_birth_date, day };
  const items = rows
    .map((r) => ({ r, ...rank(r, subject) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        Math.abs(dayDiff(a.r.scheduled_date, day)) - Math.abs(dayDiff(b.r.scheduled_date, day)) ||
        a.r.accession_number.localeCompare(b.r.accession_number),
    )
    .slice(0, LIMIT)
    .map(({ r, reasons }) => ({ ...toOrder(r), reasons }));
  return {
    clinicId: study.clinic_id,
    study: {
      studyUid,
      patientId: study.patient_id,
      patientName: study.patient_name,
      birthDate: study.patient_birth_date,
      studyDate: study.study_date,
      accessionNumber: study.accession_number,
    },
    items,
  };
}
