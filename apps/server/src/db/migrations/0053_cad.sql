-- Computer-aided detection (docs/adr/0027): CAD product versions as data, the results they send
-- (webhook, DICOM SR, the centre's runner), and the thresholds QA sets per product version and
-- programme, each change a new row. A CAD integration acts through its own service account.

alter table users drop constraint users_service_check;
alter table users add constraint users_service_check check (service in ('gateway', 'cad'));

alter table routing_decisions drop constraint routing_decisions_decision_check;
alter table routing_decisions add constraint routing_decisions_decision_check
  check (decision in ('home_open', 'follow_the_sun', 'wait_for_opening', 'pinned', 'rerouted',
                      'read_now', 'cad_triage'));

-- One exact version of a CAD product: a score means something only for its version.
create table cad_products (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  vendor text not null,
  version text not null,
  score_min double precision not null,
  score_max double precision not null,
  higher_is_abnormal boolean not null default true,
  -- [{ code, meaning }]: what the product answers instead of a score (CAD4TB -1, -2, -3).
  error_codes jsonb not null default '[]',
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  check (score_min < score_max),
  unique (name, version)
);

-- A CAD's integration: its service account, and who set it up. Its clinic scope is the
-- account's clinic memberships.
create table cad_integrations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  service_user_id uuid not null unique references users(id),
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now()
);

create table cad_results (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references studies(id) on delete cascade,
  clinic_id uuid not null references clinics(id),
  sop_instance_uid text,
  product_id uuid not null references cad_products(id),
  -- The idempotency key: the CAD's own result id, or 'image:<SOP UID>' / 'study' without one.
  result_key text not null,
  score double precision,
  error_code integer,
  labels jsonb not null default '[]',
  heatmap_sop_instance_uid text,
  source text not null check (source in ('webhook', 'dicom_sr', 'runner')),
  received_by uuid references users(id) on delete set null,
  received_at timestamptz not null default now(),
  check ((score is null) <> (error_code is null)),
  unique (study_id, product_id, result_key)
);
-- The worklist's latest result per study.
create index cad_results_study on cad_results (study_id, received_at desc);

-- Thresholds per product version and programme, versioned: the one in force is the latest
-- already effective. Rows are never updated.
create table cad_thresholds (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references cad_products(id),
  programme text not null,
  operating_threshold double precision not null,
  triage_threshold double precision not null,
  note text not null default '',
  effective_from timestamptz not null default now(),
  set_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now()
);
create index cad_thresholds_current on cad_thresholds (product_id, programme, effective_from desc);
