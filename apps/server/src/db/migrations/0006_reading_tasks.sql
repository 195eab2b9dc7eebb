-- Reading tasks (DESIGN.md §2 "Reading workflow"): one model for every task type, and the
-- routing decisions behind each one.

create table reading_tasks (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references studies(id),
  clinic_id uuid not null references clinics(id),
  type text not null
    check (type in ('primary_read', 'consultation', 'second_opinion', 'peer_review', 'qc_read')),
  state text not null
    check (state in ('waiting', 'queued', 'in_progress', 'completed', 'cancelled')),
  priority text not null default 'routine' check (priority in ('stat', 'urgent', 'routine')),
  -- Null only while waiting with no centre opening in sight.
  centre_id uuid references centres(id),
  assignee_id uuid references users(id),
  claimed_at timestamptz,
  heartbeat_at timestamptz,
  created_at timestamptz not null default now(),
  -- When the task joins (or joined) its centre's worklist; the SLA clock starts here. Raw
  -- turnaround is completed_at - queued_at; service-hours turnaround is computed from the
  -- centre's hours over the same two instants.
  queued_at timestamptz,
  due_at timestamptz,
  completed_at timestamptz,
  routing_reason text,
  flags text[] not null default '{}',
  check (state <> 'queued' or (centre_id is not null and queued_at is not null))
);

-- One open primary read per study: a study that becomes stable again keeps its task.
create unique index reading_tasks_one_open_primary on reading_tasks (study_id)
  where type = 'primary_read' and state not in ('completed', 'cancelled');
-- The worklist: open tasks of a centre, most due first.
create index reading_tasks_worklist on reading_tasks (state, centre_id, due_at);
create index reading_tasks_study on reading_tasks (study_id);
create index reading_tasks_assignee on reading_tasks (assignee_id)
  where state = 'in_progress';

create table routing_decisions (
  id bigserial primary key,
  task_id uuid not null references reading_tasks(id) on delete cascade,
  at timestamptz not null default now(),
  centre_id uuid references centres(id),
  decision text not null
    check (decision in ('home_open', 'follow_the_sun', 'wait_for_opening', 'pinned')),
  reason text not null,
  details jsonb not null default '{}'
);
create index routing_decisions_task on routing_decisions (task_id, id);
