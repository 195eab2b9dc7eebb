-- The viewer's blind-first step (docs/adr/0043): per programme, whether readers see CAD only
-- after their first impression (the default) or from the start; and each read's preliminary
-- choice with the CAD state shown when it was made.

-- One row per programme that has been set; a programme without a row is read blind first.
create table cad_visibility (
  programme text primary key,
  visibility text not null check (visibility in ('blind_first', 'from_start')),
  set_by uuid references users(id) on delete set null,
  set_at timestamptz not null default now()
);

-- A read's first impression, recorded once, before (or, from the start, beside) CAD.
create table cad_preliminary_reads (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null unique references reading_tasks(id) on delete cascade,
  study_id uuid not null references studies(id) on delete cascade,
  clinic_id uuid not null references clinics(id),
  reader_id uuid not null references users(id),
  choice text not null check (choice in ('normal', 'abnormal')),
  -- What CAD showed or would have shown at that moment: none yet, or this result, score and band.
  visibility text not null check (visibility in ('blind_first', 'from_start')),
  cad_result_id uuid references cad_results(id) on delete set null,
  score double precision,
  band text check (band in ('uncalibrated', 'low', 'abnormal', 'triage')),
  recorded_at timestamptz not null default now()
);
create index cad_preliminary_reads_study on cad_preliminary_reads (study_id, reader_id);
