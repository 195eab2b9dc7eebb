-- What a clinic asks of the reader for one study, from the clinic portal: a clinical note
-- (symptoms, history, prior TB treatment) shown in the reading screen's header, and the
-- receiving programme when the clinic serves several (it decides the report form the reader
-- gets, until the read starts). One row per study, created by the first of either. Owned by
-- the portal module; the reports module reads the programme through it.
create table study_requests (
  study_id uuid primary key references studies(id) on delete cascade,
  clinic_id uuid not null references clinics(id),
  clinical_note text check (clinical_note is null or length(clinical_note) between 1 and 2000),
  note_updated_at timestamptz,
  note_updated_by uuid references users(id),
  programme text check (programme in ('US', 'UK', 'CA', 'AUNZ', 'JP', 'GENERAL')),
  programme_set_at timestamptz,
  programme_set_by uuid references users(id)
);

-- Why a task's priority last changed (a clinic marking a study urgent says why); the reader
-- sees it on the worklist and the reading screen. Owned by the worklist module, like the task.
alter table reading_tasks add column priority_reason text
  check (priority_reason is null or length(priority_reason) between 1 and 500);

-- The clinic portal lists a clinic's studies by the day they arrived, newest first.
create index studies_clinic_arrival on studies (clinic_id, first_received_at desc);
