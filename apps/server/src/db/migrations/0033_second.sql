-- Second opinions (issue 20 §3). A clinic, or staff of a reading centre, asks a consultant a
-- question about a study. The question is a `second_opinion` task on the consultants' worklist
-- (reading_tasks, with its own SLA due time from the `secondOpinion.sla` setting), which the
-- asker can never take (excluded_reader_id). The answer is a consult note, signed by the
-- consultant; a signed note is never changed or removed.
create table second_opinions (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references studies(id),
  clinic_id uuid not null references clinics(id),
  task_id uuid not null unique references reading_tasks(id),
  requested_by uuid not null references users(id),
  -- Who asked: one of the study's clinic users, or staff of a reading centre.
  asked_by text not null check (asked_by in ('clinic', 'centre')),
  question text not null check (length(question) between 1 and 4000),
  urgent boolean not null default false,
  state text not null default 'open' check (state in ('open', 'answered', 'withdrawn')),
  created_at timestamptz not null default now(),
  due_at timestamptz not null,
  answered_at timestamptz,
  withdrawn_at timestamptz,
  check ((state = 'answered') = (answered_at is not null)),
  check ((state = 'withdrawn') = (withdrawn_at is not null))
);
create index second_opinions_study on second_opinions (study_id, created_at);

-- The consultant's answer: one note per request, written once, at signing.
create table consult_notes (
  id uuid primary key default gen_random_uuid(),
  second_opinion_id uuid not null unique references second_opinions(id),
  text text not null check (length(text) between 1 and 8000),
  signed_by uuid not null references users(id),
  -- The signer's name and credentials as they were at signing (a later rename changes no note).
  signer_name text not null,
  signer_credentials text,
  signed_at timestamptz not null
);

-- A signed note is a clinical record: the database itself refuses to change or remove one.
create function consult_notes_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'a signed consult note cannot be changed or removed'
    using errcode = 'integrity_constraint_violation';
end $$;
create trigger consult_notes_immutable before update or delete on consult_notes
  for each row execute function consult_notes_immutable();

-- A correction after signing is an addendum: signed like the note, kept beside it, and as
-- unchangeable as the note itself.
create table consult_note_addenda (
  id uuid primary key default gen_random_uuid(),
  consult_note_id uuid not null references consult_notes(id),
  text text not null check (length(text) between 1 and 4000),
  signed_by uuid not null references users(id),
  signer_name text not null,
  signer_credentials text,
  signed_at timestamptz not null
);
create index consult_note_addenda_note on consult_note_addenda (consult_note_id, signed_at);
create trigger consult_note_addenda_immutable before update or delete on consult_note_addenda
  for each row execute function consult_notes_immutable();
