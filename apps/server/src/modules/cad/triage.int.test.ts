import type { WorklistTask } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { createPrimaryReadTask } from '../worklist';
import { insertStudy } from '../worklist/testSupport';
import { cadApp, postResult, studyWithRead } from './testSupport';

/**
 * Thresholds as data and the triage they drive (docs/adr/0027): each change is a new, audited
 * version; a score with no calibrated threshold never changes priority; a score at or past the
 * triage threshold raises the read, records why in the routing decisions, and an administrator
 * can turn the rule off; the worklist shows the score and band and sorts by it.
 */
let fx: AppFixture;
let admin: TestClient;
let qa: TestClient;
let radiologist: TestClient;
let token: string;
let productId: string;
let demo1: string;

beforeAll(async () => {
  // DEMO1 reads against the UK thresholds; its readers see CAD from the start here (blind first
  // has its own file, blindFirst.int.test.ts).
  ({ fx, admin, qa, radiologist, demo1, productId, token } = await cadApp('UK', 'from_start'));
});
afterAll(async () => fx?.close());

const setThresholds = (client: TestClient, operating: number, triage: number, note = '') =>
  client.request({
    method: 'POST',
    url: '/api/cad/thresholds',
    payload: {
      productId,
      programme: 'UK',
      operatingThreshold: operating,
      triageThreshold: triage,
      note,
    },
  });

const score = (studyUid: string, value: number) =>
  postResult(fx, token, {
    studyInstanceUid: studyUid,
    product: { name: 'CAD4TB', version: '7.0.0' },
    score: value,
  });

