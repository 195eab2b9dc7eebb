import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, Json } from './columns';

/** Reading tasks and how they were routed and escalated. */
export interface WorklistTables {
  reading_tasks: {
    id: Generated<string>;
    study_id: string;
    clinic_id: string;
    type: string;
    state: string;
    priority: Generated<string>;
    /** Why the priority was last changed (migration 0022). */
    priority_reason: ColumnType<string | null, string | null | undefined, string | null>;
    centre_id: string | null;
    assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
    claimed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    heartbeat_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    created_at: Timestamp;
    queued_at: Date | null;
    due_at: Date | null;
    completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    routing_reason: string | null;
    flags: Generated<string[]>;
    /** numeric: pg returns a string (migration 0008). */
    turnaround_minutes: ColumnType<string | null, number | null | undefined, number | null>;
    service_turnaround_minutes: ColumnType<string | null, number | null | undefined, number | null>;
    /** The primary read a consultation task belongs to (migration 0009). */
    parent_task_id: ColumnType<string | null, string | null | undefined, string | null>;
    /** The consultation's question, when asked by hand (migration 0009). */
    consultation_question: ColumnType<string | null, string | null | undefined, string | null>;
    /** When a read re-queued after new images first joined the worklist (migration 0025). */
    first_queued_at: ColumnType<
      Date | null,
      Date | string | null | undefined,
      Date | string | null
    >;
    /** The reader this task must never go to: a peer review's original reader (migration 0030). */
    excluded_reader_id: ColumnType<string | null, string | null | undefined, string | null>;
  };
  /** The change counter of everything routing reads, one row (migration 0016). */
  routing_inputs: {
    id: Generated<boolean>;
    generation: ColumnType<string, never, never>;
    evaluated_generation: ColumnType<string, never, string>;
    changed_at: ColumnType<Date, never, never>;
  };
  routing_decisions: {
    id: Generated<number>;
    task_id: string;
    at: Timestamp;
    centre_id: string | null;
    decision: string;
    reason: string;
    details: Json<Record<string, unknown>>;
  };
  task_escalations: {
    task_id: string;
    level: string;
    at: Generated<Date>;
  };
}
