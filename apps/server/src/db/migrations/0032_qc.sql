-- QC re-reading of clinic-read images (DOMAIN.md §5). A clinic with local radiologists sends its
-- own structured read of a study on the programme's form, from the portal or as a DICOM SR. The
-- QC rules (data: the default and per clinic) choose in the same transaction whether the centre
-- re-reads it; a chosen read gets one qc_read task on the worklist. The centre's reader reads
-- blind, and signing compares the two reads on one classification.
create table qc_rules (
  id uuid primary key default gen_random_uuid(),
  -- Null: the default rule, for every clinic without its own.
  clinic_id uuid unique references clinics(id) on delete cascade,
  -- `QcSampling` in packages/contracts (qc.ts).
  sampling jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id) on delete set null
);
create unique index qc_rules_one_default on qc_rules ((clinic_id is null)) where clinic_id is null;
insert into qc_rules (clinic_id, sampling) values (null, '{"mode":"percent","percent":10}');

-- One clinic read per study; the centre's re-read, when sampled, on the same row.
create table clinic_reads (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null unique references studies(id),
  clinic_id uuid not null references clinics(id),
  source text not null check (source in ('portal', 'sr')),
  -- The clinic's radiologist, as the clinic names them (the form, or the SR's observer).
  reader_name text not null,
  submitted_by uuid references users(id),
  -- The SR it came from, when it came as one.
  sr_sop_uid text,
  content jsonb not null,
  category text not null check (category in ('normal', 'abnormal', 'tb', 'unreadable')),
  submitted_at timestamptz not null default now(),
  sampled boolean not null,
  task_id uuid unique references reading_tasks(id),
  centre_content jsonb,
  centre_category text check (centre_category in ('normal', 'abnormal', 'tb', 'unreadable')),
  centre_reader_id uuid references users(id),
  agreement text check (agreement in ('concordant', 'minor', 'major')),
  reread_at timestamptz,
  check (sampled = (task_id is not null)),
  check ((reread_at is null) = (agreement is null)),
  check ((reread_at is null) = (centre_content is null))
);
create index clinic_reads_agreement on clinic_reads (clinic_id, reread_at) where reread_at is not null;
