-- Support's clinic page lists one clinic's report deliveries and counts them by state. Without
-- this index each visit read every delivery of every clinic; with it the counts are an
-- index-only scan of the clinic's rows (16 ms for 10,000 deliveries, 1,000,000 in all).
create index deliveries_clinic on deliveries (clinic_id, state, updated_at desc);

-- The last object each clinic sent (support's clinic directory and page): the newest
-- last_received_at of the clinic's studies, one index probe per clinic (95 clinics: 7 ms on
-- 1,000,000 studies). last_received_at is already indexed (studies_received), so study updates
-- were not HOT before this index either.
create index studies_clinic_last_received on studies (clinic_id, last_received_at desc);
