-- Foundation: organisation, accounts, sessions, tokens, settings, audit trail.

create table centres (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  time_zone text not null,
  weekly_hours jsonb not null default '[]',
  exceptions jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table clinics (
  id uuid primary key default gen_random_uuid(),
  code text not null,
  name text not null,
  country char(2) not null,
  time_zone text not null,
  home_centre_id uuid not null references centres(id),
  programmes text[] not null,
  status text not null check (status in ('onboarding', 'pilot', 'live', 'suspended')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index clinics_code_key on clinics (code);

-- A calling AE title belongs to exactly one clinic, so an association identifies its clinic.
create table clinic_ae_titles (
  ae_title text primary key,
  clinic_id uuid not null references clinics(id) on delete cascade,
  allowed_networks cidr[] not null default '{}',
  position int not null default 0
);
create index clinic_ae_titles_clinic on clinic_ae_titles (clinic_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique,
  display_name text not null,
  email text,
  credentials text,
  roles text[] not null,
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  active boolean not null default true,
  failed_logins int not null default 0,
  locked_until timestamptz,
  mfa_enabled boolean not null default false,
  mfa_secret text,
  mfa_pending_secret text,
  mfa_last_step bigint,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table user_clinics (
  user_id uuid not null references users(id) on delete cascade,
  clinic_id uuid not null references clinics(id) on delete cascade,
  primary key (user_id, clinic_id)
);
create index user_clinics_clinic on user_clinics (clinic_id);

create table clinic_assistants (
  clinic_id uuid not null references clinics(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  primary key (clinic_id, user_id)
);

create table mfa_recovery_codes (
  id bigserial primary key,
  user_id uuid not null references users(id) on delete cascade,
  code_hash text not null,
  used_at timestamptz
);
create index mfa_recovery_codes_user on mfa_recovery_codes (user_id);

-- Only a hash of the session id is stored: a database leak does not hand out live sessions.
create table sessions (
  id_hash text primary key,
  user_id uuid not null references users(id) on delete cascade,
  stage text not null check (stage in ('active', 'mfa_required', 'mfa_enrollment_required')),
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  name text not null,
  prefix text not null,
  secret_hash text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table audit_events (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_name text,
  action text not null,
  resource_type text,
  resource_id text,
  clinic_id uuid,
  outcome text not null check (outcome in ('success', 'denied', 'failure')),
  ip text,
  request_id text,
  details jsonb not null default '{}'
);
create index audit_events_at on audit_events (at desc);
create index audit_events_actor on audit_events (actor_name, id desc);
create index audit_events_action on audit_events (action, id desc);
create index audit_events_resource on audit_events (resource_id, id desc);
create index audit_events_clinic on audit_events (clinic_id, id desc);

-- The audit trail is append-only: no update, delete or truncate, whoever asks.
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end $$;
create trigger audit_events_no_change before update or delete on audit_events
  for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_append_only();
