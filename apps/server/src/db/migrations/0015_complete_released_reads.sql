-- Release and task completion commit together since issue 16. Before, a release committed first
-- and its tasks were completed after, so a failure in between left a released report whose read
-- (and the consultation that settled it) stayed open for ever. Complete those tasks as of the
-- report's release. Raw turnaround is stored; service-hours turnaround needs the centre's hours
-- in code and stays null, as for any task completed without a queue time.
update reading_tasks t
set state = 'completed',
    completed_at = r.released_at,
    heartbeat_at = null,
    turnaround_minutes = case
      when t.queued_at is null then null
      else round((greatest(0, extract(epoch from (r.released_at - t.queued_at))) / 60)::numeric, 2)
    end
from reports r
where r.state = 'final'
  and r.released_at is not null
  and t.state in ('queued', 'in_progress')
  and (t.id = r.task_id or (t.type = 'consultation' and t.parent_task_id = r.task_id));
