-- HL7 v2 orders in over MLLP (modules/hl7, docs/adr/0039): the systems that may send a clinic's
-- orders, named as they name themselves in MSH-3 (sending application) and MSH-4 (sending
-- facility). A sender belongs to exactly one clinic, so a message identifies its clinic the way a
-- calling AE title does on the DICOM port.
create table clinic_hl7_senders (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics (id) on delete cascade,
  sending_application text not null check (length(sending_application) between 1 and 227),
  sending_facility text not null check (length(sending_facility) between 0 and 227),
  -- Addresses the sender may connect from; empty: any address.
  allowed_networks cidr[] not null default '{}',
  position int not null default 0,
  created_at timestamptz not null default now()
);
create unique index clinic_hl7_senders_key on clinic_hl7_senders (sending_application, sending_facility);
create index clinic_hl7_senders_clinic on clinic_hl7_senders (clinic_id);

-- Refusals at the MLLP door are recorded with the others (modules/monitor).
alter table inbound_refusals drop constraint inbound_refusals_door_check;
alter table inbound_refusals add constraint inbound_refusals_door_check
  check (door in ('dimse', 'stow', 'upload', 'gateway', 'hl7'));
