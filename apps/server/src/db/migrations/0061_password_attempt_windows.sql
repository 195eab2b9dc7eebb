-- Password verifications counted per address and username across every node (docs/adr/0047):
-- one row per key with its current fixed window, raised by one upsert that returns the count, so
-- two nodes taking turns at a guesser's attempts share one limit. The key is a SHA-256 of
-- address and username: a password typed into the username field is never stored.
create table password_attempt_windows (
  key_hash text primary key,
  window_start timestamptz not null,
  attempts integer not null check (attempts > 0)
);

-- The purge drops spent windows (a spray of usernames leaves one row each until then).
create index password_attempt_windows_start on password_attempt_windows (window_start);
