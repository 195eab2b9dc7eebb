-- Retakes and extra views (DOMAIN.md §4). The retakes module owns `retake_requests` from here
-- on: a request is a retake (reason codes) or an extra view (lateral, decubitus…), asked from a
-- signed grade-4 report or straight from the reading screen (then with no report); the clinic
-- acknowledges it by name; an assistant may chase it.
alter table retake_requests
  add column kind text not null default 'retake' check (kind in ('retake', 'extra_view')),
  add column views text[] not null default '{}',
  add column acknowledged_at timestamptz,
  add column acknowledged_by uuid references users(id),
  add column acknowledged_by_name text,
  add column chased_at timestamptz,
  add column chase_count integer not null default 0,
  alter column report_id drop not null,
  add constraint retake_requests_acknowledged_named
    check (acknowledged_at is null or acknowledged_by_name is not null);

-- The desk and the clinic's home list open requests by clinic.
create index retake_requests_clinic_open on retake_requests (clinic_id, requested_at)
  where fulfilled_at is null;

-- A read re-queued after new images keeps its first arrival on the worklist for turnaround:
-- `queued_at` is when it (re)joined the queue, `first_queued_at` when it first did (set once,
-- when a held read is queued again).
alter table reading_tasks add column first_queued_at timestamptz;

-- "This study has an open retake or extra-view request": the one definition, for every state
-- derivation (reading status, the clinic's words, the desk).
create function study_has_open_retake(p_study_id uuid) returns boolean
  language sql stable as $$
    select exists (select 1 from retake_requests
                   where study_id = p_study_id and fulfilled_at is null)
  $$;

-- Retake and extra-view requests per clinic, per reason (an extra view counts under its view,
-- a request with no reason under 'unspecified'), per day of the request in UTC, beside the
-- studies the clinic sent that day: the KPI "retake rate by clinic and reason" reads this.
create view retake_rates_daily as
with requested as (
  select k.clinic_id, (k.requested_at at time zone 'UTC')::date as day, k.kind,
         coalesce(r.reason, 'unspecified') as reason, count(*)::int as requests
  from retake_requests k
  left join lateral unnest(case when k.kind = 'retake' then k.reasons else k.views end)
    as r(reason) on true
  group by 1, 2, 3, 4
), received as (
  select clinic_id, (first_received_at at time zone 'UTC')::date as day,
         count(*)::int as studies
  from studies group by 1, 2
)
select q.clinic_id, q.day, q.kind, q.reason, q.requests, coalesce(v.studies, 0) as studies,
       case when coalesce(v.studies, 0) = 0 then null
            else round(q.requests::numeric / v.studies, 4) end as rate
from requested q
left join received v on v.clinic_id = q.clinic_id and v.day = q.day;
