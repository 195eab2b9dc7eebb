import { criticalLabel, type CriticalEscalation, type NotificationKind } from '@telerad/contracts';
import type { Db } from '../../platform/db';
import { notifyEvent, studyFacts } from '../notifications';
import { getCriticalSettings } from './settings';

/** One escalation step raised by a sweep. */
export interface CriticalEscalationStep {
  criticalId: string;
  level: Exclude<CriticalEscalation, 'none'>;
  /** How many users were told. */
  alerted: number;
}

const KIND: Record<CriticalEscalationStep['level'], NotificationKind> = {
  assistants: 'critical.escalated',
  supervisors: 'critical.escalated_supervisors',
};

/**
 * Escalates critical alerts nobody at the clinic acknowledged: to the clinic's assistants once
 * `assistantsAfterMinutes` have passed since the alert, then to the supervisors of the centre
 * that read it once `supervisorsAfterMinutes` have (settings `critical`; an alert first seen past
 * both gets both). `now` is the sweep's clock, so tests drive time without waiting.
 *
 * Restart-safe and never sent twice: each due alert is taken with `FOR UPDATE SKIP LOCKED` (a
 * second sweeper skips it, an acknowledgement waits for it), its level moves forward in the same
 * transaction as the notifications (and their e-mail jobs), and each notification carries a dedupe
 * key. A crash before commit leaves the level as it was, for the next sweep.
 */
export async function escalateCriticalResults(
  db: Db,
  now: Date,
): Promise<CriticalEscalationStep[]> {
  const s = await getCriticalSettings(db);
  const firstDue = new Date(now.getTime() - s.assistantsAfterMinutes * 60_000);
  const secondDue = new Date(now.getTime() - s.supervisorsAfterMinutes * 60_000);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('critical_results')
      .select([
        'id',
        'study_id',
        'clinic_id',
        'centre_id',
        'category',
        'note',
        'alerted_at',
        'escalation',
      ])
      .where('acknowledged_at', 'is', null)
      .where('alerted_at', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('escalation', '=', 'none'), eb('alerted_at', '<=', firstDue)]),
          eb.and([eb('escalation', '=', 'assistants'), eb('alerted_at', '<=', secondDue)]),
        ]),
      )
      .orderBy('alerted_at')
      .limit(100)
      .forUpdate()
      .skipLocked()
      .execute();
    const steps: CriticalEscalationStep[] = [];
    for (const k of due) {
      const levels: CriticalEscalationStep['level'][] = [];
      if (k.escalation === 'none') levels.push('assistants');
      if (k.alerted_at! <= secondDue) levels.push('supervisors');
      const last = levels.at(-1)!;
      await trx
        .updateTable('critical_results')
        .set({
          escalation: last,
          ...(levels.includes('assistants') ? { escalated_assistants_at: now } : {}),
          ...(levels.includes('supervisors') ? { escalated_supervisors_at: now } : {}),
        })
        .where('id', '=', k.id)
        .execute();
      const facts = await studyFacts(trx, k.study_id);
      const clinic = await trx
        .selectFrom('clinics')
        .select('name')
        .where('id', '=', k.clinic_id)
        .executeTakeFirstOrThrow();
      for (const level of levels) {
        const created = await notifyEvent(trx, {
          kind: KIND[level],
          facts: {
            ...facts,
            clinicName: clinic.name,
            finding: criticalLabel(k),
            alertedAt: `${k.alerted_at!.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
          },
          key: k.id,
          clinicId: k.clinic_id,
          centreId: k.centre_id,
        });
        steps.push({ criticalId: k.id, level, alerted: created.length });
      }
    }
    return steps;
  });
}
