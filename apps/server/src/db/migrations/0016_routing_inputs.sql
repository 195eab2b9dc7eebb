-- Waiting tasks follow the hours and rules that route them (issue 17).
--
-- 1. Routing inputs carry a change counter. Any write to what routing reads (a centre's time
--    zone, weekly hours or exceptions, a centre added or removed, a clinic's home centre or
--    programmes, the `worklist.routing` setting) bumps `generation` in the writer's own
--    transaction, by trigger, so no writer can change them unseen. The service that writes them
--    re-evaluates the waiting tasks in that same transaction and records `evaluated_generation`;
--    the task sweep re-evaluates whenever the two differ (a writer that went round the
--    services: SQL by hand, a seed, a future editor), so a missed hand-off is repaired.
create table routing_inputs (
  id boolean primary key default true check (id),
  generation bigint not null default 0,
  evaluated_generation bigint not null default 0,
  changed_at timestamptz not null default now()
);
insert into routing_inputs (id) values (true);

create function routing_inputs_changed() returns trigger language plpgsql as $$
begin
  update routing_inputs set generation = generation + 1, changed_at = now();
  return null;
end
$$;

create trigger centres_routing_inputs
  after insert or delete or update of time_zone, weekly_hours, exceptions on centres
  for each statement execute function routing_inputs_changed();
create trigger clinics_routing_inputs
  after update of home_centre_id, programmes on clinics
  for each statement execute function routing_inputs_changed();
create trigger settings_routing_inputs_write
  after insert or update on settings
  for each row when (new.key = 'worklist.routing')
  execute function routing_inputs_changed();
create trigger settings_routing_inputs_delete
  after delete on settings
  for each row when (old.key = 'worklist.routing')
  execute function routing_inputs_changed();

-- 2. "Read now": a reader takes a waiting task before its centre opens, with a reason. It is a
--    routing decision of its own.
alter table routing_decisions drop constraint routing_decisions_decision_check;
alter table routing_decisions add constraint routing_decisions_decision_check
  check (decision in ('home_open', 'follow_the_sun', 'wait_for_opening', 'pinned', 'rerouted',
                      'read_now'));
