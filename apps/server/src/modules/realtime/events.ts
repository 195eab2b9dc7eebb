import type { Db } from '../../platform/db';
import type { Realtime } from '../../platform/realtime';
import { setTaskEventSink, taskClinicId } from '../worklist';
import type { TaskNotification } from './routes';

/** A task event as the worklist module reports it. */
export interface TaskEvent {
  type: string;
  taskId: string;
  /** When the worklist knows it; otherwise the worklist is asked for it. */
  clinicId?: string | null;
}

/** Builds the hub message for one task event: ids only (NOTIFY payloads stay small). */
export async function taskNotification(db: Db, e: TaskEvent): Promise<TaskNotification> {
  const clinicId = e.clinicId === undefined ? await taskClinicId(db, e.taskId) : e.clinicId;
  return {
    kind: 'task',
    type: e.type.startsWith('task.') ? e.type : `task.${e.type}`,
    taskId: e.taskId,
    clinicId,
    at: new Date().toISOString(),
  };
}

/** Publishes one task event to every server process. */
export async function publishTaskEvent(realtime: Realtime, db: Db, e: TaskEvent): Promise<void> {
  await realtime.publish({ ...(await taskNotification(db, e)) });
}

/**
 * Connects the worklist's committed task changes to the hub. The worklist awaits the sink, so
 * events leave in commit order; a failure is logged, never thrown into the request that made
 * the change (the web page catches up on its next refetch).
 */
export function wireTaskEvents(
  realtime: Realtime,
  db: Db,
  log: { warn(obj: object, msg: string): void } = { warn: () => undefined },
): void {
  setTaskEventSink(
    (e) => publishTaskEvent(realtime, db, e),
    (err, e) => log.warn({ err, taskId: e.taskId, type: e.type }, 'task event not published'),
  );
}

/** Disconnects the hub again (at shutdown, before the hub stops). */
export function unwireTaskEvents(): void {
  setTaskEventSink(null);
}
