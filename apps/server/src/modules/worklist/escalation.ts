import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import {
  createNotifications,
  deliverNotifications,
  type NewNotification,
  type StoredNotification,
} from '../notifications';
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
 * centre is that one, or who have none), in app and by e-mail when configured.
 *
 * Once per task per level, even with several sweepers: the level is claimed by one INSERT … ON
 * CONFLICT DO NOTHING into `task_escalations`, in the same transaction as the notifications, so
 * only the sweeper whose insert took it alerts. A task first seen already overdue gets only the
 * `overdue` alert.
 */
export async function escalateDueTasks(db: Db, now: Date): Promise<Escalation[]> {
  const { rules } = await getRoutingRules(db);
  const leadEnd = new Date(now.getTime() + rules.escalationLeadMinutes * 60_000);
  const { raised, created } = await db.transaction().execute(async (trx) => {
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
    if (rows.length === 0) return { raised: [], created: [] as StoredNotification[] };

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
    const assistants = await trx
      .selectFrom('clinic_assistants as ca')
      .innerJoin('users as u', 'u.id', 'ca.user_id')
      .select(['ca.clinic_id', 'u.id'])
      .where('u.active', '=', true)
      .where('ca.clinic_id', 'in', [...new Set(tasks.map((t) => t.clinic_id))])
      .execute();
    const supervisors = await trx
      .selectFrom('users')
      .select(['id', 'centre_id'])
      .where('active', '=', true)
      .where(sql<boolean>`roles && array['consultant', 'admin']::text[]`)
      .execute();

    const items: NewNotification[] = [];
    const alerted = new Map<string, number>();
    for (const r of rows) {
      const t = tasks.find((x) => x.id === r.task_id);
      if (!t) continue;
      const to = new Set([
        ...assistants.filter((a) => a.clinic_id === t.clinic_id).map((a) => a.id),
        ...supervisors
          .filter((s) => s.centre_id === null || s.centre_id === t.centre_id)
          .map((s) => s.id),
      ]);
      const due = t.due_at ? t.due_at.toISOString().slice(11, 16) : '?';
      const minutes = t.due_at ? Math.round((t.due_at.getTime() - now.getTime()) / 60_000) : 0;
      const title =
        r.level === 'overdue'
          ? `Overdue: ${t.code} ${t.patient_id}`
          : `Due in ${minutes} min: ${t.code} ${t.patient_id}`;
      const body = `${t.priority.toUpperCase()} ${t.type.replace('_', ' ')} for clinic ${t.code}, patient ${t.patient_id}, at ${t.centre_name ?? 'no centre'}; due ${due} UTC.`;
      for (const userId of to)
        items.push({
          userId,
          kind: `task.${r.level}`,
          title,
          body,
          taskId: t.id,
          clinicId: t.clinic_id,
          dedupeKey: `task:${t.id}:${r.level}`,
        });
      alerted.set(`${r.task_id}:${r.level}`, to.size);
    }
    const created = await createNotifications(trx, items);
    return {
      raised: rows.map((r) => ({
        taskId: r.task_id,
        level: r.level,
        alerted: alerted.get(`${r.task_id}:${r.level}`) ?? 0,
      })),
      created,
    };
  });
  await deliverNotifications(created);
  return raised;
}
