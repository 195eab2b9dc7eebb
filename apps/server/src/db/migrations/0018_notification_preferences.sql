-- Notifications now reach consultants, clinics, assistants and support for workflow events, and
-- each user can turn each kind off.

-- Where a notification leads in the web app (a path such as /reports?report=…), resolved from
-- its kind's link template when it was created.
alter table notifications add column link text;

-- A user's own switch per notification kind. No row: the kind's default from the catalogue
-- (packages/contracts notifications.ts). E-mail follows the same switch.
create table notification_preferences (
  user_id uuid not null references users(id) on delete cascade,
  kind text not null,
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, kind)
);
