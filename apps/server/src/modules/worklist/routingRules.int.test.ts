import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { demoIds, newTask, type DemoIds } from './testSupport';

let fx: AppFixture;
let ids: DemoIds;
const client: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  ids = await demoIds(fx.tdb.db);
  for (const name of ['admin', 'consultant', 'radiologist', 'clinic1'])
    client[name] = await signIn(fx.app, name);
});
afterAll(async () => {
  await fx?.close();
});

const put = (who: string, payload: object) =>
  client[who]!.request({ method: 'PUT', url: '/api/settings/routing', payload });
const get = (who: string) => client[who]!.request({ method: 'GET', url: '/api/settings/routing' });

describe('/api/settings/routing', () => {
  it('answers the defaults before anything is saved', async () => {
    const res = await get('admin');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      pinnedCentreByClinic: {},
      priorityOverrides: [],
      slaMinutes: {
        default: 60,
        byPriority: { stat: 15, urgent: 30 },
        byClinic: {},
        byProgramme: {},
      },
      onCentreClose: 'reroute',
      escalationLeadMinutes: 10,
      cadTriage: { enabled: true, raiseTo: 'urgent' },
    });
  });

  it('lets only administrators read or change the rules', async () => {
    for (const who of ['consultant', 'radiologist', 'clinic1']) {
      expect((await get(who)).statusCode).toBe(403);
      const res = await put(who, { onCentreClose: 'flag' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect((await get('admin')).json().onCentreClose).toBe('reroute');
  });

  it('refuses invalid rules with field-level errors', async () => {
    const bad = await put('admin', {
      slaMinutes: { default: 0 },
      onCentreClose: 'teleport',
      escalationLeadMinutes: 2.5,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(bad.json())).toContain('onCentreClose');
    expect(JSON.stringify(bad.json())).toContain('escalationLeadMinutes');

    const unknownField = await put('admin', { routeEverythingTo: 'mars' });
    expect(unknownField.statusCode).toBe(400);

    const twice = await put('admin', {
      priorityOverrides: [
        { priority: 'stat', centreId: ids.centre['Global Centre'] },
        { priority: 'stat', centreId: ids.centre['Regional Centre'] },
      ],
    });
    expect(twice.statusCode).toBe(400);

    const ghost = '00000000-0000-4000-8000-00000000dead';
    const missing = await put('admin', {
      pinnedCentreByClinic: { [ids.clinic.DEMO1!]: ghost },
      slaMinutes: { byClinic: { [ghost]: 30 } },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        { path: `pinnedCentreByClinic.${ids.clinic.DEMO1}`, message: 'no such centre' },
        { path: `slaMinutes.byClinic.${ghost}`, message: 'no such clinic' },
      ],
    });
    expect((await get('admin')).json().pinnedCentreByClinic).toEqual({});
  });

  it('saves valid rules, which routing then uses, and audits the change', async () => {
    const rules = {
      pinnedCentreByClinic: { [ids.clinic.DEMO2!]: ids.centre['Global Centre'] },
      priorityOverrides: [{ priority: 'stat', centreId: ids.centre['Regional Centre'] }],
      slaMinutes: {
        default: 45,
        byPriority: { stat: 10 },
        byClinic: { [ids.clinic.DEMO1!]: 40 },
        byProgramme: { UK: 50 },
      },
      onCentreClose: 'flag',
      escalationLeadMinutes: 15,
      cadTriage: { enabled: false, raiseTo: 'urgent' },
    };
    const res = await put('admin', rules);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(rules);
    expect((await get('admin')).json()).toEqual(rules);
    // DEMO2 (home: Regional) is now pinned to the Global Centre; its UK programme sets 50 min.
    const taskId = await newTask(fx.tdb.db, ids.clinic.DEMO2!, new Date('2026-03-04T02:00:00Z'));
    const task = await fx.tdb.db
      .selectFrom('reading_tasks')
      .select(['centre_id', 'due_at'])
      .where('id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({
      centre_id: ids.centre['Global Centre'],
      due_at: new Date('2026-03-04T02:50:00Z'),
    });

    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['actor_name', 'details', 'outcome'])
      .where('action', '=', 'settings.routing.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_name: 'admin',
      outcome: 'success',
      details: { before: { onCentreClose: 'reroute' }, after: { onCentreClose: 'flag' } },
    });
  });
});
