import {
  communicationLine,
  criticalLabel,
  type CriticalCategory,
  type CriticalEscalation,
  type CriticalResult,
  type CriticalSettings,
} from '@telerad/contracts';
import { formatPersonName } from '@telerad/dicom';
import type { Db } from '../../platform/db';
import { nextEscalationAt } from './settings';

/** Critical results with their study and clinic, as every read loads them. */
export function criticalRows(db: Db) {
  return db
    .selectFrom('critical_results as k')
    .innerJoin('studies as s', 's.id', 'k.study_id')
    .innerJoin('clinics as c', 'c.id', 'k.clinic_id')
    .select([
      'k.id',
      'k.report_id',
      'k.study_id',
      'k.clinic_id',
      'k.centre_id',
      'k.category',
      'k.note',
      'k.flagged_by_name',
      'k.flagged_at',
      'k.alerted_at',
      'k.acknowledged_by_name',
      'k.acknowledged_at',
      'k.escalation',
      's.study_uid',
      's.patient_id',
      's.patient_name',
      'c.code as clinic_code',
      'c.name as clinic_name',
    ]);
}

/** One loaded row. */
export type CriticalRow = Awaited<ReturnType<ReturnType<typeof criticalRows>['execute']>>[number];

/** The API shape of a row; `settings` give the next escalation time of an open alert. */
export function toCriticalResult(r: CriticalRow, settings: CriticalSettings): CriticalResult {
  const open = r.alerted_at !== null && r.acknowledged_at === null;
  const next = open ? nextEscalationAt(settings, r.alerted_at!, r.escalation) : null;
  const ackAt = r.acknowledged_at?.toISOString() ?? null;
  return {
    id: r.id,
    reportId: r.report_id,
    clinicId: r.clinic_id,
    clinicName: r.clinic_name,
    studyUid: r.study_uid,
    patientId: r.patient_id,
    patientName: formatPersonName(r.patient_name) || null,
    category: r.category as CriticalCategory,
    label: criticalLabel(r),
    note: r.note,
    flaggedBy: r.flagged_by_name,
    flaggedAt: r.flagged_at.toISOString(),
    alertedAt: r.alerted_at?.toISOString() ?? null,
    acknowledgedBy: r.acknowledged_by_name,
    acknowledgedAt: ackAt,
    escalation: r.escalation as CriticalEscalation,
    nextEscalationAt: next?.toISOString() ?? null,
    communication:
      r.acknowledged_by_name && ackAt
        ? communicationLine({
            acknowledgedBy: r.acknowledged_by_name,
            clinicName: r.clinic_name,
            acknowledgedAt: ackAt,
          })
        : null,
  };
}
