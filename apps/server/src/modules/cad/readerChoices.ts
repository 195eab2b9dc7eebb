import type {
  CadBand,
  CadReaderChoice,
  CadReaderChoiceQuery,
  CadVisibility,
  Programme,
  ReaderChoice,
} from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { inClinicScope, type ClinicScope } from '../auth';
import { isAbnormalRead } from '../reports';
import { cadResultAt, stateOf } from './blindness';
import { cadProgrammes } from './programmes';

/**
 * Each read's preliminary choice beside its final one (docs/adr/0043), newest first, for QA.
 * The final choice is the released report's result as normal/abnormal, decided as peer review
 * and the report cards decide it (`isAbnormalRead`); its CAD state is the latest scored result
 * received by the signing time, banded by the thresholds in force then. Results and thresholds
 * are never edited, so that state is what the reader could have seen when signing. Only reads
 * of the caller's clinics are listed, as every other list (`inClinicScope`).
 */
export async function listReaderChoices(
  db: Db,
  scope: ClinicScope,
  q: CadReaderChoiceQuery,
): Promise<CadReaderChoice[]> {
  let query = db
    .selectFrom('cad_preliminary_reads as p')
    .innerJoin('studies as s', 's.id', 'p.study_id')
    .leftJoin('users as u', 'u.id', 'p.reader_id')
    .leftJoin('reports as r', (j) =>
      j.onRef('r.task_id', '=', 'p.task_id').on('r.released_at', 'is not', null),
    )
    .select([
      'p.task_id',
      'p.study_id',
      'p.clinic_id',
      'p.reader_id',
      'p.choice',
      'p.visibility',
      'p.cad_result_id',
      'p.score',
      'p.band',
      'p.recorded_at',
      's.study_uid',
      'u.display_name',
      'r.form_id',
      'r.form_version',
      'r.content',
      'r.signed_at',
      'r.released_at',
    ])
    .where(inClinicScope(scope, 'p.clinic_id'))
    .orderBy('p.recorded_at', 'desc')
    .limit(q.limit);
  if (q.from) query = query.where('p.recorded_at', '>=', new Date(q.from));
  if (q.to) query = query.where('p.recorded_at', '<', new Date(q.to));
  const rows = await query.execute();
  const programmes = await cadProgrammes(
    db,
    rows.map((r) => r.study_id),
  );
  const out: CadReaderChoice[] = [];
  for (const r of rows) {
    let final: CadReaderChoice['final'] = null;
    if (r.form_id && r.form_version && r.released_at) {
      const content = (r.content ?? {}) as { result?: string; findings?: unknown[] };
      const signedAt = r.signed_at ?? r.released_at;
      const abnormal = isAbnormalRead(
        r.form_id,
        r.form_version,
        content.result,
        content.findings?.length ?? 0,
      );
      final = {
        choice: abnormal ? 'abnormal' : 'normal',
        signedAt: signedAt.toISOString(),
        cad: stateOf(await cadResultAt(db, r.study_id, signedAt)),
      };
    }
    out.push({
      taskId: r.task_id,
      studyUid: r.study_uid,
      clinicId: r.clinic_id,
      programme: (programmes.get(r.study_id) ?? 'GENERAL') as Programme,
      readerId: r.reader_id,
      readerName: r.display_name,
      preliminary: {
        choice: r.choice as ReaderChoice,
        readerId: r.reader_id,
        recordedAt: r.recorded_at.toISOString(),
        visibility: r.visibility as CadVisibility,
        cad: { resultId: r.cad_result_id, score: r.score, band: r.band as CadBand | null },
      },
      final,
    });
  }
  return out;
}
