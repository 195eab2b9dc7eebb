-- The capacity planner counts primary reads created per clinic and hour over its history window
-- (8 weeks by default). Without this index that count reads every task ever made; with it, the
-- window's rows only, whatever the age of the archive.
create index reading_tasks_arrivals on reading_tasks (created_at, clinic_id)
  where type = 'primary_read';
