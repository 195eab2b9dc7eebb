-- Whether the clinic has seen a released report (issue 17): a report nobody at the clinic opened
-- is not yet communicated, whatever its deliveries say. One row per report version and kind of
-- receipt, written on the clinic's real read paths: 'viewed' (the report in the portal, or its
-- PDF opened in the browser) and 'downloaded' (the PDF saved, or the report fetched by the
-- clinic's own system over FHIR). Only clinic-side access writes here: a staff member reading
-- the report does not make it communicated. The first and the latest receipt are kept, with who
-- and how often; every single access stays in the audit trail, which this does not replace.
create table report_receipts (
  report_id uuid not null references reports(id),
  version int not null check (version >= 1),
  kind text not null check (kind in ('viewed', 'downloaded')),
  clinic_id uuid not null references clinics(id),
  first_at timestamptz not null default now(),
  first_user_id uuid references users(id) on delete set null,
  first_by text not null,
  -- How the first and the latest receipt came: the portal page, the PDF, or a FHIR fetch.
  first_via text not null check (first_via in ('portal', 'pdf', 'fhir')),
  last_at timestamptz not null default now(),
  last_user_id uuid references users(id) on delete set null,
  last_by text not null,
  last_via text not null check (last_via in ('portal', 'pdf', 'fhir')),
  times int not null default 1 check (times >= 1),
  primary key (report_id, version, kind)
);
create index report_receipts_clinic on report_receipts (clinic_id, last_at desc);
