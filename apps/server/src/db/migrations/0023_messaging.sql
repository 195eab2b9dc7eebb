-- Messaging between clinics and the centre. Each clinic has one channel (study_id null) with its
-- assistants and the centre; each study has its own thread, seen by the clinic, the assistant and
-- the reading radiologist. A thread belongs to its clinic: the scope check maps a thread, a
-- message's attachment and every list to that clinic. Messages are patient data and are never
-- edited or deleted here.
create table message_threads (
  id uuid primary key default gen_random_uuid(),
  clinic_id uuid not null references clinics(id),
  study_id uuid references studies(id),
  created_at timestamptz not null default now(),
  -- The newest message's time, so lists sort without scanning messages.
  last_message_at timestamptz
);
create unique index message_threads_channel on message_threads (clinic_id) where study_id is null;
create unique index message_threads_study on message_threads (study_id) where study_id is not null;
create index message_threads_clinic_recent on message_threads (clinic_id, last_message_at desc);

-- One message. `side` is who speaks: the clinic, the centre (assistants, readers, admin), or the
-- system (a retake or critical-result notice posted by another feature); a system message has no
-- author.
create table messages (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references message_threads(id),
  author_id uuid references users(id) on delete set null,
  author_name text not null,
  side text not null check (side in ('clinic', 'centre', 'system')),
  body text not null check (length(body) <= 4000),
  created_at timestamptz not null default now(),
  check (side <> 'system' or author_id is null)
);
create index messages_thread_created on messages (thread_id, created_at);

-- A file sent with a message: the bytes are an object of the storage interface (content-addressed,
-- `storage_key`), the type is what the bytes are (sniffed), never what the browser declared. An
-- attachment is uploaded first (message_id null, its uploader's only) and joins the message that
-- is then sent with it.
create table message_attachments (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references message_threads(id),
  message_id uuid references messages(id),
  uploader_id uuid not null references users(id),
  storage_key text not null,
  file_name text not null,
  content_type text not null check (content_type in ('image/png', 'image/jpeg', 'application/pdf')),
  size_bytes int not null check (size_bytes > 0),
  created_at timestamptz not null default now()
);
create index message_attachments_message on message_attachments (message_id);

-- How far each person has read each thread: unread counts and read receipts ("Seen by Amina
-- 10:42"). `side` is the reader's, so the desk can tell a message no centre person has read.
create table message_reads (
  thread_id uuid not null references message_threads(id),
  user_id uuid not null references users(id) on delete cascade,
  side text not null check (side in ('clinic', 'centre')),
  read_at timestamptz not null,
  primary key (thread_id, user_id)
);

-- Ready-made wording for common requests, edited by the assistant lead (ADR 0015).
create table message_templates (
  id uuid primary key default gen_random_uuid(),
  title text not null check (length(title) between 1 and 80),
  body text not null check (length(body) between 1 and 4000),
  position int not null default 0,
  updated_at timestamptz not null default now(),
  updated_by uuid references users(id) on delete set null
);

insert into message_templates (title, body, position) values
  ('Resend: wrong patient ID',
   'The images arrived with a patient ID that does not match the applicant. Please correct the ID and send the images again.', 1),
  ('Resend: missing patient ID',
   'The images arrived without the applicant''s ID. Please enter the ID on the X-ray machine and send them again.', 2),
  ('Retake: image quality',
   'The image cannot be read as it is (exposure, positioning or motion). Please take the view again and send it.', 3),
  ('Extra view requested',
   'The radiologist asks for an extra view of this applicant. Please take it and send it with the same applicant ID.', 4),
  ('Clinical note, please',
   'Please add a clinical note for the reader: symptoms, history, and any prior TB treatment.', 5),
  ('Report on its way',
   'Thank you. The reading is in progress and the report will be released before its due time.', 6);
