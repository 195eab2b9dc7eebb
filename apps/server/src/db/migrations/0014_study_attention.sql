-- What a received study needs a person for: the archive stores every identifiable object a
-- device sends (DESIGN.md: liberal in what we accept) and flags what deviates, instead of
-- refusing it; the "needs attention" list shows the flags; an assistant corrects the
-- patient's identity where the header has none. The stored bytes never change.

-- The reasons, one row per study, reason and detail, written by ingest_instance
-- (db/functions/ingest_instance.sql) in the statement that stores the instance, so a stored
-- object and its flags commit together. Counted, not one row per instance: a series of 300
-- images without Patient ID is one reason seen 300 times.
create table study_flags (
  study_id uuid not null references studies(id) on delete cascade,
  code text not null check (code in ('patient_id_missing', 'patient_name_missing', 'iod_deviation',
                                     'no_pixel_data', 'new_version')),
  detail text not null default '',
  count int not null default 1,
  first_at timestamptz not null default now(),
  last_at timestamptz not null default now(),
  -- The latest instance that raised it.
  instance_id uuid references instances(id) on delete set null,
  primary key (study_id, code, detail)
);
create index study_flags_last on study_flags (last_at desc);

-- A person looked at a study's flags: those raised up to reviewed_at leave the list (a
-- later arrival that raises one brings the study back). Owned by the attention module.
create table study_flag_reviews (
  study_id uuid primary key references studies(id) on delete cascade,
  reviewed_at timestamptz not null,
  reviewed_by uuid not null references users(id),
  note text
);

-- The applicant's identity as an assistant entered it, with the header's as received. The
-- study row's patient_id and patient_name hold the effective identity (correction ?? header),
-- which is what the worklist, viewer, reports and deliveries show; the header itself stays in
-- the stored bytes, instances.metadata and studies.attributes. Owned by the attention module.
create table patient_identity_corrections (
  id bigserial primary key,
  study_id uuid not null references studies(id) on delete cascade,
  patient_id text not null check (patient_id <> ''),
  patient_name text not null check (patient_name <> ''),
  received_patient_id text not null,
  received_patient_name text,
  reason text,
  corrected_by uuid not null references users(id),
  corrected_at timestamptz not null default now()
);
create index patient_identity_corrections_study on patient_identity_corrections (study_id, id desc);
