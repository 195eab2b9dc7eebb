import type { ColumnType, Generated } from 'kysely';

type NullableTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateOnly = ColumnType<string, string, string>;

/** Incidents, their links, timeline, actions and the lessons knowledge base (migration 0029). */
export interface IncidentsTables {
  incidents: {
    id: Generated<string>;
    /** bigint: pg returns a string. */
    ref: ColumnType<string, never, never>;
    type: string;
    severity: string;
    title: string;
    description: Generated<string>;
    state: Generated<string>;
    owner_id: string | null;
    reported_by: string;
    reported_at: Generated<Date>;
    root_cause: string | null;
    resolved_at: NullableTime;
    closed_at: NullableTime;
    updated_at: Generated<Date>;
  };
  incident_links: {
    id: Generated<string>;
    incident_id: string;
    clinic_id: string;
    study_id: string | null;
  };
  incident_events: {
    id: ColumnType<string, never, never>;
    incident_id: string;
    at: Generated<Date>;
    actor_id: string | null;
    actor_name: string;
    kind: string;
    body: Generated<string>;
    details: ColumnType<Record<string, unknown>, string | undefined, string>;
  };
  incident_actions: {
    id: Generated<string>;
    incident_id: string;
    kind: string;
    description: string;
    owner_id: string;
    due_on: DateOnly;
    done_at: NullableTime;
    created_at: Generated<Date>;
  };
  incident_lessons: {
    id: Generated<string>;
    incident_id: string;
    title: string;
    body: string;
    published_at: Generated<Date>;
    published_by: string | null;
    search: ColumnType<string, never, never>;
  };
}
