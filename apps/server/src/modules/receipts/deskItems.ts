import { sql } from 'kysely';
import type { DeskItem } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { openedByClinic } from './service';

/** Most reports the desk lists from this source; the longest unopened come first. */
const LIMIT = 500;

/**
 * The desk's "report not opened" items for `clinicIds`: released reports whose latest version
 * nobody at the clinic has viewed or downloaded yet, since its release. A report is not
 * communicated until the clinic opens it, whatever its deliveries say.
 */
export async function listUnopenedReportDeskItems(
  db: Db,
  opts: { clinicIds: readonly string[]; now: Date },
): Promise<DeskItem[]> {
  if (opts.clinicIds.length === 0) return [];
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('studies', 'studies.id', 'r.study_id')
    .innerJoin('clinics', 'clinics.id', 'r.clinic_id')
    .select([
      'r.id',
      'r.clinic_id',
      'r.released_at',
      'r.current_version',
      'r.signer_name',
      'clinics.name as clinic_name',
      'studies.study_uid',
      'studies.patient_id',
      'studies.patient_name',
    ])
    .where('r.clinic_id', 'in', opts.clinicIds)
    .where('r.released_at', 'is not', null)
    .where('r.released_at', '<=', opts.now)
    .where((eb) => eb.not(openedByClinic(sql.ref('r.id'), sql.ref('r.current_version'))))
    .orderBy('r.released_at')
    .limit(LIMIT)
    .execute();
  return rows.map((r): DeskItem => ({
    kind: 'report_unopened',
    id: `${r.id}:${r.current_version}`,
    clinicId: r.clinic_id,
    clinicName: r.clinic_name,
    studyUid: r.study_uid,
    patientId: r.patient_id || null,
    patientName: r.patient_name,
    title:
      r.current_version > 1
        ? `Addendum (version ${r.current_version}) not opened by the clinic`
        : 'Report released, not opened by the clinic',
    detail: r.signer_name ? `Signed by ${r.signer_name}` : '',
    since: r.released_at!.toISOString(),
    dueAt: null,
    link: `/studies/${r.study_uid}`,
  }));
}
