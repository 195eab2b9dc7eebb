-- A reader's shift has two parts since issue 17. `shift_choice` is the reader's last choice, on or
-- off, kept across sessions and devices. `on_shift` is whether push assignment may hand them tasks
-- now: it follows the choice while the reader is signed in, and drops when their last session
-- ends (sign-out or expiry), so nobody who has left is handed tasks. Signing in again resumes the
-- choice. Until now `on_shift` was both; it carries over as the choice.
alter table users add column shift_choice boolean not null default false;
update users set shift_choice = on_shift;
