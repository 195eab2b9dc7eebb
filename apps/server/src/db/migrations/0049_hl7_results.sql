-- Results out as HL7 v2 ORU^R01 over MLLP (ADR 0019): a clinic's HL7 result destinations, and
-- the `hl7` delivery channel that sends each released report version to every enabled one.

-- Where a clinic's RIS or case-management system takes results: its MLLP listener, and who it
-- is in MSH-5 (receiving application) and MSH-6 (receiving facility). One or more per clinic;
-- a disabled one keeps its settings but is sent nothing.
create table clinic_hl7_destinations (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics(id) on delete cascade,
  host text not null check (length(host) between 1 and 253),
  port int not null check (port between 1 and 65535),
  receiving_application text not null check (length(receiving_application) between 1 and 180),
  receiving_facility text not null default '' check (length(receiving_facility) <= 180),
  enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint clinic_hl7_destinations_unique
    unique (clinic_id, host, port, receiving_application, receiving_facility)
);
create index clinic_hl7_destinations_clinic on clinic_hl7_destinations (clinic_id, created_at);

-- The new channel; an hl7 delivery's target is its destination's id, so a corrected host or port
-- applies to the delivery's retries.
alter table deliveries drop constraint deliveries_channel_check;
alter table deliveries add constraint deliveries_channel_check
  check (channel in ('pdf', 'dicom', 'webhook', 'hl7'));
