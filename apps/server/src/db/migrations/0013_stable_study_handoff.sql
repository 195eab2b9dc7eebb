-- Stable study → reading task (issue 16 §1): the reconciliation sweep walks stable studies in
-- (stable_at, id) order, one bounded batch a pass, and probes reading_tasks_study for each.
-- Partial: studies still receiving images are not in it.
create index studies_stable on studies (stable_at, id) where stable_at is not null;