const taskRow = (id: string) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select(['priority', 'priority_reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const decisions = (taskId: string) =>
  fx.tdb.db
    .selectFrom('routing_decisions')
    .select(['decision', 'reason', 'details'])
    .where('task_id', '=', taskId)
    .orderBy('id')
    .execute();

async function worklist(sort = 'due'): Promise<WorklistTask[]> {
  const res = await radiologist.request({
    method: 'GET',
    url: `/api/worklist?clinicId=${demo1}&sort=${sort}&limit=500`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { tasks: WorklistTask[] }).tasks;
}

describe('CAD thresholds and triage', () => {
  it('never raises a read for an uncalibrated score, however high', async () => {
    const s = await studyWithRead(fx, demo1);
    const res = await score(s.studyUid, 99);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      result: { band: 'uncalibrated' },
      triage: 'uncalibrated for UK: priority unchanged',
    });
    expect(await taskRow(s.taskId)).toEqual({ priority: 'routine', priority_reason: null });
    expect((await decisions(s.taskId)).map((d) => d.decision)).not.toContain('cad_triage');
    const row = (await worklist()).find((t) => t.id === s.taskId)!;
    expect(row.cad).toEqual({
      score: 99,
      band: 'uncalibrated',
      product: 'CAD4TB',
      version: '7.0.0',
    });
  });

  it('keeps every threshold change as an audited version, set by QA only', async () => {
    expect((await setThresholds(radiologist, 50, 80)).statusCode).toBe(403);
    const wrong = await setThresholds(qa, 80, 50);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('CAD_THRESHOLDS_INVALID');
    expect((await setThresholds(qa, 50, 120)).json().error.code).toBe('CAD_THRESHOLDS_INVALID');

    const first = await setThresholds(qa, 40, 70, 'first local calibration');
    expect(first.statusCode, first.body).toBe(200);
    const second = await setThresholds(qa, 50, 80, 'recalibrated on 1,200 reads');
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({
      operatingThreshold: 50,
      triageThreshold: 80,
      setByName: expect.any(String),
      current: true,
    });

    const list = await radiologist.request({
      method: 'GET',
      url: `/api/cad/thresholds?productId=${productId}&programme=UK`,
    });
    expect(list.statusCode).toBe(200);
    const versions = list.json().thresholds as { id: string; current: boolean; note: string }[];
    expect(versions.map((v) => [v.note, v.current])).toEqual([
      ['recalibrated on 1,200 reads', true],
      ['first local calibration', false],
    ]);
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['resource_id', 'details'])
      .where('action', '=', 'cad.thresholds.set')
      .where('outcome', '=', 'success')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.resource_id)).toEqual([first.json().id, second.json().id]);
    expect(audit[1]!.details).toMatchObject({
      programme: 'UK',
      before: { operating: 40, triage: 70 },
      after: { operating: 50, triage: 80 },
    });
    // Rows are versions: the first is still there as it was.
    expect(
      await fx.tdb.db
        .selectFrom('cad_thresholds')
        .select(['operating_threshold', 'triage_threshold'])
        .where('id', '=', first.json().id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ operating_threshold: 40, triage_threshold: 70 });
  });

  it('raises a read at or past the triage threshold and records why', async () => {
    const s = await studyWithRead(fx, demo1);
    const res = await score(s.studyUid, 85);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result.band).toBe('triage');
    const reason =
      'CAD triage: CAD4TB 7.0.0 scored 85, at or past the UK triage threshold 80; raised from routine to urgent';
    expect(res.json().triage).toBe(reason);
    // The task's own reason, shown to a reader who may be blind first, carries no score.
    expect(await taskRow(s.taskId)).toEqual({
      priority: 'urgent',
      priority_reason:
        'CAD triage: CAD4TB 7.0.0 scored in the UK triage band; raised from routine to urgent',
    });
    const triage = (await decisions(s.taskId)).filter((d) => d.decision === 'cad_triage');
    expect(triage).toEqual([
      {
        decision: 'cad_triage',
        reason,
        details: expect.objectContaining({
          from: 'routine',
          to: 'urgent',
          score: 85,
          triageThreshold: 80,
          programme: 'UK',
          cadResultId: res.json().result.id,
        }),
      },
    ]);
    const row = (await worklist()).find((t) => t.id === s.taskId)!;
    expect(row).toMatchObject({ priority: 'urgent', cad: { score: 85, band: 'triage' } });

    // A STAT read is never lowered to urgent.
    const stat = await studyWithRead(fx, demo1);
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ priority: 'stat' })
      .where('id', '=', stat.taskId)
      .execute();
    expect((await score(stat.studyUid, 99)).json().triage).toBe('the read is already stat');
    expect((await taskRow(stat.taskId)).priority).toBe('stat');

    // An abnormal score below the triage threshold leaves the read as it was.
    const abnormal = await studyWithRead(fx, demo1);
    const below = await score(abnormal.studyUid, 60);
    expect(below.json()).toMatchObject({
      result: { band: 'abnormal' },
      triage: 'below the UK triage threshold',
    });
    expect((await taskRow(abnormal.taskId)).priority).toBe('routine');
  });

  it('raises a read created after its triage score arrived', async () => {
    const studyId = await insertStudy(fx.tdb.db, demo1, new Date());
    const { study_uid } = await fx.tdb.db
      .selectFrom('studies')
      .select('study_uid')
      .where('id', '=', studyId)
      .executeTakeFirstOrThrow();
    const early = await score(study_uid, 88);
    expect(early.json()).toMatchObject({
      result: { band: 'triage' },
      triage: 'no read waits in the queue',
    });
    const created = await createPrimaryReadTask(
      fx.tdb.db,
      { studyId, stableAt: new Date().toISOString(), numInstances: 1 },
      new Date(),
    );
    expect(created.outcome).toBe('created');
    const taskId = (created as { taskId: string }).taskId;
    expect((await taskRow(taskId)).priority).toBe('urgent');
    expect((await decisions(taskId)).map((d) => d.decision).slice(-1)).toEqual(['cad_triage']);
  });

  it('raises nothing once an administrator turns the rule off', async () => {
    const rules = await admin.request({ method: 'GET', url: '/api/settings/routing' });
    const before = rules.json();
    const off = await admin.request({
      method: 'PUT',
      url: '/api/settings/routing',
      payload: { ...before, cadTriage: { enabled: false, raiseTo: 'urgent' } },
    });
    expect(off.statusCode, off.body).toBe(200);
    try {
      const s = await studyWithRead(fx, demo1);
      const res = await score(s.studyUid, 95);
      expect(res.json()).toMatchObject({
        result: { band: 'triage' },
        triage: 'CAD triage is turned off in the routing rules',
      });
      expect((await taskRow(s.taskId)).priority).toBe('routine');
      expect((await decisions(s.taskId)).map((d) => d.decision)).not.toContain('cad_triage');
    } finally {
      await admin.request({ method: 'PUT', url: '/api/settings/routing', payload: before });
    }
  });

  it('sorts by score within each priority, most abnormal first, unscored last', async () => {
    const low = await studyWithRead(fx, demo1);
    const high = await studyWithRead(fx, demo1);
    const none = await studyWithRead(fx, demo1);
    const urgent = await studyWithRead(fx, demo1);
    await score(low.studyUid, 10);
    await score(high.studyUid, 70);
    await score(urgent.studyUid, 90);
    const ours = [low.taskId, high.taskId, none.taskId, urgent.taskId];
    const order = (await worklist('cad')).map((t) => t.id).filter((id) => ours.includes(id));
    expect(order).toEqual([urgent.taskId, high.taskId, low.taskId, none.taskId]);
  });

  it('shows a study’s results to centre staff, never to clinics', async () => {
    const s = await studyWithRead(fx, demo1);
    await score(s.studyUid, 30);
    const res = await radiologist.request({ method: 'GET', url: `/api/studies/${s.studyUid}/cad` });
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toMatchObject([{ score: 30, band: 'low', source: 'webhook' }]);
    const clinic = await signIn(fx.app, 'clinic1');
    expect(
      (await clinic.request({ method: 'GET', url: `/api/studies/${s.studyUid}/cad` })).statusCode,
    ).toBe(403);
    // Nor on the clinic's own worklist, where the staff's row shows it.
    const own = await clinic.request({ method: 'GET', url: '/api/worklist?limit=500' });
    const row = (own.json() as { tasks: WorklistTask[] }).tasks.find((t) => t.id === s.taskId);
    expect(row).toMatchObject({ cad: null });
    expect((await worklist()).find((t) => t.id === s.taskId)?.cad).toMatchObject({ score: 30 });
  });
});
