-- Incident management: what went wrong (an outage, a lost transmission, a reporting error…), how
-- bad, which studies and clinics it touched, who owns it, and its way from open to closed. The
-- incidents module owns these tables. Every change and comment is a timeline entry; a closed
-- incident publishes its lesson to the knowledge base, searched with PostgreSQL full-text search.
create table incidents (
  id uuid primary key default gen_random_uuid(),
  -- The short reference staff say aloud ("INC-12").
  ref bigint generated always as identity unique,
  type text not null,
  severity text not null,
  title text not null,
  description text not null default '',
  state text not null default 'open'
    check (state in ('open', 'investigating', 'resolved', 'closed')),
  owner_id uuid references users(id),
  reported_by uuid not null references users(id),
  reported_at timestamptz not null default now(),
  root_cause text,
  resolved_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null default now(),
  check (state not in ('resolved', 'closed') or root_cause is not null)
);
create index incidents_state on incidents (state, reported_at desc);

-- The studies and clinics an incident is about. A study link carries its study's clinic, so the
-- incident's clinics (its scope) are this table's clinic ids.
create table incident_links (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents(id) on delete cascade,
  clinic_id uuid not null references clinics(id),
  study_id uuid references studies(id)
);
create unique index incident_links_once
  on incident_links (incident_id, clinic_id, coalesce(study_id, '00000000-0000-0000-0000-000000000000'));
create index incident_links_study on incident_links (study_id) where study_id is not null;

-- The timeline: every change and comment, in order, with who made it.
create table incident_events (
  id bigint generated always as identity primary key,
  incident_id uuid not null references incidents(id) on delete cascade,
  at timestamptz not null default now(),
  actor_id uuid references users(id),
  actor_name text not null,
  kind text not null,
  body text not null default '',
  details jsonb not null default '{}'
);
create index incident_events_incident on incident_events (incident_id, id);

-- Corrective and preventive actions, each with an owner and a due date.
create table incident_actions (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents(id) on delete cascade,
  kind text not null check (kind in ('corrective', 'preventive')),
  description text not null,
  owner_id uuid not null references users(id),
  due_on date not null,
  done_at timestamptz,
  created_at timestamptz not null default now()
);
create index incident_actions_incident on incident_actions (incident_id, created_at);

-- The knowledge base: one lesson per closed incident, found by full-text search. A lesson is
-- written for every reader on staff and names no patient.
create table incident_lessons (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null unique references incidents(id),
  title text not null,
  body text not null,
  published_at timestamptz not null default now(),
  published_by uuid references users(id),
  search tsvector generated always as (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
  ) stored
);
create index incident_lessons_search on incident_lessons using gin (search);
