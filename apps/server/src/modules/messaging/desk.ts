import type { DeskItem } from '@telerad/contracts';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';

interface WaitingRow {
  thread_id: string;
  clinic_id: string;
  clinic_name: string;
  study_uid: string | null;
  patient_id: string | null;
  patient_name: string | null;
  since: Date;
  body: string;
  author_name: string;
}

/**
 * The assistant's desk items of messaging: one per thread of `clinicIds` whose latest clinic
 * message (sent by `now`) no centre person has answered (a centre message at or after it) or read
 * (a centre read mark at or after it). `since` is that message's time, so the desk sorts the
 * longest-waiting clinic first. A system notice is neither a question nor an answer.
 */
export async function listMessageDeskItems(
  db: Db,
  opts: { clinicIds: readonly string[]; now: Date },
): Promise<DeskItem[]> {
  if (opts.clinicIds.length === 0) return [];
  const { rows } = await sql<WaitingRow>`
    select t.id as thread_id, t.clinic_id, c.name as clinic_name, s.study_uid, s.patient_id,
           s.patient_name, m.created_at as since, m.body, m.author_name
      from message_threads t
      join clinics c on c.id = t.clinic_id
      left join studies s on s.id = t.study_id
      join lateral (
        select created_at, body, author_name from messages
         where thread_id = t.id and side = 'clinic' and created_at <= ${opts.now}
         order by created_at desc limit 1) m on true
     where t.clinic_id = any(${[...opts.clinicIds]}::uuid[])
       and not exists (select 1 from messages a
                        where a.thread_id = t.id and a.side = 'centre'
                          and a.created_at >= m.created_at)
       and not exists (select 1 from message_reads r
                        where r.thread_id = t.id and r.side = 'centre'
                          and r.read_at >= m.created_at)
     order by m.created_at`.execute(db);
  return rows.map((r) => ({
    kind: 'message',
    id: r.thread_id,
    clinicId: r.clinic_id,
    clinicName: r.clinic_name,
    studyUid: r.study_uid,
    patientId: r.patient_id,
    patientName: r.patient_name,
    title: r.study_uid
      ? `Message about ${r.patient_name ?? r.patient_id ?? 'a study'} from ${r.author_name}`
      : `Message from ${r.author_name}`,
    detail: r.body.length > 140 ? `${r.body.slice(0, 139)}…` : r.body,
    since: new Date(r.since).toISOString(),
    dueAt: null,
    link: `/messages?thread=${r.thread_id}`,
  }));
}
