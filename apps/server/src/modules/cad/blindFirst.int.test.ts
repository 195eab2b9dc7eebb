import { CadReaderChoiceQuery, type CadViewerAnswer, type WorklistTask } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import type { ClinicScope } from '../auth';
import { claimSaveSign, normalRead } from '../reports/testSupport';
import { listReaderChoices } from './readerChoices';
import { cadApp, postResult, studyWithRead } from './testSupport';

/**
 * The viewer's blind-first step (docs/adr/0043): a reader of a blind-first programme sees no
 * score from any door (the read's CAD, its heatmap, the study's results, the worklist row) until
 * they record a first impression for the read; that is recorded once with the CAD state at that
 * moment; a from-start programme shows CAD at once; someone else's read is refused and audited;
 * QA sees the preliminary beside the final choice of the signed report.
 */
let fx: AppFixture;
let qa: TestClient;
let radiologist: TestClient;
let radiologist2: TestClient;
let token: string;
let productId: string;
let demo1: string;

beforeAll(async () => {
  // DEMO1 reads against the US thresholds and visibility: blind first, set as the default is.
  ({ fx, qa, radiologist, demo1, productId, token } = await cadApp('US', 'blind_first'));
  radiologist2 = await signIn(fx.app, 'radiologist2');
  const t = await qa.request({
    method: 'POST',
    url: '/api/cad/thresholds',
    payload: { productId, programme: 'US', operatingThreshold: 50, triageThreshold: 95 },
  });
  expect(t.statusCode, t.body).toBe(200);
});
afterAll(async () => fx?.close());

const score = async (studyUid: string, value: number) => {
  const res = await postResult(fx, token, {
    studyInstanceUid: studyUid,
    product: { name: 'CAD4TB', version: '7.0.0' },
    score: value,
    labels: [{ label: 'tb', probability: 0.8, box: { x: 10, y: 20, width: 30, height: 40 } }],
  });
  expect(res.statusCode, res.body).toBe(200);
};

