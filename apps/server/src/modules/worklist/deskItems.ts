import { DESK_RULES, type DeskItem, type Priority } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { isBeingRead, isHeldForConsultation } from './status';

/** Most readings the desk lists from this source; the longest waiting come first. */
const LIMIT = 500;

/**
 * The desk's "due soon" items for `clinicIds`: open primary reads whose due time is less than
 * `DESK_RULES.dueSoonMinutes` away at `now`, or already past, each since the read was created
 * (the applicant's wait). Reads waiting for a retake are the retake's business, not this list's.
 */
export async function listDueSoonDeskItems(
  db: Db,
  opts: { clinicIds: readonly string[]; now: Date; dueSoonMinutes?: number },
): Promise<DeskItem[]> {
  if (opts.clinicIds.length === 0) return [];
  const minutes = opts.dueSoonMinutes ?? DESK_RULES.dueSoonMinutes;
  const horizon = new Date(opts.now.getTime() + minutes * 60_000);
  const rows = await db
    .selectFrom('reading_tasks as t')
    .innerJoin('studies', 'studies.id', 't.study_id')
    .innerJoin('clinics', 'clinics.id', 't.clinic_id')
    .leftJoin('users', 'users.id', 't.assignee_id')
    .select([
      't.id',
      't.clinic_id',
      't.state',
      't.priority',
      't.created_at',
      't.due_at',
      'clinics.name as clinic_name',
      'studies.study_uid',
      'studies.patient_id',
      'studies.patient_name',
      'users.display_name as reader',
      isHeldForConsultation.as('held'),
      isBeingRead.as('reading'),
    ])
    .where('t.clinic_id', 'in', opts.clinicIds)
    .where('t.type', '=', 'primary_read')
    .where('t.state', 'in', ['waiting', 'queued', 'in_progress'])
    .where('t.due_at', 'is not', null)
    .where('t.due_at', '<=', horizon)
    .orderBy('t.created_at')
    .limit(LIMIT)
    .execute();
  return rows.map((r) => {
    const overdue = r.due_at! <= opts.now;
    return {
      kind: 'due_soon',
      id: r.id,
      clinicId: r.clinic_id,
      clinicName: r.clinic_name,
      studyUid: r.study_uid,
      patientId: r.patient_id || null,
      patientName: r.patient_name,
      title: overdue ? 'Reading overdue' : 'Reading due soon',
      detail: r.held
        ? `Report waits for a consultant${r.reader ? ` (read by ${r.reader})` : ''}`
        : r.reading
          ? `Being read${r.reader ? ` by ${r.reader}` : ''}`
          : r.state === 'waiting'
            ? 'Waits for its reading centre to open'
            : 'Waiting for a reader',
      since: r.created_at.toISOString(),
      dueAt: r.due_at!.toISOString(),
      link: `/studies/${r.study_uid}`,
      taskId: r.id,
      priority: r.priority as Priority,
    } satisfies DeskItem;
  });
}
