-- E-mail notifications per channel, and the daily digest for clinic managers.

-- A clinic manager: a clinic user who answers for one clinic's work and receives its daily
-- digest. It is a property of the membership, not a role: a user may manage one of their
-- clinics and only work at another, and a manager sees nothing a member does not already see.
alter table user_clinics add column manager boolean not null default false;

-- Each notification kind is switched on or off per channel: 'app' (the bell, pushed live) and
-- 'email'. A row written before this migration switched both channels at once, so it becomes
-- one row per channel. The daily digest is the kind 'digest.daily' on the 'email' channel.
alter table notification_preferences add column channel text not null default 'app'
  check (channel in ('app', 'email'));
insert into notification_preferences (user_id, kind, enabled, updated_at, channel)
  select user_id, kind, enabled, updated_at, 'email' from notification_preferences;
alter table notification_preferences drop constraint notification_preferences_pkey;
alter table notification_preferences add primary key (user_id, kind, channel);
alter table notification_preferences alter column channel drop default;

-- A notification whose user turned the bell off for its kind but kept e-mail is still recorded
-- (its dedupe key holds, its e-mail names it) but is neither listed nor pushed.
alter table notifications add column in_app boolean not null default true;

-- One row per manager and local day whose digest was queued: the primary key makes the digest
-- exactly once per manager per day in their time zone, whatever the number of sweeps, processes
-- or restarts. The e-mail job is inserted in the same transaction as the row.
create table digest_sends (
  user_id uuid not null references users(id) on delete cascade,
  -- The manager's calendar day on which it was sent; the digest covers the day before.
  local_date date not null,
  time_zone text not null,
  clinic_ids uuid[] not null,
  queued_at timestamptz not null default now(),
  primary key (user_id, local_date)
);
