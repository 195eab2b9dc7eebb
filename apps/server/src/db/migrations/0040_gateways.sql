-- Clinic edge gateways (docs/adr/0033). A gateway is created by support with a one-time
-- enrolment code (only its SHA-256 is kept), enrols once with it and then acts through its own
-- service account: a `users` row marked `service = 'gateway'`, member of its clinic only, with no
-- role, no usable password and API tokens only.
alter table users add column service text check (service in ('gateway'));

create table gateways (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics(id) on delete cascade,
  -- Support's label, then the host name the gateway reported at enrolment.
  name text not null,
  host_name text,
  version text,
  service_user_id uuid unique references users(id),
  enrol_code_hash text,
  enrol_code_expires_at timestamptz,
  -- Set when the code is used: a second use is told apart from an unknown code.
  enrol_code_used_at timestamptz,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  enrolled_at timestamptz,
  revoked_at timestamptz,
  last_heartbeat_at timestamptz
);
create unique index gateways_enrol_code on gateways (enrol_code_hash) where enrol_code_hash is not null;
create index gateways_clinic on gateways (clinic_id, created_at);

-- One row a minute per gateway, kept 30 days at full resolution and pruned by the gateways'
-- sweep (about 4 M rows a month for 95 clinics: the two indexes serve every read).
create table gateway_heartbeats (
  id bigint generated always as identity primary key,
  gateway_id uuid not null references gateways(id) on delete cascade,
  clinic_id uuid not null references clinics(id) on delete cascade,
  received_at timestamptz not null default now(),
  version text not null,
  queue_depth integer not null,
  queue_bytes bigint not null,
  oldest_item_at timestamptz,
  last_success_at timestamptz,
  free_disk_bytes bigint not null,
  errors jsonb not null default '[]',
  error_count integer not null,
  sent_instances integer not null,
  sent_bytes bigint not null,
  link_kbps double precision,
  compression_saved_bytes bigint not null
);
create index gateway_heartbeats_gateway on gateway_heartbeats (gateway_id, received_at desc);
create index gateway_heartbeats_clinic on gateway_heartbeats (clinic_id, received_at);
create index gateway_heartbeats_received on gateway_heartbeats (received_at);
