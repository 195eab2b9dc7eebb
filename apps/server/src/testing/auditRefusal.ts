import { sql } from 'kysely';
import type { Db } from '../platform/db';

/**
 * Makes a test database refuse audit events of chosen actions, as a full disk or a lost
 * connection would: a trigger on `audit_events` raises for every action listed in
 * `audit_refused`. Returns the calls that list and clear those actions. Tests of the audit's
 * fail-closed rule use it to see that nothing leaves when its event cannot be written.
 */
export async function installAuditRefusal(db: Db): Promise<{
  refuse(action: string): Promise<void>;
  allowAll(): Promise<void>;
}> {
  await sql`create table audit_refused (action text primary key)`.execute(db);
  await sql`
    create function audit_refuse() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from audit_refused where action = new.action) then
        raise exception 'audit refused for test';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger audit_refuse before insert on audit_events
    for each row execute function audit_refuse()`.execute(db);
  return {
    refuse: async (action) =>
      void (await sql`insert into audit_refused values (${action})`.execute(db)),
    allowAll: async () => void (await sql`delete from audit_refused`.execute(db)),
  };
}
