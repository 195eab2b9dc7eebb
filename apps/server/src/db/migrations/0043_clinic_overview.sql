-- Support's clinic page lists one clinic's report deliveries, failed first then latest, and counts
-- them by state. Without this index each visit read every delivery of every clinic.
create index deliveries_clinic on deliveries (clinic_id, updated_at desc);

-- The last object each clinic sent (support's clinic directory and page): the newest
-- last_received_at of the clinic's studies, one index probe per clinic. last_received_at is
-- already indexed (studies_received), so study updates were not HOT before this index either.
create index studies_clinic_last_received on studies (clinic_id, last_received_at desc);
