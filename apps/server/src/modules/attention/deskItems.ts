import { AttentionCode, type AttentionFlag, type DeskItem } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { studyReadingStatuses } from '../worklist';
import { OPEN_ATTENTION, openFlags } from './list';

/** The assistant's words for each reason a study needs a person. */
const REASON: Record<AttentionCode, string> = {
  patient_id_missing: 'No applicant ID',
  patient_name_missing: 'No applicant name',
  iod_deviation: 'Incomplete image header',
  no_pixel_data: 'An object without an image',
  new_version: 'A new version of an image arrived',
  clinic_sr_unread: 'The clinic’s report could not be read',
};

/** Most studies an assistant's desk lists from this source; the oldest come first. */
const LIMIT = 500;

/**
 * The desk's "needs attention" items for `clinicIds`: every study with an open flag or no
 * applicant ID, since its oldest open flag (or its first arrival). A study without an ID, or a
 * stable one with an ID that has never had a reading, waits outside the worklist: it is `held`,
 * and the desk offers to enter the ID or to release it.
 */
export async function listAttentionDeskItems(
  db: Db,
  opts: { clinicIds: readonly string[]; now: Date },
): Promise<DeskItem[]> {
  if (opts.clinicIds.length === 0) return [];
  const rows = await db
    .selectFrom('studies')
    .innerJoin('clinics', 'clinics.id', 'studies.clinic_id')
    .select([
      'studies.id',
      'studies.study_uid',
      'studies.clinic_id',
      'clinics.name as clinic_name',
      'studies.patient_id',
      'studies.patient_name',
      'studies.first_received_at',
      'studies.stable_at',
    ])
    .where('studies.clinic_id', 'in', opts.clinicIds)
    .where(OPEN_ATTENTION)
    .orderBy('studies.first_received_at')
    .limit(LIMIT)
    .execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [flags, reading] = await Promise.all([
    openFlags(db, ids),
    studyReadingStatuses(db, ids, opts.now),
  ]);
  return rows.flatMap((r): DeskItem[] => {
    const noId = r.patient_id.trim() === '';
    // An identity entered since answers the header's missing ID and name: those flags are done.
    const open = (flags.get(r.id) ?? []).filter(
      (f) =>
        (f.code !== 'patient_id_missing' || noId) &&
        (f.code !== 'patient_name_missing' || !r.patient_name),
    );
    const held = noId ? 'identity' : r.stable_at && !reading.has(r.id) ? 'flags' : null;
    if (open.length === 0 && !held) return [];
    return [
      {
        kind: 'attention',
        id: r.study_uid,
        clinicId: r.clinic_id,
        clinicName: r.clinic_name,
        studyUid: r.study_uid,
        patientId: noId ? null : r.patient_id,
        patientName: r.patient_name,
        title: titleOf(open, held),
        detail: open
          .filter((f) => f.code !== 'patient_id_missing' && f.code !== 'patient_name_missing')
          .map((f) => f.detail)
          .join('; '),
        since: oldest(open) ?? r.first_received_at.toISOString(),
        dueAt: null,
        link: `/studies/${r.study_uid}`,
        held,
      },
    ];
  });
}

/** The earliest first-raised time among the open flags. */
function oldest(flags: readonly AttentionFlag[]): string | null {
  return flags.reduce<string | null>((m, f) => (m === null || f.firstAt < m ? f.firstAt : m), null);
}

function titleOf(flags: readonly AttentionFlag[], held: DeskItem['held']): string {
  // The missing ID first: it is what keeps the study from being read.
  const codes = new Set(flags.map((f) => f.code));
  if (held === 'identity') codes.add('patient_id_missing');
  const reasons = AttentionCode.options.filter((c) => codes.has(c)).map((c) => REASON[c]);
  const line = reasons.join(', ') || 'Flagged at arrival';
  if (held === 'identity') return `${line}: waits outside the worklist`;
  if (held === 'flags') return `${line}: held until released`;
  return line;
}
