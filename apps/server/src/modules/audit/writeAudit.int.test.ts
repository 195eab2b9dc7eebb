import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';
import { createPrimaryReadTask } from '../worklist';

/**
 * A write is audited in its own transaction (DESIGN.md §2): when the event cannot be written the
 * change rolls back, and when it can, the event is written once (not again by the answer hook).
 */
let fx: AppFixture;
let taskId: string;

beforeAll(async () => {
  fx = await appWithDemo();
  const file = await writeCxr(path.join(fx.dataDir, 'w.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
  });
  const stored = await fx.storeAs('DEMO1', file.path);
  const task = await createPrimaryReadTask(
    fx.tdb.db,
    { studyId: stored.studyId, stableAt: new Date().toISOString(), numInstances: 1 },
    new Date(),
  );
  if (task.outcome !== 'created') throw new Error(`no task: ${task.outcome}`);
  taskId = task.taskId;
  // Queued now, whatever the demo centres' opening hours.
  await fx.tdb.db
    .updateTable('reading_tasks')
    .set({ state: 'queued', queued_at: new Date() })
    .where('id', '=', taskId)
    .execute();
  await sql`create function audit_refuse() returns trigger language plpgsql as $$
    begin
      if new.action = 'task.claim' and new.outcome = 'success' then
        raise exception 'audit refused for test';
      end if;
      return new;
    end $$`.execute(fx.tdb.db);
});
afterAll(async () => fx?.close());

const state = async () =>
  (
    await fx.tdb.db
      .selectFrom('reading_tasks')
      .select(['state', 'assignee_id'])
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow()
  ).state;

/**
 * Write routes whose event the answer hook writes after the change, and why. Any other write
 * route that declares an audit action must have its service write it in its transaction.
 */
const AUDITED_AFTER: Record<string, string> = {
  // Ingest commits each instance on its own (DESIGN.md durability rule); the event of the whole
  // request, with every stored instance, is written before the STOW-RS response leaves.
  'POST /dicomweb/studies': 'ingest commits per instance',
  'POST /dicomweb/studies/:studyUid': 'ingest commits per instance',
  // Signing out deletes the session in one statement; a lost event loses no patient data.
  'POST /api/auth/logout': 'session deletion',
  // A tus PATCH appends bytes to a file, not to the database; the PATCH that completes a file
  // files it through ingest, and settling writes the upload's answer and its upload.ingest event
  // in one transaction under the upload's row lock (upload/service.ts).
  'PATCH /api/uploads/:id': 'bytes go to a file; ingest audits its own transaction',
  'DELETE /api/uploads/:id': 'tus removes a partial file; no database write',
  // A lookup that takes its SOP Instance UIDs in the body: it writes nothing.
  'POST /api/uploads/already-sent': 'a read sent as POST',
  // A plan with its what-ifs in the body: it writes nothing.
  'POST /api/capacity/plan': 'a read sent as POST',
  // Runs the network alert sweep now instead of at its next minute: the sweep commits what it
  // raises or clears as it does every minute (each alert under its unique open row); the event
  // records who asked for the run and what it found.
  'POST /api/monitor/alerts/check': 'the minute sweep run on demand',
  // A C-ECHO or QIDO-RS probe of a CAD's address: it writes nothing.
  'POST /api/cad/integrations/:id/forward/test': 'a network probe sent as POST',
  // Each image's attempt commits on its own, as the forward sweep's do (the CAD acknowledged it
  // or not, whatever happens to the request); the event records who asked and what it did.
  'POST /api/cad/integrations/:id/forwards/retry': 'each attempt commits as the sweep does',
};

describe('a write audited in its transaction', () => {
  it('is what every audited write route declares, but the few listed with their reason', () => {
    const writes = fx.app.routeTable.filter(
      (r) => r.access?.audit && !['GET', 'HEAD', 'OPTIONS'].includes(r.method),
    );
    expect(writes.length).toBeGreaterThan(10);
    const after = writes
      .filter((r) => !r.access!.auditInTransaction)
      .map((r) => `${r.method} ${r.url}`);
    expect(after.sort()).toEqual(Object.keys(AUDITED_AFTER).sort());
  });

  it('rolls the claim back when its event cannot be written', async () => {
    await sql`create trigger audit_refuse before insert on audit_events
      for each row execute function audit_refuse()`.execute(fx.tdb.db);
    const rad = await signIn(fx.app, 'radiologist');
    const res = await rad.request({ method: 'POST', url: `/api/tasks/${taskId}/claim` });
    await sql`drop trigger audit_refuse on audit_events`.execute(fx.tdb.db);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('AUDIT_UNAVAILABLE');
    expect(await state()).toBe('queued');
    // The refusal itself is recorded by the answer hook.
    const failed = await fx.tdb.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(failed).toEqual([{ outcome: 'failure' }]);
  });

  it('writes the event of a committed claim exactly once, in the claim’s transaction', async () => {
    const rad = await signIn(fx.app, 'radiologist');
    const res = await rad.request({ method: 'POST', url: `/api/tasks/${taskId}/claim` });
    expect(res.statusCode).toBe(200);
    expect(await state()).toBe('in_progress');
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .selectAll()
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'task.claim',
      outcome: 'success',
      resource_type: 'task',
      resource_id: taskId,
      actor_name: 'radiologist',
    });
    expect(events[0]!.clinic_id).toBeTruthy();
    // Same transaction: the event's xmin is the task row's.
    const { same } = (
      await sql<{
        same: boolean;
      }>`select (select xmin from reading_tasks where id = ${taskId})::text
          = (select xmin from audit_events where id = ${events[0]!.id})::text as same`.execute(
        fx.tdb.db,
      )
    ).rows[0]!;
    expect(same).toBe(true);
  });
});
