-- The DICOM archive index: studies, series, instances (with versions), and the ingest history.
-- Objects live in content-addressed files; these rows are committed only after the file is
-- durable, and an acknowledgement is sent only after these rows are committed.

create extension if not exists pg_trgm;

create table studies (
  id uuid primary key default gen_random_uuid(),
  study_uid text not null unique,
  clinic_id uuid not null references clinics(id),
  patient_id text not null,
  patient_name text,
  -- Upper-case, separators folded to spaces: what fuzzy name matching compares.
  patient_name_norm text,
  patient_birth_date date,
  patient_sex text,
  study_date date,
  study_time text,
  accession_number text,
  study_id text,
  study_description text,
  referring_physician text,
  modalities text[] not null default '{}',
  num_series int not null default 0,
  num_instances int not null default 0,
  size_bytes bigint not null default 0,
  first_received_at timestamptz not null default now(),
  last_received_at timestamptz not null default now(),
  stable_at timestamptz
);
create index studies_clinic_date on studies (clinic_id, study_date desc nulls last, id);
create index studies_date on studies (study_date desc nulls last, id);
create index studies_patient_id on studies (patient_id);
create index studies_accession on studies (accession_number);
create index studies_name_trgm on studies using gin (patient_name_norm gin_trgm_ops);
create index studies_received on studies (last_received_at desc);
create index studies_unstable on studies (last_received_at) where stable_at is null;

create table series (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references studies(id) on delete cascade,
  series_uid text not null unique,
  modality text,
  series_number int,
  series_description text,
  body_part text,
  view_position text,
  laterality text,
  num_instances int not null default 0,
  created_at timestamptz not null default now()
);
create index series_study on series (study_id);

-- Every version of every instance is kept; exactly one per SOP Instance UID is current.
create table instances (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references studies(id) on delete cascade,
  series_id uuid not null references series(id) on delete cascade,
  sop_uid text not null,
  sop_class_uid text not null,
  instance_number int,
  transfer_syntax_uid text not null,
  rows int,
  columns int,
  bits_allocated int,
  number_of_frames int,
  size_bytes bigint not null,
  sha256 text not null,
  storage_key text not null,
  version int not null default 1,
  current boolean not null default true,
  -- The header as DICOM JSON (PS3.18 §F.2), bulk data replaced by BulkDataURI, for QIDO and
  -- WADO-RS metadata without reading files.
  metadata jsonb not null,
  received_at timestamptz not null default now()
);
create unique index instances_current_sop on instances (sop_uid) where current;
create unique index instances_sop_version on instances (sop_uid, version);
create index instances_series on instances (series_id) where current;
create index instances_study on instances (study_id) where current;

-- Where each object came from, and what became of it (including refusals).
create table ingest_events (
  id bigserial primary key,
  at timestamptz not null default now(),
  study_id uuid references studies(id) on delete set null,
  instance_id uuid references instances(id) on delete set null,
  study_uid text,
  sop_uid text,
  door text not null,
  clinic_id uuid references clinics(id),
  calling_ae text,
  user_id uuid,
  remote_address text,
  outcome text not null check (outcome in ('stored', 'duplicate', 'new_version', 'refused')),
  reason text,
  request_id text
);
create index ingest_events_study on ingest_events (study_id, id);
create index ingest_events_at on ingest_events (at desc);
