-- Peer review (issue 20 §1). A programme is data: a random sample of each radiologist's finalised
-- reads at a percentage, plus targeted cases (abnormal reads, reads that went to a consultant,
-- chosen readers), optionally blind. When a report is first released, the programmes in force
-- decide in that same transaction whether it is reviewed; a chosen read gets one peer review and
-- one peer_review task on the worklist, which its own reader can never claim.
create table peer_review_programmes (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 120),
  active boolean not null default true,
  -- The programme's rule, as `PeerReviewRule` in packages/contracts (peerReview.ts) validates it.
  rule jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id) on delete set null
);

-- The reader a task must never go to: a peer review is a different radiologist's opinion. The
-- worklist refuses the claim, the next-task pick, push assignment and reassignment to this user.
alter table reading_tasks add column excluded_reader_id uuid references users(id);

-- One peer review per finalised report. Scores follow RADPEER 2016 (DOMAIN.md §5).
create table peer_reviews (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references peer_review_programmes(id),
  report_id uuid not null unique references reports(id),
  study_id uuid not null references studies(id),
  clinic_id uuid not null references clinics(id),
  task_id uuid not null unique references reading_tasks(id),
  -- The original reader (the report's signer): whose score this is, and who may not review it.
  reader_id uuid not null references users(id),
  -- Why the read was chosen: the random sample, or the target that picked it.
  reason text not null check (reason in ('random', 'abnormal', 'consultation', 'reader')),
  blind boolean not null,
  reviewer_id uuid references users(id),
  -- A blind reviewer's own impression, recorded before the original report is shown.
  reviewer_impression text,
  reviewer_abnormal boolean,
  blind_read_at timestamptz,
  score text check (score in ('1', '2a', '2b', '3a', '3b')),
  comment text,
  scored_at timestamptz,
  created_at timestamptz not null default now(),
  check ((score is null) = (scored_at is null)),
  check (reviewer_id is distinct from reader_id)
);
create index peer_reviews_reader on peer_reviews (reader_id, scored_at desc);
create index peer_reviews_scored on peer_reviews (scored_at desc) where scored_at is not null;

-- Score 3 or any "b" opens a discrepancy case, settled by a consultant: feedback to the reader,
-- and an addendum to the clinic when the original report must change.
create table discrepancy_cases (
  id uuid primary key default gen_random_uuid(),
  peer_review_id uuid not null unique references peer_reviews(id),
  report_id uuid not null references reports(id),
  study_id uuid not null references studies(id),
  clinic_id uuid not null references clinics(id),
  state text not null default 'open' check (state in ('open', 'closed')),
  opened_at timestamptz not null default now(),
  consultant_id uuid references users(id),
  feedback text,
  -- The report version the addendum released, when the report had to change.
  addendum_version int,
  closed_at timestamptz,
  check ((state = 'closed') = (closed_at is not null))
);
create index discrepancy_cases_open on discrepancy_cases (opened_at) where state = 'open';
