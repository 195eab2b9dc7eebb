-- Onboarding of a new clinic (docs/adr/0035). The checklist is data (packages/contracts
-- onboarding.ts); these tables hold each clinic's state of it, owned by modules/onboarding. The
-- clinic's status itself stays the clinics module's, changed through its service.
create table onboarding_steps (
  clinic_id uuid not null references clinics(id) on delete cascade,
  step_key text not null check (length(step_key) between 1 and 60),
  status text not null default 'todo' check (status in ('todo', 'done', 'not_applicable')),
  owner_id uuid references users(id) on delete set null,
  due_on date,
  done_on date,
  note text not null default '' check (length(note) <= 2000),
  -- Who ticked (or un-ticked) it last, and when: for the go-live step, the person who signed off.
  ticked_by uuid references users(id) on delete set null,
  ticked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (clinic_id, step_key),
  check ((status = 'todo') = (done_on is null))
);

-- Who at the clinic was trained, on what, by whom and when.
create table onboarding_training (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics(id) on delete cascade,
  trainee text not null check (length(trainee) between 1 and 120),
  trainee_user_id uuid references users(id) on delete set null,
  topics text[] not null check (cardinality(topics) > 0),
  trained_on date not null,
  trainer_id uuid not null references users(id),
  note text not null default '' check (length(note) <= 2000),
  created_at timestamptz not null default now()
);
create index onboarding_training_clinic on onboarding_training (clinic_id, trained_on);

-- A report released while its clinic was in pilot stays a pilot report: its PDF, SR and portal
-- view say PILOT whatever the clinic's status later becomes. Written by the reports module in
-- the releasing transaction.
alter table reports add column pilot boolean not null default false;

-- Every pilot report is second-read through peer review, under one built-in programme that the
-- pilot rule chooses whatever programmes QA has in force; it is inactive, so ordinary sampling
-- never draws on it.
alter table peer_reviews drop constraint peer_reviews_reason_check;
alter table peer_reviews add constraint peer_reviews_reason_check
  check (reason in ('random', 'abnormal', 'consultation', 'reader', 'pilot'));
insert into peer_review_programmes (id, name, active, rule)
values (
  '00000000-0000-4000-8000-000000000042',
  'Pilot clinics: second read of every report',
  false,
  '{"samplePercent": 0, "targets": {"abnormal": false, "consultation": false, "readerIds": []}, "blind": false}'
);
