-- Browser upload (tus, https://tus.io/protocols/resumable-upload): one row per file a clinic
-- user sends. The partial bytes live in the tus file store under the data directory; this row
-- names the upload's clinic (its scope), who started it, and, once the file is complete and the
-- one ingest path has answered, what ingest did with it. The row outlives the bytes: a client
-- that lost the final answer (a cut link, a closed tab) asks again and gets the same result.
create table uploads (
  id uuid primary key,
  clinic_id uuid not null references clinics(id),
  user_id uuid not null references users(id),
  file_name text,
  size_bytes bigint not null check (size_bytes >= 0),
  created_at timestamptz not null default now(),
  -- Null while bytes are still arriving; set once ingest has acknowledged or refused the file.
  outcome text check (outcome in ('stored', 'duplicate', 'new_version', 'refused', 'expired')),
  error_code text,
  error_message text,
  study_uid text,
  sop_uid text,
  finished_at timestamptz
);
create index uploads_clinic_created on uploads (clinic_id, created_at desc);
create index uploads_open on uploads (created_at) where outcome is null;
