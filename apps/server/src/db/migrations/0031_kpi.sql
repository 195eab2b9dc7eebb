-- The KPI dashboard (DOMAIN.md §6) reads materialised facts, refreshed incrementally by day
-- (docs/adr/0024-kpi-aggregates.md). The kpi module owns these tables.

-- One row per released primary read: what every turnaround, volume and findings figure counts,
-- narrow and keyed by the UTC day of the first release, so a panel scans a period's rows and
-- nothing else. Rebuilt a day at a time from reports and reading_tasks.
create table kpi_reads (
  report_id uuid primary key,
  study_id uuid not null,
  day date not null,
  released_at timestamptz not null,
  -- When the read first joined its centre's worklist (the SLA clock's start).
  arrived_at timestamptz,
  centre_id uuid,
  clinic_id uuid not null,
  reader_id uuid,
  programme text not null,
  -- Turnaround in minutes: wall clock, and within the centre's service hours (both as stored by
  -- the worklist when the read completed).
  turnaround_minutes numeric(10, 2),
  service_turnaround_minutes numeric(10, 2),
  -- Arrival in the centre's own time: ISO weekday 1 (Monday) … 7 and hour 0 … 23.
  arrival_weekday smallint,
  arrival_hour smallint,
  -- The signed result's kind: anything but normal is abnormal; `tb` is TB-suggestive.
  abnormal boolean not null,
  tb_suggestive boolean not null,
  -- When the study first arrived, and whether this is its first released read: the queue's
  -- "received and read" counts a study once, by the day it arrived.
  received_at timestamptz not null,
  first_of_study boolean not null
);
create index kpi_reads_day on kpi_reads (day, clinic_id, reader_id);
create index kpi_reads_received on kpi_reads (received_at) include (clinic_id)
  where first_of_study;
create index kpi_reads_study on kpi_reads (study_id);

-- Per day, centre, clinic, reader and programme: the counts the volume and findings panels sum.
create table kpi_daily (
  day date not null,
  centre_id uuid,
  clinic_id uuid not null,
  reader_id uuid,
  programme text not null,
  reads int not null,
  abnormal int not null,
  tb_suggestive int not null
);
create unique index kpi_daily_key on kpi_daily (
  day, clinic_id, programme,
  coalesce(centre_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(reader_id, '00000000-0000-0000-0000-000000000000')
);

-- Turnaround as a histogram of whole minutes per day, centre, clinic, reader and programme:
-- `minute` is the turnaround rounded up (a read of 12.3 minutes counts in minute 13, one of
-- exactly 60 in minute 60), so "within a target of T minutes" is exactly the reads at minutes
-- <= T, and percentiles interpolate within one minute. Sorting a year's reads for exact
-- percentiles takes seconds; summing this table does not.
create table kpi_turnaround (
  day date not null,
  centre_id uuid,
  clinic_id uuid not null,
  reader_id uuid,
  programme text not null,
  minute int not null,
  raw int not null,
  service int not null
);
create index kpi_turnaround_day on kpi_turnaround (day);

-- Reads by the weekday and hour they arrived (the centre's time), with their summed turnaround,
-- per day, centre and clinic: the arrival pattern is the centre's and the clinics'. Filtered to
-- one radiologist or programme, the heatmap reads that reader's facts in kpi_reads instead.
create table kpi_arrivals (
  day date not null,
  centre_id uuid,
  clinic_id uuid not null,
  weekday smallint not null,
  hour smallint not null,
  reads int not null,
  timed int not null,
  minutes numeric not null
);
create index kpi_arrivals_day on kpi_arrivals (day);

-- The days whose facts must be rebuilt. A report's release, addendum or amendment marks its day
-- in the transaction that makes the change, so a committed change is never missed; the next
-- refresh takes the marks and rebuilds only those days.
create table kpi_stale_days (
  day date primary key,
  marked_at timestamptz not null default now()
);

create function kpi_mark_stale_day() returns trigger language plpgsql as $$
begin
  insert into kpi_stale_days (day) values ((new.released_at at time zone 'UTC')::date)
  on conflict (day) do nothing;
  return null;
end $$;

create trigger reports_kpi_stale after insert or update of released_at, current_version, content, state
  on reports for each row when (new.released_at is not null)
  execute function kpi_mark_stale_day();

-- Every released read so far is stale once: the first refresh builds the history.
insert into kpi_stale_days (day)
select distinct (released_at at time zone 'UTC')::date from reports where released_at is not null;

-- Range scans the refresh and the live panels need.
create index reports_released_day on reports (released_at) where released_at is not null;
create index studies_first_received on studies (first_received_at);
create index reading_tasks_consultation_done on reading_tasks (completed_at)
  where type = 'consultation' and state = 'completed';
create index incidents_reported on incidents (reported_at);
