-- CAD objects in by DICOM (docs/adr/0041): the calling AE titles a CAD integration sends from,
-- and which stored instances are CAD objects (a Chest CAD or Comprehensive SR, a heatmap
-- Secondary Capture or GSPS), linked to the study they describe and to the result they gave.
-- Such an instance is stored through the one ingest path but is never an image to read.

-- One AE title names one CAD: an object from it must be attributable to one integration.
create table cad_integration_ae_titles (
  ae_title text primary key check (ae_title = upper(trim(ae_title)) and length(ae_title) between 1 and 16),
  integration_id uuid not null references cad_integrations(id) on delete cascade
);

create table cad_objects (
  id uuid primary key default gen_random_uuid(),
  instance_id uuid not null unique references instances(id) on delete cascade,
  sop_instance_uid text not null,
  sop_class_uid text not null,
  integration_id uuid not null references cad_integrations(id),
  -- The study the object describes (its own, or the one its SR evidence names).
  study_id uuid not null references studies(id) on delete cascade,
  clinic_id uuid not null references clinics(id),
  kind text not null check (kind in ('sr', 'heatmap')),
  -- What reading it gave: a result, a heatmap (linked or waiting for its SR), or why none.
  outcome text not null check (outcome in ('result', 'heatmap', 'unknown_version', 'unreadable')),
  reason text not null default '',
  result_id uuid references cad_results(id) on delete set null,
  received_at timestamptz not null default now()
);
create index cad_objects_study on cad_objects (study_id, kind);
