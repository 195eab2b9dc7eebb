import { generate } from 'otplib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { REPORT_RELEASED_QUEUE } from '.';
import { claim, claimSaveSign, cavityRead, newTask, normalRead, save } from './testSupport';

let fx: AppFixture;
const client: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'radiologist2', 'consultant', 'admin', 'clinic1', 'clinic2'])
    client[name] = await signIn(fx.app, name);
});
afterAll(async () => fx?.close());

const taskState = async (id: string) =>
  (
    await fx.tdb.db
      .selectFrom('reading_tasks')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).state;

/** The `report.released` jobs waiting in the queue (fetching takes them). */
async function releasedJobs(): Promise<{ reportId: string; version: number }[]> {
  const got = await fx.jobs.fetch<{ reportId: string; version: number }>(REPORT_RELEASED_QUEUE, {
    batchSize: 50,
  });
  return got.map((j) => j.data);
}

describe('autosave', () => {
  it('creates the draft, bumps the revision and answers 409 with the record when stale', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const r = client.radiologist!;
    await claim(r, taskId);
    const first = await save(r, taskId, normalRead({ impression: '' }), 0);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().report).toMatchObject({ state: 'draft', revision: 1, formId: 'us-ds3030' });
    const second = await save(r, taskId, normalRead({ impression: 'Second' }), 1);
    expect(second.json().report.revision).toBe(2);
    const stale = await save(r, taskId, normalRead({ impression: 'Stale tab' }), 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('REVISION_CONFLICT');
    expect(stale.json().error.details.report).toMatchObject({ revision: 2 });
    expect(stale.json().error.details.report.content.impression).toBe('Second');
    const open = await r.request({ method: 'GET', url: `/api/tasks/${taskId}/report` });
    expect(open.statusCode).toBe(200);
    expect(open.json().report.content.impression).toBe('Second');
    expect(open.json().study).toMatchObject({ ageYears: 36, programmes: ['US', 'CA', 'AUNZ'] });
    expect(open.json().forms.map((f: { id: string }) => f.id)).toEqual([
      'us-ds3030',
      'generic-graded',
    ]);
  });

  it('saves a contradictory draft, reporting the issue, and refuses to sign it (422)', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const r = client.radiologist!;
    await claim(r, taskId);
    const contradictory = { ...cavityRead(), result: 'normal' };
    const saved = await save(r, taskId, contradictory, 0);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().report.content.findings).toHaveLength(1);
    expect(saved.json().issues).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'result' }),
    );
    const sign = await r.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/report/sign`,
      payload: { revision: 1 },
    });
    expect(sign.statusCode).toBe(422);
    expect(sign.json().error.code).toBe('REPORT_INVALID');
    expect(sign.json().error.details.issues).toContainEqual(
      expect.objectContaining({ severity: 'error', field: 'result' }),
    );
    expect(await taskState(taskId)).toBe('in_progress');
  });

  it('lets only the task’s claimant save or sign', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const unclaimed = await save(client.radiologist!, taskId, normalRead(), 0);
    expect(unclaimed.statusCode).toBe(403);
    expect(unclaimed.json().error.code).toBe('REPORT_NOT_CLAIMANT');
    await claim(client.radiologist!, taskId);
    const other = await save(client.radiologist2!, taskId, normalRead(), 0);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('REPORT_NOT_CLAIMANT');
    expect((await save(client.radiologist!, taskId, normalRead(), 0)).statusCode).toBe(200);
    const otherSign = await client.radiologist2!.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/report/sign`,
      payload: { revision: 1 },
    });
    expect(otherSign.json().error.code).toBe('REPORT_NOT_CLAIMANT');
    // Clinic users have no access to the reading side at all.
    const clinic = await client.clinic1!.request({
      method: 'GET',
      url: `/api/tasks/${taskId}/report`,
    });
    expect(clinic.statusCode).toBe(403);
  });
});

