-- Worklist claims and shifts (issue 4): who is on shift, and the indexes behind the worklist
-- query, the claim-expiry sweep and "next task".

-- Radiologists mark themselves on or off shift; push assignment picks among on-shift readers.
alter table users add column on_shift boolean not null default false;

-- The open worklist is a small, hot slice of a large table: partial indexes keep it small.
-- Ordered by due time (the default sort) within all open tasks...
create index reading_tasks_open_due on reading_tasks (due_at, id)
  where state in ('waiting', 'queued', 'in_progress');
-- ...and within a clinic, for clinic users and the clinic filter.
create index reading_tasks_open_clinic on reading_tasks (clinic_id, due_at)
  where state in ('waiting', 'queued', 'in_progress');
-- The claim-expiry sweep: claims whose last heartbeat is oldest.
create index reading_tasks_claims on reading_tasks (heartbeat_at)
  where state = 'in_progress';
-- The promotion sweep: waiting tasks whose centre opening has come.
create index reading_tasks_waiting on reading_tasks (queued_at)
  where state = 'waiting';
