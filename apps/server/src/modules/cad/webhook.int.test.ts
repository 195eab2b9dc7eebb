import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { CAD4TB, cadIntegration, postResult, registerProduct, studyWithRead } from './testSupport';

/**
 * The JSON results webhook (docs/adr/0027): a CAD integration's own token posts results for its
 * clinics' studies; a bad token, a malformed body, an unknown study, another clinic's study and
 * an unregistered version are each refused with a clear error and leave nothing changed; a
 * re-post changes nothing; an error code tells support and leaves the study in the normal queue.
 */
let fx: AppFixture;
let admin: TestClient;
let qa: TestClient;
let token: string;
let demo1: string;
let demo2: string;

beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
  qa = await signIn(fx.app, 'qa');
  const clinics = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  demo1 = clinics.find((c) => c.code === 'DEMO1')!.id;
  demo2 = clinics.find((c) => c.code === 'DEMO2')!.id;
  await registerProduct(qa);
  token = await cadIntegration(admin, [demo1]);
});
afterAll(async () => fx?.close());

/** Everything a result could change: its rows, the read, routing, notifications, audit. */
async function snapshot(taskId: string) {
  const db = fx.tdb.db;
  const count = async (table: 'cad_results' | 'routing_decisions' | 'notifications') =>
    Number(
      (await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    );
  const task = await db
    .selectFrom('reading_tasks')
    .select(['priority', 'priority_reason', 'due_at', 'state'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  const successes = await db
    .selectFrom('audit_events')
    .select(db.fn.countAll().as('n'))
    .where('action', '=', 'cad.result')
    .where('outcome', '=', 'success')
    .executeTakeFirstOrThrow();
  return {
    results: await count('cad_results'),
    decisions: await count('routing_decisions'),
    notifications: await count('notifications'),
    task,
    successes: Number(successes.n),
  };
}

const body = (studyUid: string, extra: Record<string, unknown> = {}) => ({
  studyInstanceUid: studyUid,
  product: { name: 'CAD4TB', version: '7.0.0' },
  score: 42,
  ...extra,
});

describe('the CAD results webhook', () => {
  it('stores a result posted with the integration token, and a re-post changes nothing', async () => {
    const s = await studyWithRead(fx, demo1);
    const labels = [
      { label: 'consolidation', probability: 0.81, box: { x: 10, y: 20, width: 30, height: 40 } },
      { label: 'nodule', probability: 0.2, point: { x: 5, y: 6 } },
    ];
    const first = await postResult(
      fx,
      token,
      body(s.studyUid, { resultId: 'cad4tb-1', labels, heatmapSopInstanceUid: '1.2.3.4' }),
    );
    expect(first.statusCode, first.body).toBe(200);
    const r = first.json();
    expect(r.created).toBe(true);
    expect(r.result).toMatchObject({
      studyUid: s.studyUid,
      product: 'CAD4TB',
      version: '7.0.0',
      score: 42,
      band: 'uncalibrated',
      errorCode: null,
      labels,
      heatmapSopInstanceUid: '1.2.3.4',
      source: 'webhook',
    });
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['outcome', 'clinic_id', 'resource_id'])
      .where('request_id', '=', String(first.headers['x-request-id']))
      .execute();
    expect(audit).toEqual([{ outcome: 'success', clinic_id: demo1, resource_id: r.result.id }]);

    const before = await snapshot(s.taskId);
    const again = await postResult(
      fx,
      token,
      body(s.studyUid, { resultId: 'cad4tb-1', labels, score: 43 }),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, result: { id: r.result.id, score: 42 } });
    const after = await snapshot(s.taskId);
    // Only the re-post's own audit event is new.
    expect({ ...after, successes: after.successes - 1 }).toEqual(before);
  });

  it('refuses a bad, a missing and a person’s token, changing nothing', async () => {
    const s = await studyWithRead(fx, demo1);
    const before = await snapshot(s.taskId);
    const bad = await postResult(
      fx,
      `trd_${crypto.randomUUID()}_${'x'.repeat(43)}`,
      body(s.studyUid),
    );
    expect(bad.statusCode).toBe(401);
    const none = await postResult(fx, null, body(s.studyUid));
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHENTICATED');
    const own = await qa.request({
      method: 'POST',
      url: '/api/auth/tokens',
      payload: { name: 'qa' },
    });
    const person = await postResult(fx, (own.json() as { token: string }).token, body(s.studyUid));
    expect(person.statusCode).toBe(403);
    expect(person.json().error.code).toBe('FORBIDDEN');
    // The integration's token opens nothing else.
    const worklist = await fx.app.inject({
      method: 'GET',
      url: '/api/worklist',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(worklist.statusCode).toBe(403);
    expect(await snapshot(s.taskId)).toEqual(before);
  });

  it('answers a malformed body with its field errors, changing nothing', async () => {
    const s = await studyWithRead(fx, demo1);
    const before = await snapshot(s.taskId);
    const res = await postResult(fx, token, {
      studyInstanceUid: 'not-a-uid',
      product: { name: 'CAD4TB' },
      score: 'high',
    });
    expect(res.statusCode).toBe(400);
    const err = res.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    const paths = JSON.stringify(err.details);
    for (const field of ['studyInstanceUid', 'version', 'score']) expect(paths).toContain(field);
    const both = await postResult(fx, token, body(s.studyUid, { errorCode: -1 }));
    expect(both.statusCode).toBe(400);
    const image = await postResult(fx, token, body(s.studyUid, { sopInstanceUid: '1.2.999' }));
    expect(image.statusCode).toBe(400);
    expect(JSON.stringify(image.json().error.details)).toContain('sopInstanceUid');
    expect(await snapshot(s.taskId)).toEqual(before);
  });

  it('refuses an unknown study, another clinic’s study and an unknown version alike, changing nothing', async () => {
    const s = await studyWithRead(fx, demo1);
    const foreign = await studyWithRead(fx, demo2);
    const before = await snapshot(s.taskId);
    const unknown = await postResult(fx, token, body('1.2.826.0.1.999999'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CAD_STUDY_UNKNOWN');
    const abroad = await postResult(fx, token, body(foreign.studyUid));
    expect(abroad.statusCode).toBe(404);
    expect(abroad.json().error).toMatchObject(unknown.json().error);
    const version = await postResult(
      fx,
      token,
      body(s.studyUid, { product: { name: 'CAD4TB', version: '7.1.0' } }),
    );
    expect(version.statusCode).toBe(422);
    expect(version.json().error.code).toBe('CAD_PRODUCT_UNKNOWN');
    const scale = await postResult(fx, token, body(s.studyUid, { score: 101 }));
    expect(scale.statusCode).toBe(422);
    expect(scale.json().error.code).toBe('CAD_SCORE_OUT_OF_SCALE');
    expect(await snapshot(s.taskId)).toEqual(before);
    // Each refusal is on the audit trail.
    const refused = await fx.tdb.db
      .selectFrom('audit_events')
      .select('outcome')
      .where('action', '=', 'cad.result')
      .where(
        'request_id',
        'in',
        [unknown, abroad, version, scale].map((r) => String(r.headers['x-request-id'])),
      )
      .execute();
    expect(refused.map((e) => e.outcome)).toHaveLength(4);
    expect(refused.every((e) => e.outcome !== 'success')).toBe(true);
  });

  it('leaves a study with an error code in the normal queue and tells support', async () => {
    const s = await studyWithRead(fx, demo1);
    const before = await snapshot(s.taskId);
    const res = await postResult(fx, token, {
      studyInstanceUid: s.studyUid,
      product: { name: 'CAD4TB', version: '7.0.0' },
      errorCode: -1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result).toMatchObject({
      score: null,
      band: null,
      errorCode: -1,
      errorMeaning: CAD4TB.errorCodes[0]!.meaning,
    });
    const after = await snapshot(s.taskId);
    expect(after.task).toEqual(before.task);
    expect(after.decisions).toBe(before.decisions);
    const told = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title', 'n.body'])
      .where('n.kind', '=', 'cad.result_error')
      .execute();
    expect(told.map((n) => n.username)).toEqual(['support']);
    expect(told[0]!.title).toBe('CAD error -1: DEMO1 CAD4TB 7.0.0');
    expect(told[0]!.body).toContain(s.studyUid);
  });
});
