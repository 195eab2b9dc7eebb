-- CAD calibration and monitoring (docs/adr/0045): per product version, programme, clinic and UTC
-- day, how many studies the CAD scored in each of 100 bins of the product's normalised scale, by
-- the study's final read (abnormal, normal, not yet read). Rebuilt a day at a time from
-- cad_results and reports, as the KPI facts are (docs/adr/0024). The kpi module owns these tables.

-- One row per study and product version: the study's latest scored result of that version, the
-- programme whose thresholds apply to it, and the final read it is judged against.
create table kpi_cad_reads (
  result_id uuid primary key,
  study_id uuid not null,
  product_id uuid not null,
  -- The UTC day the result was received: a version change shows in the month its results arrive.
  day date not null,
  received_at timestamptz not null,
  clinic_id uuid not null,
  programme text not null,
  score double precision not null,
  -- The score on the product's scale mapped to 0-1, higher always more abnormal, and its bin
  -- (0-99; bin b holds [b/100, (b+1)/100), bin 99 also holds 1).
  normalised double precision not null,
  bin smallint not null check (bin between 0 and 99),
  -- The study's latest released report: null while no read is released.
  report_id uuid,
  abnormal boolean
);
create index kpi_cad_reads_product on kpi_cad_reads (product_id, programme, day);
create index kpi_cad_reads_study on kpi_cad_reads (study_id);

-- The counts the calibration page sums: per day, product version, programme, clinic and bin.
create table kpi_cad_bins (
  day date not null,
  product_id uuid not null,
  programme text not null,
  clinic_id uuid not null,
  bin smallint not null,
  abnormal int not null,
  normal int not null,
  unread int not null,
  primary key (product_id, programme, day, clinic_id, bin)
);

-- The result days whose CAD facts must be rebuilt: a new result marks its own day, and a
-- report's release, addendum or amendment marks the days of its study's results, each in the
-- transaction of the change, so a committed change is never missed.
create table kpi_cad_stale_days (
  day date primary key,
  marked_at timestamptz not null default now()
);

-- A study's result days: every scored result of it (a new result of a version replaces the
-- version's earlier one in the facts, so the earlier one's day changes too).
create function kpi_cad_mark_study_days() returns trigger language plpgsql as $$
begin
  insert into kpi_cad_stale_days (day)
  select distinct (received_at at time zone 'UTC')::date from cad_results
  where study_id = new.study_id and score is not null
  on conflict (day) do nothing;
  return null;
end $$;

create trigger cad_results_kpi_stale after insert or update of score, received_at
  on cad_results for each row when (new.score is not null)
  execute function kpi_cad_mark_study_days();

create trigger reports_kpi_cad_stale after insert or update of released_at, current_version, content, state
  on reports for each row when (new.released_at is not null)
  execute function kpi_cad_mark_study_days();

-- The programme a clinic chooses for a study decides whose thresholds judge its results.
create trigger study_requests_kpi_cad_stale after insert or update of programme
  on study_requests for each row execute function kpi_cad_mark_study_days();

-- Every result so far is stale once: the first refresh builds the history.
insert into kpi_cad_stale_days (day)
select distinct (received_at at time zone 'UTC')::date from cad_results where score is not null;

-- The refresh reads a day of results by when they arrived.
create index cad_results_received on cad_results (received_at) where score is not null;
