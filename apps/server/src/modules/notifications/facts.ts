import { formatPersonName } from '@telerad/dicom';
import type { Db } from '../../platform/db';

/** The facts about a study that notification templates name. */
export interface StudyFacts {
  /** The clinic's code, as staff say it (DEMO1). */
  clinic: string;
  /** The patient id and the display name (FAMILY, Given). */
  patient: string;
  patientName: string;
  /** The Study Instance UID, for links to the study's page. */
  studyUid: string;
  clinicId: string;
}

/** Reads a study's template facts in the caller's transaction. */
export async function studyFacts(db: Db, studyId: string): Promise<StudyFacts> {
  const s = await db
    .selectFrom('studies as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .select(['s.patient_id', 's.patient_name', 's.study_uid', 'c.code', 'c.id as clinic_id'])
    .where('s.id', '=', studyId)
    .executeTakeFirstOrThrow();
  return {
    clinic: s.code,
    patient: s.patient_id,
    patientName: formatPersonName(s.patient_name) || s.patient_id,
    studyUid: s.study_uid,
    clinicId: s.clinic_id,
  };
}
