-- Worklist assignment, re-routing, escalation and turnaround (issue 4).

-- Assignment mode per centre: `pull` (readers pick) or `push` (auto-assigned on queueing).
alter table centres add column assignment_mode text not null default 'pull'
  check (assignment_mode in ('pull', 'push'));

-- The centre a user works for. Null: centre-wide staff, who serve every centre (push
-- assignment and escalation treat them as members of each centre).
alter table users add column centre_id uuid references centres(id) on delete set null;
create index users_centre on users (centre_id);

-- Round-robin: the last time a reader was handed a task by push assignment.
alter table users add column last_assigned_at timestamptz;

-- Turnaround, stored when a task completes: raw wall-clock minutes and minutes within the
-- centre's service hours, both between queued_at and completed_at.
alter table reading_tasks add column turnaround_minutes numeric(10, 2);
alter table reading_tasks add column service_turnaround_minutes numeric(10, 2);
create index reading_tasks_completed on reading_tasks (completed_at desc)
  where state = 'completed';

-- Re-routing on centre close is a routing decision too.
alter table routing_decisions drop constraint routing_decisions_decision_check;
alter table routing_decisions add constraint routing_decisions_decision_check
  check (decision in ('home_open', 'follow_the_sun', 'wait_for_opening', 'pinned', 'rerouted'));

-- In-app notifications (escalation alerts). `dedupe_key` makes "once per task per level per
-- user" a constraint, so concurrent sweepers cannot alert twice.
create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  kind text not null,
  title text not null,
  body text not null default '',
  task_id uuid references reading_tasks(id) on delete cascade,
  clinic_id uuid references clinics(id) on delete cascade,
  dedupe_key text,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create unique index notifications_dedupe on notifications (user_id, dedupe_key)
  where dedupe_key is not null;
create index notifications_user on notifications (user_id, created_at desc);

-- Escalation levels already raised for a task (`due_soon`, `overdue`): claimed atomically by
-- the sweep that raises them, so each level alerts once.
create table task_escalations (
  task_id uuid not null references reading_tasks(id) on delete cascade,
  level text not null check (level in ('due_soon', 'overdue')),
  at timestamptz not null default now(),
  primary key (task_id, level)
);
