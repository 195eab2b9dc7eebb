import { criticalLabel, deskChange, type CriticalFlag } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { publishInTransaction } from '../../platform/realtime';
import { appError } from '../../platform/errors';
import { notifyEvent, studyFacts } from '../notifications';

/** A flag to record: the report, where it was read, and who flagged it. */
export interface NewCriticalFlag {
  reportId: string;
  studyId: string;
  clinicId: string;
  /** The centre that read it: its supervisors are the last escalation. */
  centreId: string | null;
  flag: CriticalFlag;
  flaggedBy: { id: string; name: string };
  now: Date;
  /** Whether the report is already released to the clinic (then the alert goes out now). */
  released: boolean;
}

/**
 * Records a report's critical flag in the caller's transaction (the signature, or the flag of a
 * signed report), once per report (CRITICAL_ALREADY_FLAGGED). A released report alerts the clinic
 * at once; a held one when it is released (`alertOnRelease`).
 */
export async function flagCritical(trx: Db, f: NewCriticalFlag): Promise<string> {
  const row = await trx
    .insertInto('critical_results')
    .values({
      report_id: f.reportId,
      study_id: f.studyId,
      clinic_id: f.clinicId,
      centre_id: f.centreId,
      category: f.flag.category,
      note: f.flag.note || null,
      flagged_by: f.flaggedBy.id,
      flagged_by_name: f.flaggedBy.name,
      flagged_at: f.now,
    })
    .onConflict((oc) => oc.column('report_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw appError('CRITICAL_ALREADY_FLAGGED');
  if (f.released) await alertOnRelease(trx, { reportId: f.reportId, now: f.now });
  return row.id;
}

/**
 * The report was released (in the caller's transaction): a critical flag not yet alerted is
 * alerted now, and the clinic's users are told (`critical.alert`, in app and by e-mail), with the
 * release. Later releases (addenda) find it alerted and change nothing.
 */
export async function alertOnRelease(
  trx: Db,
  r: { reportId: string; now: Date },
): Promise<boolean> {
  const row = await trx
    .updateTable('critical_results')
    .set({ alerted_at: r.now })
    .where('report_id', '=', r.reportId)
    .where('alerted_at', 'is', null)
    .returning(['id', 'study_id', 'clinic_id', 'category', 'note'])
    .executeTakeFirst();
  if (!row) return false;
  await publishInTransaction(trx, deskChange(row.clinic_id, 'critical'));
  const facts = await studyFacts(trx, row.study_id);
  await notifyEvent(trx, {
    kind: 'critical.alert',
    facts: { ...facts, reportId: r.reportId, finding: criticalLabel(row) },
    key: row.id,
    clinicId: row.clinic_id,
  });
  return true;
}
