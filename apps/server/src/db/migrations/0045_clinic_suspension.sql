-- The status a clinic had when it was suspended, so lifting the suspension from the admin form
-- restores exactly that status and cannot promote the clinic past its onboarding checklist.
-- Null while the clinic is not suspended.
alter table clinics add column status_before_suspension text;
