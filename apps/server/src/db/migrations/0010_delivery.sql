-- Delivery of released reports to the clinic (issue 5, part 5): stored report documents (PDF,
-- DICOM SR, Encapsulated PDF), one delivery row per release, channel and target with its retry
-- state, and an append-only log of every attempt. Reports are never deleted (their versions are
-- append-only), so deliveries name (report_id, version) without a foreign key: migration 0009
-- owns the reports tables, and a delivery log must outlive anything that happens to them.

-- The clinic's webhook: where `report.released` is POSTed, and the HMAC key it is signed with.
-- The key must be readable to sign, so it is stored as is; the API shows it once, on creation
-- or rotation, and never again.
alter table clinics add column webhook_url text;
alter table clinics add column webhook_secret text;
alter table clinics add column webhook_secret_set_at timestamptz;

-- Whether released reports are sent (C-STORE) to this AE when it has a host and port.
alter table clinic_ae_titles add column receives_reports boolean not null default true;

-- Documents produced for one report version, content-addressed in object storage (never in the
-- study index: they must not create reading tasks or show as images to read).
create table report_documents (
  report_id uuid not null,
  version int not null,
  kind text not null check (kind in ('pdf', 'sr', 'encapsulated_pdf')),
  storage_key text not null,
  size_bytes int not null,
  sop_instance_uid text,
  series_instance_uid text,
  created_at timestamptz not null default now(),
  primary key (report_id, version, kind)
);

create table deliveries (
  id uuid primary key default gen_random_uuid(),
  report_id uuid not null,
  version int not null,
  clinic_id uuid not null references clinics(id) on delete cascade,
  channel text not null check (channel in ('pdf', 'dicom', 'webhook')),
  -- What it goes to: 'portal' for the PDF, the AE title for DICOM, the URL for the webhook.
  target text not null,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
  attempts int not null default 0,
  -- Attempts allowed before the delivery is failed; a support retry raises it.
  max_attempts int not null check (max_attempts >= 1),
  last_error text,
  next_attempt_at timestamptz not null default now(),
  delivered_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (report_id, version, channel, target)
);
create index deliveries_due on deliveries (next_attempt_at) where state = 'pending';
create index deliveries_state on deliveries (state, updated_at desc);
create index deliveries_report on deliveries (report_id, version);

create table delivery_attempts (
  id bigserial primary key,
  delivery_id uuid not null references deliveries(id) on delete cascade,
  at timestamptz not null default now(),
  outcome text not null check (outcome in ('delivered', 'failed')),
  error text,
  duration_ms int not null default 0
);
create index delivery_attempts_delivery on delivery_attempts (delivery_id, id desc);
