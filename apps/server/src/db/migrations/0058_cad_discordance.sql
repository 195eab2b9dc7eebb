-- CAD–reader discordance (issue 23, docs/adr/0044). When a read is signed on a study with a
-- scored CAD result, the comparison of the two is recorded once per report: the result, its band
-- and programme, the read's category, whether they disagree, and whether the consultation rule
-- held the report for a consultant. QA reads why a report was held (or not) here; peer review
-- reads whether a finalised read was discordant here.
create table cad_discordance_checks (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null unique references reports(id),
  study_id uuid not null references studies(id),
  clinic_id uuid not null references clinics(id),
  cad_result_id uuid not null references cad_results(id),
  programme text not null,
  score double precision not null,
  band text not null check (band in ('uncalibrated', 'low', 'abnormal', 'triage')),
  read_category text not null check (read_category in ('normal', 'abnormal', 'tb', 'unreadable')),
  -- Null: concordant, or not comparable (uncalibrated).
  discordance text check (discordance in ('high_on_normal', 'low_on_tb')),
  -- The consultation rule that held the report; null when none did (concordant, rule off).
  held_by_rule text,
  -- The decision in plain words, as QA and the consultant read it.
  reason text not null,
  -- The product version, thresholds and rule parameters the decision was made with.
  details jsonb not null,
  decided_at timestamptz not null
);
create index cad_discordance_checks_discordant on cad_discordance_checks (decided_at desc)
  where discordance is not null;

-- A peer review drawn because the read was CAD-discordant says so.
alter table peer_reviews drop constraint peer_reviews_reason_check;
alter table peer_reviews add constraint peer_reviews_reason_check
  check (reason in ('random', 'abnormal', 'consultation', 'reader', 'pilot', 'cad_discordant'));