describe('signing', () => {
  it('signs version 1 with name, credentials and time, releases it and completes the task', async () => {
    await releasedJobs(); // start from an empty queue
    const { taskId } = await newTask(fx, 'DEMO1');
    const res = await claimSaveSign(client.radiologist!, taskId, normalRead());
    expect(res.statusCode, res.body).toBe(200);
    const { outcome, report } = res.json();
    expect(outcome).toBe('released');
    expect(report).toMatchObject({
      state: 'final',
      currentVersion: 1,
      signerName: 'Dr Rosa Reyes',
      signerCredentials: 'MD, FPCR',
      formId: 'us-ds3030',
      formVersion: '2026.1',
      programme: 'US',
    });
    expect(Date.parse(report.signedAt)).toBeGreaterThan(0);
    expect(Date.parse(report.releasedAt)).toBeGreaterThan(0);
    expect(await taskState(taskId)).toBe('completed');
    expect(await releasedJobs()).toEqual([{ reportId: report.id, version: 1 }]);
    const again = await save(client.radiologist!, taskId, normalRead({ impression: 'x' }), 2);
    expect(again.statusCode).toBe(409);
  });

  it('never changes a signed version: an addendum is version 2; the table refuses UPDATE and DELETE', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, taskId, normalRead());
    const id = signed.json().report.id as string;
    await releasedJobs();
    const add = await client.radiologist2!.request({
      method: 'POST',
      url: `/api/reports/${id}/addenda`,
      payload: { text: 'Old healed rib fracture on the left, incidental.' },
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json().report.currentVersion).toBe(2);
    expect(await releasedJobs()).toEqual([{ reportId: id, version: 2 }]);
    const one = await client.admin!.request({ method: 'GET', url: `/api/reports/${id}` });
    const versions = one.json().versions as { version: number; kind: string; addendum: string }[];
    expect(versions.map((v) => [v.version, v.kind])).toEqual([
      [1, 'signed'],
      [2, 'addendum'],
    ]);
    expect(versions[1]!.addendum).toContain('rib fracture');
    await expect(
      sql`update report_versions set addendum = 'rewritten' where report_id = ${id}`.execute(
        fx.tdb.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from report_versions where report_id = ${id}`.execute(fx.tdb.db),
    ).rejects.toThrow(/append-only/);
  });
});

describe('clinic reads', () => {
  it('shows a clinic its released reports only: never a draft, never another clinic’s', async () => {
    const released = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, released.taskId, normalRead());
    const reportId = signed.json().report.id as string;
    const draft = await newTask(fx, 'DEMO1');
    await claim(client.radiologist!, draft.taskId);
    const draftId = (await save(client.radiologist!, draft.taskId, normalRead(), 0)).json().report
      .id as string;
    const other = await newTask(fx, 'DEMO2');
    const otherId = (await claimSaveSign(client.radiologist!, other.taskId, normalRead())).json()
      .report.id as string;

    const c1 = client.clinic1!;
    const own = await c1.request({ method: 'GET', url: `/api/reports/${reportId}` });
    expect(own.statusCode).toBe(200);
    expect(own.json().versions[0].view).toMatchObject({ result: 'Normal', formId: 'us-ds3030' });
    for (const id of [draftId, otherId]) {
      const res = await c1.request({ method: 'GET', url: `/api/reports/${id}` });
      expect(res.statusCode).toBe(404);
    }
    const list = await c1.request({ method: 'GET', url: '/api/reports?state=draft' });
    expect(list.statusCode).toBe(200);
    expect(list.json().reports).toEqual([]);
    const all = (await c1.request({ method: 'GET', url: '/api/reports' })).json().reports as {
      id: string;
      clinicCode: string;
      state: string;
    }[];
    expect(all.map((r) => r.id)).toContain(reportId);
    expect(all.every((r) => r.clinicCode === 'DEMO1' && r.state === 'final')).toBe(true);
    const study = await c1.request({
      method: 'GET',
      url: `/api/studies/${released.studyUid}/reports`,
    });
    expect(study.json().reports.map((r: { id: string }) => r.id)).toEqual([reportId]);
    const draftStudy = await c1.request({
      method: 'GET',
      url: `/api/studies/${draft.studyUid}/reports`,
    });
    expect(draftStudy.json()).toEqual({ reports: [], retakes: [] });
    const foreign = await c1.request({
      method: 'GET',
      url: `/api/studies/${other.studyUid}/reports`,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain(otherId);
    // Staff see every state.
    const staff = await client.admin!.request({ method: 'GET', url: '/api/reports?state=draft' });
    expect(staff.json().reports.map((r: { id: string }) => r.id)).toContain(draftId);
  });
});

describe('MFA re-prompt on signing', () => {
  it('asks for a fresh code when configured: missing and wrong refused, right one accepted once', async () => {
    const r2 = client.radiologist2!;
    const enr = await r2.request({ method: 'POST', url: '/api/auth/mfa/enroll' });
    const secret = enr.json().secret as string;
    const now = Math.floor(Date.now() / 1000);
    const confirm = await r2.request({
      method: 'POST',
      url: '/api/auth/mfa/confirm',
      payload: { code: await generate({ secret, epoch: now }) },
    });
    expect(confirm.statusCode).toBe(200);
    const settings = await client.admin!.request({ method: 'GET', url: '/api/settings/security' });
    const current = settings.json() as Record<string, unknown>;
    expect(current.mfaOnSign).toBe(false);
    const put = await client.admin!.request({
      method: 'PUT',
      url: '/api/settings/security',
      payload: { ...current, mfaOnSign: true },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const { taskId } = await newTask(fx, 'DEMO1');
      await claim(r2, taskId);
      await save(r2, taskId, normalRead(), 0);
      const sign = (mfaCode?: string, id = taskId) =>
        r2.request({
          method: 'POST',
          url: `/api/tasks/${id}/report/sign`,
          payload: { revision: 1, ...(mfaCode ? { mfaCode } : {}) },
        });
      const missing = await sign();
      expect(missing.statusCode).toBe(401);
      expect(missing.json().error.code).toBe('MFA_REQUIRED');
      const wrong = await sign('000000');
      expect(wrong.json().error.code).toBe('MFA_CODE_INVALID');
      expect(await taskState(taskId)).toBe('in_progress');
      const fresh = await generate({ secret, epoch: now + 30 });
      const ok = await sign(fresh);
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().report.signerName).toBe('Dr Kamau Njoroge');
      // The same code cannot be replayed on another signature.
      const next = await newTask(fx, 'DEMO1');
      await claim(r2, next.taskId);
      await save(r2, next.taskId, normalRead(), 0);
      const replay = await sign(fresh, next.taskId);
      expect(replay.json().error.code).toBe('MFA_CODE_INVALID');
    } finally {
      await client.admin!.request({
        method: 'PUT',
        url: '/api/settings/security',
        payload: { ...current, mfaOnSign: false },
      });
    }
  });
});

describe('OpenAPI', () => {
  it('documents the report routes', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as Record<string, unknown>);
    for (const p of [
      '/api/tasks/{id}/report',
      '/api/tasks/{id}/report/sign',
      '/api/consultations/{id}/amend',
      '/api/studies/{studyUid}/reports',
      '/api/reports/{id}/addenda',
    ])
      expect(paths).toContain(p);
  });
});
