import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { notifyEvent } from '../notifications';
import { getRoutingRules } from './rules';

/** Escalation levels, raised once each per task. */
export type EscalationLevel = 'due_soon' | 'overdue';

/** One escalation raised by a sweep. */
export interface Escalation {
  taskId: string;
  level: EscalationLevel;
  /** How many users were alerted. */
  alerted: number;
}

/** Roles that supervise a centre's reading (DESIGN.md §1: consultants lead, admins run it). */
export const SUPERVISOR_ROLES = ['consultant', 'admin'] as const;

/**
 * Escalates open tasks near or past their due time: `due_soon` once the due time is within the
 * rules' `escalationLeadMinutes`, `overdue` once it has passed. Alerts go to the assistants of
 * the task's clinic and the supervisors of its centre (active consultants and admins whose
 * centre is that one, or who have none: the catalogue's `taskWatchers`), in app and by e-mail
 * when configured, unless they turned the kind off.
 *
 * Once per task per level, even with several sweepers: the level is claimed by one INSERT … ON
 * CONFLICT DO NOTHING into `task_escalations`, in the same transaction as the notifications, so
 * only the sweeper whose insert took it alerts. A task first seen already overdue gets only the
 * `overdue` alert.
 */
export async function escalateDueTasks(db: Db, now: Date): Promise<Escalation[]> {
  const { rules } = await getRoutingRules(db);
  const leadEnd = new Date(now.getTime() + rules.escalationLeadMinutes * 60_000);
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ task_id: string; level: EscalationLevel }>`
      insert into task_escalations (task_id, level, at)
      select t.id, case when t.due_at <= ${now} then 'overdue' else 'due_soon' end, ${now}
      from reading_tasks t
      where t.state in ('queued', 'in_progress') and t.due_at <= ${leadEnd}
        -- Skip levels already raised (cheap on a backlog); the conflict clause settles races.
        and not exists (
          select 1 from task_escalations e
          where e.task_id = t.id
            and e.level = case when t.due_at <= ${now} then 'overdue' else 'due_soon' end)
      on conflict do nothing
      returning task_id, level`.execute(trx);
    if (rows.length === 0) return [];

    const ids = rows.map((r) => r.task_id);
    const tasks = await trx
      .selectFrom('reading_tasks as t')
      .innerJoin('studies as s', 's.id', 't.study_id')
      .innerJoin('clinics as c', 'c.id', 't.clinic_id')
      .leftJoin('centres as ce', 'ce.id', 't.centre_id')
      .select([
        't.id',
        't.clinic_id',
        't.centre_id',
        't.priority',
        't.type',
        't.due_at',
        's.patient_id',
        'c.code',
        'ce.name as centre_name',
      ])
      .where('t.id', 'in', ids)
      .execute();
    const alerted = new Map<string, number>();
    for (const r of rows) {
      const t = tasks.find((x) => x.id === r.task_id);
      if (!t) continue;
      const due = t.due_at ? t.due_at.toISOString().slice(11, 16) : '?';
      const minutes = t.due_at ? Math.round((t.due_at.getTime() - now.getTime()) / 60_000) : 0;
      const created = await notifyEvent(trx, {
        kind: `task.${r.level}`,
        facts: {
          minutes,
          clinic: t.code,
          patient: t.patient_id,
          detail: `${t.priority.toUpperCase()} ${t.type.replace('_', ' ')} for clinic ${t.code}, patient ${t.patient_id}, at ${t.centre_name ?? 'no centre'}; due ${due} UTC.`,
        },
        key: t.id,
        taskId: t.id,
        clinicId: t.clinic_id,
        centreId: t.centre_id,
      });
      alerted.set(`${r.task_id}:${r.level}`, created.length);
    }
    return rows.map((r) => ({
      taskId: r.task_id,
      level: r.level,
      alerted: alerted.get(`${r.task_id}:${r.level}`) ?? 0,
    }));
  });
}
