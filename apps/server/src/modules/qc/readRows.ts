import {
  ReportContent,
  type ClinicRead,
  type ClinicReadSource,
  type QcAgreement,
  type QcCategory,
} from '@telerad/contracts';
import { formatPersonName } from '@telerad/dicom';
import type { Db } from '../../platform/db';

/** Clinic reads with their study and clinic, as every QC answer lists them. */
export const clinicReadRows = (db: Db) =>
  db
    .selectFrom('clinic_reads as r')
    .innerJoin('studies as s', 's.id', 'r.study_id')
    .innerJoin('clinics as c', 'c.id', 'r.clinic_id')
    .select([
      'r.id',
      'r.study_id',
      'r.clinic_id',
      'r.source',
      'r.reader_name',
      'r.content',
      'r.category',
      'r.submitted_at',
      'r.sampled',
      'r.task_id',
      'r.centre_content',
      'r.centre_category',
      'r.centre_reader_id',
      'r.agreement',
      'r.reread_at',
      's.study_uid',
      's.patient_name',
      's.patient_id',
      'c.code as clinic_code',
    ]);

export type ClinicReadRow = Awaited<
  ReturnType<ReturnType<typeof clinicReadRows>['execute']>
>[number];

/** A stored row as the API answers it; the centre's side only once re-read. */
export function clinicReadOf(r: ClinicReadRow): ClinicRead {
  return {
    id: r.id,
    studyUid: r.study_uid,
    clinicId: r.clinic_id,
    clinicCode: r.clinic_code,
    patientName: formatPersonName(r.patient_name) || r.patient_id,
    patientId: r.patient_id,
    source: r.source as ClinicReadSource,
    readerName: r.reader_name,
    content: ReportContent.parse(r.content),
    category: r.category as QcCategory,
    submittedAt: r.submitted_at.toISOString(),
    sampled: r.sampled,
    centre:
      r.reread_at && r.centre_content && r.agreement
        ? {
            content: ReportContent.parse(r.centre_content),
            category: r.centre_category as QcCategory,
            agreement: r.agreement as QcAgreement,
            at: r.reread_at.toISOString(),
          }
        : null,
  };
}
