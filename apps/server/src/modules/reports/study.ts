import {
  formForProgramme,
  Programme,
  type FormChoice,
  type ReportForm,
  type ReportStudy,
} from '@telerad/contracts';
import { ageInYears } from '@telerad/dicom';
import type { Db } from '../../platform/db';
import { chosenProgramme } from '../portal';

/** The study of a task, with what report forms and consultation rules need. */
export interface TaskStudy {
  studyId: string;
  clinicId: string;
  study: ReportStudy;
}

/** Whole years at the study date, or null when either date is missing. */
export function ageAtStudy(birthDate: string | null, studyDate: string | null): number | null {
  if (!birthDate || !studyDate) return null;
  const age = ageInYears(birthDate, studyDate);
  return Number.isFinite(age) && age >= 0 ? age : null;
}

/**
 * Loads the study a task reads. Its programmes are the one the clinic chose for this study
 * when it chose one (portal), otherwise the clinic's: they decide the forms the reader gets.
 */
export async function loadTaskStudy(db: Db, studyId: string): Promise<TaskStudy> {
  const chosen = await chosenProgramme(db, studyId);
  const s = await db
    .selectFrom('studies as s')
    .innerJoin('clinics as c', 'c.id', 's.clinic_id')
    .select([
      's.id',
      's.clinic_id',
      's.study_uid',
      's.patient_name',
      's.patient_id',
      's.patient_sex',
      's.patient_birth_date',
      's.study_date',
      'c.code',
      'c.programmes',
    ])
    .where('s.id', '=', studyId)
    .executeTakeFirstOrThrow();
  return {
    studyId: s.id,
    clinicId: s.clinic_id,
    study: {
      uid: s.study_uid,
      patientName: s.patient_name,
      patientId: s.patient_id,
      sex: s.patient_sex,
      ageYears: ageAtStudy(s.patient_birth_date, s.study_date),
      studyDate: s.study_date,
      clinicCode: s.code,
      programmes: chosen ? [chosen] : s.programmes,
    },
  };
}

/**
 * The forms a study may be reported on: the current form of each programme the clinic serves
 * (one per form; a clinic serving several programmes picks per study).
 */
export function formChoices(programmes: readonly string[]): (FormChoice & { form: ReportForm })[] {
  const known = programmes.flatMap((p) => {
    const r = Programme.safeParse(p);
    return r.success ? [r.data] : [];
  });
  const out: (FormChoice & { form: ReportForm })[] = [];
  for (const p of known.length ? known : (['GENERAL'] as const)) {
    const form = formForProgramme(p);
    if (out.some((c) => c.id === form.id && c.version === form.version)) continue;
    out.push({ id: form.id, version: form.version, title: form.title, programme: p, form });
  }
  return out;
}
