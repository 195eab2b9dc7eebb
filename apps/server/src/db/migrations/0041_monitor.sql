-- The network monitor (modules/monitor, docs/adr/0034): refusals at the doors, the last study
-- received per clinic and door, clinics' working hours, and the alerts raised on them.

-- Every refused association or object, by door. Identical refusals (same door, remote address,
-- calling AE and reason) within one minute are one row with a count, so a peer retrying
-- thousands of times a minute adds one row a minute, not thousands.
create table inbound_refusals (
  id bigserial primary key,
  door text not null check (door in ('dimse', 'stow', 'upload', 'gateway')),
  kind text not null check (kind in ('association', 'object')),
  clinic_id uuid references clinics(id) on delete cascade,
  calling_ae text not null default '',
  remote_address text not null default '',
  user_id uuid references users(id) on delete set null,
  code text not null,
  message text not null,
  minute timestamptz not null,
  first_at timestamptz not null,
  last_at timestamptz not null,
  count int not null default 1
);
create unique index inbound_refusals_coalesce
  on inbound_refusals (door, remote_address, calling_ae, code, minute);
create index inbound_refusals_recent on inbound_refusals (last_at desc, id desc);
create index inbound_refusals_clinic on inbound_refusals (clinic_id, last_at desc);

-- The last study received per clinic and door: one small row each, kept by ingest's arrival
-- hook, so the monitor never scans instances.
create table clinic_last_received (
  clinic_id uuid not null references clinics(id) on delete cascade,
  door text not null check (door in ('dimse', 'stow', 'upload', 'gateway')),
  received_at timestamptz not null,
  study_uid text not null,
  calling_ae text,
  primary key (clinic_id, door)
);

-- A clinic's working week in its own time zone; no row = the default week (contracts).
create table clinic_working_hours (
  clinic_id uuid primary key references clinics(id) on delete cascade,
  weekly_hours jsonb not null,
  updated_at timestamptz not null default now()
);

-- Alerts: at most one open alert per clinic and kind (the unique index is what makes two
-- sweepers raise it once).
create table network_alerts (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics(id) on delete cascade,
  kind text not null check (kind in ('silent', 'queue')),
  detail text not null,
  raised_at timestamptz not null,
  cleared_at timestamptz
);
create unique index network_alerts_open on network_alerts (clinic_id, kind) where cleared_at is null;
create index network_alerts_clinic on network_alerts (clinic_id, raised_at desc);