const claim = async (c: TestClient, taskId: string) => {
  const res = await c.request({ method: 'POST', url: `/api/tasks/${taskId}/claim` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WorklistTask;
};

const cadOf = (c: TestClient, taskId: string) =>
  c.request({ method: 'GET', url: `/api/tasks/${taskId}/cad` });

const choose = (c: TestClient, taskId: string, choice: string) =>
  c.request({ method: 'POST', url: `/api/tasks/${taskId}/cad/preliminary`, payload: { choice } });

const setVisibility = (visibility: string) =>
  qa.request({
    method: 'PUT',
    url: '/api/cad/visibility',
    payload: { programme: 'US', visibility },
  });

async function worklistRow(c: TestClient, taskId: string): Promise<WorklistTask> {
  const res = await c.request({
    method: 'GET',
    url: `/api/worklist?clinicId=${demo1}&state=all&limit=500`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { tasks: WorklistTask[] }).tasks.find((t) => t.id === taskId)!;
}

const preliminaryRows = (taskId: string) =>
  fx.tdb.db.selectFrom('cad_preliminary_reads').selectAll().where('task_id', '=', taskId).execute();

describe('blind first (the default)', () => {
  it('shows a reader no score from any door until their first impression, then the score', async () => {
    const read = await studyWithRead(fx, demo1);
    await score(read.studyUid, 72);
    const claimed = await claim(radiologist, read.taskId);
    // The claim's own answer is a worklist row: no score in it either.
    expect(claimed.cad).toBeNull();

    const blind = await cadOf(radiologist, read.taskId);
    expect(blind.statusCode, blind.body).toBe(200);
    expect(blind.json()).toEqual({ state: 'blind', visibility: 'blind_first' });
    expect(blind.body).not.toContain('72');
    const heat = await radiologist.request({
      method: 'GET',
      url: `/api/tasks/${read.taskId}/cad/heatmap`,
    });
    expect(heat.statusCode).toBe(403);
    expect(heat.json().error.code).toBe('CAD_BLIND');
    const study = await radiologist.request({
      method: 'GET',
      url: `/api/studies/${read.studyUid}/cad`,
    });
    expect(study.statusCode).toBe(403);
    expect(study.json().error.code).toBe('CAD_BLIND');
    expect((await worklistRow(radiologist, read.taskId)).cad).toBeNull();
    // Another reader who has not read it is blind to it too; QA, who makes no read, is not.
    expect((await worklistRow(radiologist2, read.taskId)).cad).toBeNull();
    expect((await worklistRow(qa, read.taskId)).cad).toMatchObject({ score: 72, band: 'abnormal' });

    const chosen = await choose(radiologist, read.taskId, 'normal');
    expect(chosen.statusCode, chosen.body).toBe(200);
    const shown = chosen.json() as CadViewerAnswer;
    expect(shown).toMatchObject({
      state: 'shown',
      visibility: 'blind_first',
      preliminary: { choice: 'normal', cad: { score: 72, band: 'abnormal' } },
      result: {
        score: 72,
        band: 'abnormal',
        product: 'CAD4TB',
        version: '7.0.0',
        labels: [{ label: 'tb', box: { x: 10, y: 20, width: 30, height: 40 } }],
      },
    });
    expect((await cadOf(radiologist, read.taskId)).json()).toEqual(shown);
    expect((await worklistRow(radiologist, read.taskId)).cad).toMatchObject({ score: 72 });
    expect(
      (await radiologist.request({ method: 'GET', url: `/api/studies/${read.studyUid}/cad` }))
        .statusCode,
    ).toBe(200);
    // Still blind for the reader who made no first impression.
    expect((await worklistRow(radiologist2, read.taskId)).cad).toBeNull();

    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['outcome', 'clinic_id', 'details', 'resource_type'])
      .where('action', '=', 'cad.preliminary')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'success', clinic_id: demo1, resource_type: 'task' });
    expect(audit[0]!.details).toMatchObject({ choice: 'normal', cad: { score: 72 } });
  });

  it('records the first impression once: a second choice is refused and changes nothing', async () => {
    const read = await studyWithRead(fx, demo1);
    await claim(radiologist, read.taskId);
    // No result yet: recorded as "none yet".
    const first = await choose(radiologist, read.taskId, 'abnormal');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ state: 'shown', result: null });
    const again = await choose(radiologist, read.taskId, 'normal');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CAD_PRELIMINARY_RECORDED');
    const rows = await preliminaryRows(read.taskId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ choice: 'abnormal', score: null, cad_result_id: null });
  });

  it('refuses a read the caller does not hold, and a bad choice, changing nothing', async () => {
    const read = await studyWithRead(fx, demo1);
    await score(read.studyUid, 40);
    await claim(radiologist, read.taskId);
    const foreign = await choose(radiologist2, read.taskId, 'normal');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('CAD_NOT_YOUR_READ');
    const bad = await choose(radiologist, read.taskId, 'maybe');
    expect(bad.statusCode).toBe(400);
    expect(await preliminaryRows(read.taskId)).toHaveLength(0);
    const refused = await fx.tdb.db
      .selectFrom('audit_events as a')
      .innerJoin('users as u', 'u.id', 'a.actor_id')
      .select(['a.outcome'])
      .where('a.action', '=', 'cad.preliminary')
      .where('u.username', '=', 'radiologist2')
      .execute();
    expect(refused.map((r) => r.outcome)).toContain('denied');
  });
});

