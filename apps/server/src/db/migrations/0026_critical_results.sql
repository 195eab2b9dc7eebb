-- Critical results: a report flagged critical by its radiologist (a category from the contracts'
-- catalogue, and a note). On the report's release the clinic is alerted (alerted_at) and one named
-- clinic user acknowledges it (who and when: the closed loop shown in the report's history). An
-- alert nobody acknowledged escalates once to the clinic's assistants, then once to the supervisors
-- of the centre that read it; the escalation level moves forward only, under the row lock of the
-- sweep that raises it, so a restart or a second sweeper never tells anyone twice.
create table critical_results (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null unique references reports(id),
  study_id uuid not null references studies(id),
  clinic_id uuid not null references clinics(id),
  centre_id uuid references centres(id),
  category text not null,
  note text,
  flagged_by uuid references users(id) on delete set null,
  flagged_by_name text not null,
  flagged_at timestamptz not null,
  alerted_at timestamptz,
  acknowledged_by uuid references users(id) on delete set null,
  acknowledged_by_name text,
  acknowledged_at timestamptz,
  escalation text not null default 'none'
    check (escalation in ('none', 'assistants', 'supervisors')),
  escalated_assistants_at timestamptz,
  escalated_supervisors_at timestamptz,
  check ((acknowledged_at is null) = (acknowledged_by_name is null)),
  check (acknowledged_at is null or alerted_at is not null)
);
-- The sweep and the clinic's banner read only alerts nobody acknowledged.
create index critical_results_open on critical_results (alerted_at)
  where acknowledged_at is null and alerted_at is not null;
create index critical_results_clinic on critical_results (clinic_id, flagged_at desc);
