-- Whom the centre calls at a clinic: the assistant's desk shows each contact as telephone and
-- e-mail links. Kept in the clinic's own order (position); replaced as a list by the clinic form.
-- Contacts are staff of the clinic, not patient data.
create table clinic_contacts (
  clinic_id uuid not null references clinics(id) on delete cascade,
  position int not null check (position >= 0),
  name text not null check (length(name) between 1 and 120),
  role text not null default '',
  phone text,
  email text,
  preferred_hours text not null default '',
  primary key (clinic_id, position)
);