describe('from the start', () => {
  it('shows the score at once, and the reader still records a first impression', async () => {
    const set = await setVisibility('from_start');
    expect(set.statusCode, set.body).toBe(200);
    try {
      const read = await studyWithRead(fx, demo1);
      await score(read.studyUid, 97);
      await claim(radiologist, read.taskId);
      expect((await cadOf(radiologist, read.taskId)).json()).toMatchObject({
        state: 'shown',
        visibility: 'from_start',
        preliminary: null,
        result: { score: 97, band: 'triage' },
      });
      expect((await worklistRow(radiologist, read.taskId)).cad).toMatchObject({ score: 97 });
      const chosen = await choose(radiologist, read.taskId, 'abnormal');
      expect(chosen.json()).toMatchObject({
        preliminary: { choice: 'abnormal', visibility: 'from_start', cad: { band: 'triage' } },
      });
    } finally {
      expect((await setVisibility('blind_first')).statusCode).toBe(200);
    }
    const list = await qa.request({ method: 'GET', url: '/api/cad/visibility' });
    expect(list.json().programmes).toContainEqual(
      expect.objectContaining({ programme: 'US', visibility: 'blind_first', set: true }),
    );
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'cad.visibility.set')
      .orderBy('at')
      .execute();
    // The set-up confirmed blind first; the two changes here follow it.
    expect(audit.map((a) => a.details).slice(-2)).toEqual([
      expect.objectContaining({ before: 'blind_first', after: 'from_start' }),
      expect.objectContaining({ before: 'from_start', after: 'blind_first' }),
    ]);
  });

  it('lets only QA or an administrator set visibility', async () => {
    const res = await radiologist.request({
      method: 'PUT',
      url: '/api/cad/visibility',
      payload: { programme: 'US', visibility: 'from_start' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('preliminary and final choices for QA', () => {
  it('lists the first impression beside the signed report’s result and the CAD state at each', async () => {
    const read = await studyWithRead(fx, demo1);
    await score(read.studyUid, 88);
    await claim(radiologist, read.taskId);
    expect((await choose(radiologist, read.taskId, 'abnormal')).statusCode).toBe(200);
    const release = await radiologist.request({
      method: 'POST',
      url: `/api/tasks/${read.taskId}/release`,
    });
    expect(release.statusCode, release.body).toBe(200);
    const signed = await claimSaveSign(radiologist, read.taskId, normalRead());
    expect(signed.statusCode, signed.body).toBe(200);

    const res = await qa.request({ method: 'GET', url: '/api/cad/reader-choices' });
    expect(res.statusCode, res.body).toBe(200);
    const row = (res.json() as { reads: { taskId: string }[] }).reads.find(
      (r) => r.taskId === read.taskId,
    );
    expect(row).toMatchObject({
      programme: 'US',
      preliminary: { choice: 'abnormal', cad: { score: 88, band: 'abnormal' } },
      final: { choice: 'normal', cad: { score: 88, band: 'abnormal' } },
    });
    expect(
      (await radiologist.request({ method: 'GET', url: '/api/cad/reader-choices' })).statusCode,
    ).toBe(403);
  });

  it('lists only the reads of the caller’s clinics', async () => {
    const demo2 = (
      await fx.tdb.db
        .selectFrom('clinics')
        .select('id')
        .where('code', '=', 'DEMO2')
        .executeTakeFirstOrThrow()
    ).id;
    const own = await studyWithRead(fx, demo1);
    const foreign = await studyWithRead(fx, demo2);
    for (const read of [own, foreign]) {
      await claim(radiologist, read.taskId);
      expect((await choose(radiologist, read.taskId, 'normal')).statusCode).toBe(200);
    }
    const q = CadReaderChoiceQuery.parse({});
    const listed = async (scope: ClinicScope) =>
      (await listReaderChoices(fx.tdb.db, scope, q)).map((r) => r.taskId);
    // Centre staff's scope is every clinic; one limited to DEMO1 never sees DEMO2's read.
    expect(await listed('all')).toEqual(expect.arrayContaining([own.taskId, foreign.taskId]));
    const demo1Only = await listed([demo1]);
    expect(demo1Only).toContain(own.taskId);
    expect(demo1Only).not.toContain(foreign.taskId);
  });
});
