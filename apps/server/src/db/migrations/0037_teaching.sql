-- The teaching file: cases a radiologist flags as worth showing, and the viewing sessions QA
-- builds from them. The teaching module owns these tables. A session's cases are de-identified
-- copies (PS3.15 Annex E basic profile, ADR 0030): their objects are stored through the same
-- content-addressed storage, indexed here and not in `instances`, so a teaching case is never a
-- study of any clinic and no archive, QIDO or WADO query finds it.
create table teaching_flags (
  id uuid primary key default gen_random_uuid(),
  study_id uuid not null references studies(id),
  -- The study's clinic, kept for the scope check: a flag names a clinic's study.
  clinic_id uuid not null references clinics(id),
  flagged_by uuid not null references users(id),
  note text not null default '',
  flagged_at timestamptz not null default now(),
  -- A reader flags a study once; flagging again changes the note.
  unique (study_id, flagged_by)
);
create index teaching_flags_recent on teaching_flags (flagged_at desc);

create table teaching_sessions (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  held_on date not null,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index teaching_sessions_held on teaching_sessions (held_on desc, created_at desc);

-- A case of a session: the flag it came from, its place in the session, the presenter's note,
-- and the new Study Instance UID of its de-identified copy.
create table teaching_cases (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references teaching_sessions(id) on delete cascade,
  flag_id uuid not null references teaching_flags(id),
  position int not null check (position >= 1),
  note text not null default '',
  study_uid text not null unique,
  -- Objects left out because their pixels carry burned-in identity (BurnedInAnnotation YES).
  withheld_burned_in int not null default 0,
  unique (session_id, position),
  unique (session_id, flag_id)
);

-- The de-identified objects of a case: what the teaching viewer's metadata and frames read.
create table teaching_instances (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references teaching_cases(id) on delete cascade,
  series_uid text not null,
  sop_uid text not null unique,
  transfer_syntax_uid text not null,
  storage_key text not null,
  size_bytes bigint not null,
  rows int,
  columns int,
  bits_allocated int,
  number_of_frames int not null default 1,
  series_number int,
  instance_number int,
  metadata jsonb not null
);
create index teaching_instances_case on teaching_instances (case_id, series_number, instance_number);
