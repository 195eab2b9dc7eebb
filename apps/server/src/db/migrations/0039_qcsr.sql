-- A clinic's SR that cannot be taken as its own read (docs/adr/0025) is kept as sent and its
-- study flagged for the assistant with the reason, never silently dropped.
alter table study_flags drop constraint study_flags_code_check;
alter table study_flags add constraint study_flags_code_check
  check (code in ('patient_id_missing', 'patient_name_missing', 'iod_deviation', 'no_pixel_data',
                  'new_version', 'clinic_sr_unread'));
