-- Orders: the CXRs a clinic expects to take, registered before the image (the front desk's
-- form or a day's CSV list). Owned by the orders module. Later work matches them to studies and
-- serves them as a DICOM modality worklist, so the columns keep the DICOM limits: accession
-- number SH (16), patient ID and issuer LO (64), name PN.
create table orders (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics (id),
  accession_number text not null check (length(accession_number) between 1 and 16),
  patient_id text not null check (length(patient_id) between 1 and 64),
  issuer text not null default '' check (length(issuer) <= 64),
  patient_name text not null,
  birth_date date not null,
  sex text not null check (sex in ('M', 'F', 'O')),
  programme text not null,
  views text[] not null check (cardinality(views) >= 1),
  priority text not null,
  note text not null default '',
  -- The clinic's local date (and optional time): what the front desk means by "today".
  scheduled_date date not null,
  scheduled_time time,
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled')),
  source text not null check (source in ('portal', 'csv')),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  cancelled_at timestamptz,
  cancelled_by uuid references users (id),
  cancel_reason text,
  constraint orders_clinic_accession_key unique (clinic_id, accession_number)
);

-- The day's list of a clinic (the portal's form page, the worklist later).
create index orders_clinic_day on orders (clinic_id, scheduled_date, created_at desc);
-- The duplicate-applicant warning: the same ID, or the same name and birth date, at the clinic.
create index orders_clinic_patient on orders (clinic_id, patient_id);
create index orders_clinic_family_birth on orders (clinic_id, lower(split_part(patient_name, '^', 1)), birth_date);
