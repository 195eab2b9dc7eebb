-- SOPs and guidelines: documents in versions, each Markdown or an uploaded PDF, with an effective
-- date, a review-due date and the roles it is for; the acknowledgements of those roles' users;
-- and the review reminders sent to each document's owner. The sops module owns these tables.
create table sop_documents (
  id uuid primary key default gen_random_uuid(),
  -- The short reference staff quote ("SOP-7").
  ref bigint generated always as identity unique,
  title text not null,
  owner_id uuid not null references users(id),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);

-- Uploaded PDFs, by their content key in the object storage; a version names one.
create table sop_files (
  id uuid primary key default gen_random_uuid(),
  storage_key text not null,
  file_name text not null,
  size_bytes bigint not null,
  uploaded_by uuid not null references users(id),
  uploaded_at timestamptz not null default now()
);

-- Versions never change once published; a newer one supersedes the older.
create table sop_versions (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references sop_documents(id) on delete cascade,
  version int not null,
  format text not null check (format in ('markdown', 'pdf')),
  markdown text not null default '',
  file_id uuid references sop_files(id),
  effective_on date not null,
  review_due_on date not null,
  roles text[] not null check (cardinality(roles) > 0),
  change_note text not null default '',
  published_by uuid not null references users(id),
  published_at timestamptz not null default now(),
  superseded_at timestamptz,
  -- Set by the sweep when it told the owner the review is due: once per version.
  review_reminded_at timestamptz,
  unique (document_id, version),
  check (review_due_on > effective_on),
  check ((format = 'markdown') = (file_id is null))
);
create index sop_versions_current on sop_versions (document_id) where superseded_at is null;
create index sop_versions_review on sop_versions (review_due_on)
  where superseded_at is null and review_reminded_at is null;

-- Who opened and who acknowledged which version: a row once the user opens it; acknowledged_at
-- once they confirm they read it.
create table sop_acknowledgements (
  version_id uuid not null references sop_versions(id) on delete cascade,
  user_id uuid not null references users(id),
  opened_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  primary key (version_id, user_id)
);
create index sop_acknowledgements_user on sop_acknowledgements (user_id);
