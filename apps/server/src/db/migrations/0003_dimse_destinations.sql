-- Where a clinic's AE can be reached, for C-MOVE (PS3.4 §C.4.2): the archive opens an
-- association to the Move Destination at this host and port. Both stay null for AEs that only
-- send; a C-MOVE to such an AE is refused with 0xA801 (Move Destination unknown).
alter table clinic_ae_titles
  add column host text,
  add column port int check (port between 1 and 65535),
  add constraint clinic_ae_titles_destination check ((host is null) = (port is null));
