-- Orders meet the images: matching arriving studies to orders, the DICOM modality worklist
-- (PS3.4 Annex K), and orders from HL7 v2, FHIR and the clinic's gateway.

-- An order is scheduled, matched to the study that answers it, or cancelled.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check
  check (status in ('scheduled', 'matched', 'cancelled'));
alter table orders drop constraint orders_source_check;
alter table orders add constraint orders_source_check
  check (source in ('portal', 'csv', 'hl7', 'fhir', 'gateway'));

-- What the worklist tells the X-ray unit: the modality (a CXR unit is CR or DX), the unit that
-- should take it (null: any of the clinic's units) and the Study Instance UID to use, so the
-- image names the order even before its accession number is read.
alter table orders add column modality text not null default 'DX' check (modality in ('CR', 'DX'));
alter table orders add column station_ae_title text check (length(station_ae_title) between 1 and 16);
alter table orders add column study_instance_uid text;
-- Existing orders get a UUID-derived UID (PS3.5 B.2, `2.25.` and the UUID as a decimal integer).
update orders set study_instance_uid = '2.25.' || (
    (('x' || substr(h, 1, 8))::bit(32)::bigint::numeric * 4294967296 * 4294967296 * 4294967296)
  + (('x' || substr(h, 9, 8))::bit(32)::bigint::numeric * 4294967296 * 4294967296)
  + (('x' || substr(h, 17, 8))::bit(32)::bigint::numeric * 4294967296)
  + (('x' || substr(h, 25, 8))::bit(32)::bigint::numeric))::text
from (select id as oid, md5(id::text) as h from orders) x where x.oid = orders.id;
alter table orders alter column study_instance_uid set not null;
alter table orders add constraint orders_study_instance_uid_key unique (study_instance_uid);

-- The order's identifier in the system it came from (HL7 placer order number, FHIR
-- ServiceRequest identifier, the gateway's local id): a re-sent order is recognised, not doubled.
alter table orders add column external_id text check (length(external_id) between 1 and 200);
create unique index orders_external_key on orders (clinic_id, source, external_id)
  where external_id is not null;

-- The study that answers the order, how it was matched, and by whom when by hand.
alter table orders add column study_id uuid references studies (id);
alter table orders add column matched_at timestamptz;
alter table orders add column matched_by uuid references users (id);
alter table orders add column match_method text
  check (match_method in ('accession', 'patient_date', 'manual'));
alter table orders add constraint orders_matched_shape check (
  (status = 'matched') = (study_id is not null and matched_at is not null and match_method is not null));
-- A study answers at most one order.
create unique index orders_study_key on orders (study_id) where study_id is not null;
-- The modality worklist and the desk's overdue list: a clinic's scheduled orders by day.
create index orders_clinic_scheduled on orders (clinic_id, scheduled_date) where status = 'scheduled';

-- Every attempt to match an arriving study, and its outcome: a match (by accession number, by
-- applicant ID and date, or by hand), or why none was made. Append-only.
create table order_match_events (
  id bigint generated always as identity primary key,
  study_id uuid not null references studies (id) on delete cascade,
  clinic_id uuid not null references clinics (id),
  order_id uuid references orders (id),
  outcome text not null check (outcome in ('matched', 'no_order', 'ambiguous', 'conflict', 'unmatched')),
  method text check (method in ('accession', 'patient_date', 'manual')),
  details jsonb not null default '{}',
  actor_id uuid references users (id),
  at timestamptz not null default now(),
  check ((outcome = 'matched') = (order_id is not null and method is not null))
);
create index order_match_events_study on order_match_events (study_id, at desc);
create index order_match_events_clinic on order_match_events (clinic_id, at desc);

-- Whether a clinic registers its applicants first: 'none' (no matching), 'match' (match when an
-- order exists; an image without one is read all the same and listed for the desk) or
-- 'require' (an image without an order waits off the worklist until matched by hand).
alter table clinics add column order_policy text not null default 'none'
  check (order_policy in ('none', 'match', 'require'));
