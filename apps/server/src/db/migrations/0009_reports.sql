-- Structured reports (issue 5): autosaved drafts, signing, append-only versions, retake
-- requests and consultations.

-- A retake request parks the primary read until the clinic sends new images.
alter table reading_tasks drop constraint reading_tasks_state_check;
alter table reading_tasks add constraint reading_tasks_state_check
  check (state in ('waiting', 'queued', 'in_progress', 'awaiting_images', 'completed', 'cancelled'));

-- Consultation tasks use the task model: type 'consultation', the primary read as parent, and
-- the question asked (null when a rule matched without one).
alter table reading_tasks add column parent_task_id uuid references reading_tasks(id);
alter table reading_tasks add column consultation_question text;
alter table reading_tasks add constraint reading_tasks_consultation_parent
  check (type <> 'consultation' or parent_task_id is not null);
-- One open consultation per primary read.
create unique index reading_tasks_one_open_consultation on reading_tasks (parent_task_id)
  where type = 'consultation' and state not in ('completed', 'cancelled');

-- users.credentials (e.g. "MD, FPCR") exists since 0001; signing stamps it.

create table reports (
  id uuid primary key default gen_random_uuid(),
  -- The primary read this report answers.
  task_id uuid not null unique references reading_tasks(id),
  study_id uuid not null references studies(id),
  clinic_id uuid not null references clinics(id),
  programme text not null,
  -- The form version is the report's forever: it renders with that version.
  form_id text not null,
  form_version text not null,
  state text not null
    check (state in ('draft', 'pending_consultation', 'final', 'retake_requested')),
  content jsonb not null,
  annotations jsonb not null default '[]',
  -- Optimistic concurrency of the autosave: every save bumps it.
  revision int not null default 0,
  author_id uuid references users(id),
  signed_by uuid references users(id),
  signed_at timestamptz,
  signer_name text,
  signer_credentials text,
  -- Set when the clinic may see the report; current_version is the latest released version.
  released_at timestamptz,
  current_version int not null default 0,
  -- Consultation rules the signed report matched (ids), kept with the report.
  matched_rules text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index reports_study on reports (study_id);
-- The clinic portal: released reports of a clinic, newest first.
create index reports_released on reports (clinic_id, released_at desc) where released_at is not null;
create index reports_state on reports (state, updated_at desc);

-- Every signed, concurred, amended or addended version, kept forever.
create table report_versions (
  id bigserial primary key,
  report_id uuid not null references reports(id),
  version int not null,
  kind text not null check (kind in ('signed', 'consultant_concur', 'consultant_amend', 'addendum')),
  content jsonb not null,
  annotations jsonb not null,
  addendum text,
  -- The consultant's comment on a concur or amend.
  comment text,
  author_id uuid,
  author_name text not null,
  author_credentials text,
  created_at timestamptz not null default now(),
  unique (report_id, version)
);

-- Versions are append-only, like the audit trail: a signed report is only ever amended.
create function report_versions_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'report_versions is append-only: add an addendum instead';
end $$;
create trigger report_versions_no_change before update or delete on report_versions
  for each row execute function report_versions_append_only();
create trigger report_versions_no_truncate before truncate on report_versions
  for each statement execute function report_versions_append_only();

-- Retake requests (quality grade 4): shown to the clinic until new images arrive.
create table retake_requests (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null references reports(id),
  task_id uuid not null references reading_tasks(id),
  study_id uuid not null references studies(id),
  clinic_id uuid not null references clinics(id),
  reasons text[] not null default '{}',
  note text,
  requested_by uuid references users(id),
  requested_by_name text not null,
  requested_at timestamptz not null default now(),
  fulfilled_at timestamptz
);
create index retake_requests_study on retake_requests (study_id, requested_at desc);
create index retake_requests_open on retake_requests (task_id) where fulfilled_at is null;
