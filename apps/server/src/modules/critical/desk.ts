import type { DeskItem } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { criticalRows, toCriticalResult } from './records';
import { getCriticalSettings } from './settings';

/**
 * The assistant's desk items of critical results: alerts of `clinicIds` nobody at the clinic has
 * acknowledged, waiting since the alert, due at their next escalation (null once the supervisors
 * were told). `now` is accepted for the desk's common signature; the items do not depend on it.
 */
export async function listCriticalDeskItems(
  db: Db,
  opts: { clinicIds: readonly string[]; now: Date },
): Promise<DeskItem[]> {
  if (opts.clinicIds.length === 0) return [];
  const [rows, settings] = await Promise.all([
    criticalRows(db)
      .where('k.clinic_id', 'in', [...opts.clinicIds])
      .where('k.alerted_at', 'is not', null)
      .where('k.acknowledged_at', 'is', null)
      .orderBy('k.alerted_at')
      .execute(),
    getCriticalSettings(db),
  ]);
  return rows.map((r) => {
    const c = toCriticalResult(r, settings);
    return {
      kind: 'critical',
      id: c.id,
      clinicId: c.clinicId,
      clinicName: c.clinicName,
      studyUid: c.studyUid,
      patientId: c.patientId,
      patientName: c.patientName,
      title: `Critical result not acknowledged: ${c.label}`,
      detail:
        c.escalation === 'none'
          ? `Flagged by ${c.flaggedBy}. Nobody at the clinic has acknowledged it yet.`
          : `Flagged by ${c.flaggedBy}. Escalated to the ${c.escalation}; call the clinic.`,
      since: c.alertedAt!,
      dueAt: c.nextEscalationAt,
      link: `/studies/${encodeURIComponent(c.studyUid)}`,
    };
  });
}
