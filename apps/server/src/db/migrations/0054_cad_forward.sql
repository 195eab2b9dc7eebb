-- Forwarding stable chest X-rays to a CAD (docs/adr/0040): where an integration's CAD takes
-- images (C-STORE to its AE, or STOW-RS to its URL), and one row per image and integration that
-- tracks its sending: retried with backoff, and never sent again once acknowledged.

-- At most one target per integration. The credential must be readable to send, so it is stored
-- as is (as the clinic webhook's secret is, migration 0010); the API never answers it.
create table cad_forward_targets (
  integration_id uuid primary key references cad_integrations(id) on delete cascade,
  protocol text not null check (protocol in ('dimse', 'stow')),
  ae_title text check (length(ae_title) between 1 and 16),
  host text check (length(host) between 1 and 253),
  port int check (port between 1 and 65535),
  url text check (length(url) between 1 and 2000),
  auth text not null default 'none' check (auth in ('none', 'bearer', 'basic')),
  credential text,
  enabled boolean not null default true,
  set_by uuid references users(id) on delete set null,
  updated_at timestamptz not null default now(),
  check (protocol <> 'dimse' or (ae_title is not null and host is not null and port is not null)),
  check (protocol <> 'stow' or url is not null),
  check ((auth = 'none') = (credential is null))
);

-- One image of one study to one integration's CAD: the exactly-once record. A row once `sent`
-- is never attempted again; a re-planned study adds rows only for images it did not have.
create table cad_forwards (
  id uuid primary key default gen_random_uuid(),
  integration_id uuid not null references cad_integrations(id) on delete cascade,
  study_id uuid not null references studies(id) on delete cascade,
  clinic_id uuid not null references clinics(id) on delete cascade,
  sop_instance_uid text not null,
  state text not null default 'pending' check (state in ('pending', 'sent', 'failed')),
  attempts int not null default 0,
  max_attempts int not null check (max_attempts >= 1),
  last_error text,
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (integration_id, study_id, sop_instance_uid)
);
create index cad_forwards_due on cad_forwards (next_attempt_at) where state = 'pending';
create index cad_forwards_integration on cad_forwards (integration_id, updated_at desc);
