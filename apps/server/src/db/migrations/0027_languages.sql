-- Languages of the clinic-facing pages and the clinics' e-mails (English, French, Spanish).
-- Each clinic has a default; each user may choose their own, and a user who chose none reads in
-- their clinic's language, else English. Structured report content stays in English whatever
-- is chosen here: only the words around it are translated.
alter table clinics
  add column language text not null default 'en' check (language in ('en', 'fr', 'es'));
alter table users
  add column language text check (language in ('en', 'fr', 'es'));
