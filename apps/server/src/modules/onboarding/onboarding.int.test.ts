import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OnboardingChecklist } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { pdfText } from '../../testing/pdfText';
import { deliveredDocuments, releasedReport } from '../delivery/testSupport';
import { claimSaveSign, newTask, normalRead, releaseFaults } from '../reports/testSupport';
import { newClinic, stepOf } from './testSupport';
import { unwireOnboarding, wireOnboarding } from './wiring';

/**
 * A clinic from creation to live through the API: its checklist comes with it, the steps the
 * system can see tick themselves from real records, moves ahead of the work are refused with the
 * steps missing, pilot reports say PILOT on the PDF and in the SR and are second-read by another
 * radiologist, and the sign-off takes the clinic live.
 */
let fx: AppFixture;
let admin: TestClient;
let support: TestClient;
let reader: TestClient;
let reviewer: TestClient;
let clinicId: string;
let clinicCode: string;
let dir: string;

const checklist = async (c: TestClient = support): Promise<OnboardingChecklist> => {
  const res = await c.request({ method: 'GET', url: `/api/clinics/${clinicId}/onboarding` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const tick = (key: string, status = 'done') =>
  support.request({
    method: 'PATCH',
    url: `/api/clinics/${clinicId}/onboarding/steps`,
    payload: { key, status },
  });
const move = (to: string, reason = '', c: TestClient = support) =>
  c.request({
    method: 'POST',
    url: `/api/clinics/${clinicId}/onboarding/move`,
    payload: { to, reason },
  });
const clinicStatus = async () =>
  (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('status')
      .where('id', '=', clinicId)
      .executeTakeFirstOrThrow()
  ).status;

function run(cmd: string, args: string[]): Promise<{ out: string; err: string; code: number }> {
  return new Promise((resolve) =>
    execFile(cmd, args, { encoding: 'utf8' }, (e, out, err) =>
      resolve({ out, err, code: e ? Number((e as { code?: number }).code ?? 1) : 0 }),
    ),
  );
}

beforeAll(async () => {
  fx = await appWithDemo();
  admin = await signIn(fx.app, 'admin');
  support = await signIn(fx.app, 'support');
  reader = await signIn(fx.app, 'radiologist');
  reviewer = await signIn(fx.app, 'radiologist2');
  ({ id: clinicId, code: clinicCode } = await newClinic(fx, admin, 'ONB1'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telerad-onboarding-'));
});
afterAll(async () => {
  releaseFaults.afterRelease = null;
  wireOnboarding();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await fx?.close();
});

describe('the checklist of a new clinic', () => {
  it('is created with the clinic, in its transaction, by the installed mechanism', async () => {
    const rows = await fx.tdb.db
      .selectFrom('onboarding_steps')
      .select(['step_key', 'status'])
      .where('clinic_id', '=', clinicId)
      .execute();
    expect(rows.map((r) => r.step_key).sort()).toEqual(
      [
        'ae-registration',
        'gateway-enrolment',
        'golive-signoff',
        'network-test',
        'pilot-reads',
        'round-trip',
        'test-image',
        'user-training',
      ].sort(),
    );
    expect(rows.every((r) => r.status === 'todo')).toBe(true);
    expect(await clinicStatus()).toBe('onboarding');
    // Without the wiring, a clinic is created without its steps: the mechanism is what makes them.
    unwireOnboarding();
    try {
      const bare = await newClinic(fx, admin, 'ONB0');
      const n = await fx.tdb.db
        .selectFrom('onboarding_steps')
        .select('step_key')
        .where('clinic_id', '=', bare.id)
        .execute();
      expect(n).toEqual([]);
    } finally {
      wireOnboarding();
    }
  });

  it('finds the AE title and a received study itself', async () => {
    let c = await checklist();
    expect(stepOf(c, 'ae-registration')).toMatchObject({ complete: false, evidence: null });
    expect(stepOf(c, 'test-image')).toMatchObject({ complete: false, evidence: null });
    const ae = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${clinicId}`,
      payload: { aeTitles: [{ aeTitle: `${clinicCode}PACS`, allowedNetworks: [] }] },
    });
    expect(ae.statusCode, ae.body).toBe(200);
    // A real study through the one ingest path, read and released: evidence of the round trip
    // only once a delivery went out or the clinic opened the report.
    await releasedReport(fx, reader, clinicCode);
    c = await checklist();
    expect(stepOf(c, 'ae-registration')).toMatchObject({
      complete: true,
      evidence: `AE title ${clinicCode}PACS`,
      status: 'todo',
    });
    expect(stepOf(c, 'test-image').evidence).toMatch(/^First study received \d{4}-\d\d-\d\d$/);
    expect(stepOf(c, 'round-trip').complete).toBe(false);
  });

  it('refuses the pilot while steps are open, naming them; allows it once they are done', async () => {
    const refused = await move('pilot');
    expect(refused.statusCode, refused.body).toBe(409);
    const err = refused.json().error;
    expect(err.code).toBe('ONBOARDING_STEPS_MISSING');
    expect(err.details.missing).toEqual([
      'Network test',
      'Gateway enrolled',
      'Report delivered back',
      'Local users trained',
    ]);
    expect(err.message).toContain('Network test');
    expect(await clinicStatus()).toBe('onboarding');

    expect((await tick('network-test')).statusCode).toBe(200);
    const na = await support.request({
      method: 'PATCH',
      url: `/api/clinics/${clinicId}/onboarding/steps`,
      payload: { key: 'gateway-enrolment', status: 'not_applicable', note: 'Sends by DIMSE' },
    });
    expect(na.statusCode, na.body).toBe(200);
    const rt = await tick('round-trip');
    const step = stepOf(rt.json(), 'round-trip');
    expect(step.tickedBy?.name).toBeTruthy();
    expect(step.doneOn).toMatch(/^\d{4}-\d\d-\d\d$/);
    const trained = await support.request({
      method: 'POST',
      url: `/api/clinics/${clinicId}/onboarding/training`,
      payload: {
        trainee: 'Grace Nakato',
        topics: ['uploading', 'reading_reports'],
        trainedOn: '2026-03-02',
      },
    });
    expect(trained.statusCode, trained.body).toBe(200);
    const after = trained.json() as OnboardingChecklist;
    expect(after.training[0]).toMatchObject({ trainee: 'Grace Nakato', trainedOn: '2026-03-02' });
    expect(stepOf(after, 'user-training')).toMatchObject({ complete: true });
    expect(after.moves).toEqual([{ to: 'pilot', allowed: true, missing: [] }]);

    const moved = await move('pilot');
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await clinicStatus()).toBe('pilot');
  });

  it('keeps the pilot step for its criteria and the sign-off from being skipped', async () => {
    expect((await tick('pilot-reads')).statusCode).toBe(400);
    expect((await tick('golive-signoff', 'not_applicable')).statusCode).toBe(400);
  });
});

describe('pilot reports', () => {
  it('are marked PILOT and second-read by another radiologist, opened with the release', async () => {
    // A real CXR through the one ingest path, so the SR names its evidence.
    const released = await releasedReport(fx, reader, clinicCode);
    const got = await reader.request({ method: 'GET', url: `/api/reports/${released.reportId}` });
    const report = got.json();
    expect(report.pilot).toBe(true);
    const review = await fx.tdb.db
      .selectFrom('peer_reviews as p')
      .innerJoin('reading_tasks as t', 't.id', 'p.task_id')
      .innerJoin('users as u', 'u.id', 'p.reader_id')
      .select(['p.reason', 'p.blind', 't.type', 't.excluded_reader_id', 'u.username'])
      .where('p.report_id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(review).toMatchObject({ reason: 'pilot', blind: false, type: 'peer_review' });
    expect(review.username).toBe('radiologist');
    expect(review.excluded_reader_id).not.toBeNull();

    const { pdf, sr } = await deliveredDocuments(fx, report.id, 1);
    const { text } = await pdfText(pdf);
    expect(text).toContain('PILOT — SECOND READ PENDING');
    const file = path.join(dir, 'pilot.dcm');
    fs.writeFileSync(file, sr);
    const dump = await run('dsrdump', ['+Pl', file]);
    expect(dump.code, dump.err).toBe(0);
    expect(dump.err.split('\n').filter((l) => /^[EF]:|invalid|error/i.test(l))).toEqual([]);
    expect(dump.out).toContain('(,,"Pilot report")=(second-read,99TELERAD,"Second read pending")');
    const iod = await run('dciodvfy', [file]);
    expect(`${iod.out}${iod.err}`.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
  });

  it('open their second read in the releasing transaction: a failed release leaves none', async () => {
    const { taskId } = await newTask(fx, clinicCode);
    releaseFaults.afterRelease = () => {
      throw new Error('release fault');
    };
    try {
      const res = await claimSaveSign(reader, taskId, normalRead());
      expect(res.statusCode).toBe(500);
    } finally {
      releaseFaults.afterRelease = null;
    }
    const report = await fx.tdb.db
      .selectFrom('reports')
      .select(['id', 'state', 'pilot'])
      .where('task_id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(report.state).not.toBe('final');
    expect(report.pilot).toBe(false);
    const reviews = await fx.tdb.db
      .selectFrom('peer_reviews')
      .select('id')
      .where('report_id', '=', report.id)
      .execute();
    expect(reviews).toEqual([]);
  });
});

describe('going live', () => {
  it('is refused until the pilot criteria are met and the sign-off is given', async () => {
    const refused = await move('live');
    expect(refused.statusCode).toBe(409);
    const missing = refused.json().error.details.missing as string[];
    expect(missing[0]).toMatch(/^Pilot criteria: 0 of 3 second reads/);
    expect(missing[1]).toBe('Go-live sign-off');

    // Three pilot reports second-read with no major discrepancy (one is already waiting).
    for (let i = 0; i < 2; i++) {
      const { taskId } = await newTask(fx, clinicCode);
      expect((await claimSaveSign(reader, taskId, normalRead())).statusCode).toBe(200);
    }
    const tasks = await fx.tdb.db
      .selectFrom('peer_reviews')
      .select('task_id')
      .where('clinic_id', '=', clinicId)
      .where('reason', '=', 'pilot')
      .execute();
    expect(tasks).toHaveLength(3);
    for (const t of tasks) {
      const claimed = await reviewer.request({
        method: 'POST',
        url: `/api/tasks/${t.task_id}/claim`,
      });
      expect(claimed.statusCode, claimed.body).toBe(200);
      const scored = await reviewer.request({
        method: 'POST',
        url: `/api/tasks/${t.task_id}/peer-review/score`,
        payload: { score: '1' },
      });
      expect(scored.statusCode, scored.body).toBe(200);
    }
    const c = await checklist();
    expect(c.pilot).toMatchObject({ reports: 3, secondReads: 3, majorDiscrepancies: 0, met: true });
    expect(stepOf(c, 'pilot-reads').complete).toBe(true);
    expect(c.moves.find((m) => m.to === 'live')?.missing).toEqual(['Go-live sign-off']);
  });

  it('follows the sign-off by a named person, recorded and audited', async () => {
    expect((await tick('golive-signoff')).statusCode).toBe(200);
    const moved = await move('live');
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await clinicStatus()).toBe('live');
    const event = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['details', 'actor_name'])
      .where('action', '=', 'onboarding.move')
      .where('clinic_id', '=', clinicId)
      .where('outcome', '=', 'success')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ from: 'pilot', to: 'live', back: false });
    expect((event.details as { signedOffBy: { name: string } }).signedOffBy.name).toBeTruthy();
    // A report released now is no pilot report, and gets no pilot second read.
    const { taskId } = await newTask(fx, clinicCode);
    const signed = await claimSaveSign(reader, taskId, normalRead());
    expect(signed.json().report.pilot).toBe(false);
  });

  it('goes back to pilot only with a reason, audited', async () => {
    const bare = await move('pilot');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.code).toBe('ONBOARDING_REASON_REQUIRED');
    expect((await move('onboarding', 'skip')).json().error.code).toBe('ONBOARDING_MOVE_INVALID');
    const back = await move('pilot', 'Repeated upload failures after the network change');
    expect(back.statusCode, back.body).toBe(200);
    expect(await clinicStatus()).toBe('pilot');
    const event = await fx.tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'onboarding.move')
      .where('clinic_id', '=', clinicId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({
      from: 'live',
      to: 'pilot',
      back: true,
      reason: 'Repeated upload failures after the network change',
    });
    const steps = await fx.tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'onboarding.step')
      .where('clinic_id', '=', clinicId)
      .execute();
    expect(steps.map((s) => (s.details as { step: string }).step)).toContain('golive-signoff');
  });
});

describe('who sees and changes it', () => {
  it('shows a clinic its own progress read-only, and refuses another clinic', async () => {
    const clinic1 = await signIn(fx.app, 'clinic1');
    const demo1 = await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow();
    const own = await clinic1.request({
      method: 'GET',
      url: `/api/clinics/${demo1.id}/onboarding`,
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().editable).toBe(false);
    const foreign = await clinic1.request({
      method: 'GET',
      url: `/api/clinics/${clinicId}/onboarding`,
    });
    expect(foreign.statusCode).toBe(404);
    const write = await clinic1.request({
      method: 'PATCH',
      url: `/api/clinics/${demo1.id}/onboarding/steps`,
      payload: { key: 'network-test', status: 'done' },
    });
    expect(write.statusCode).toBe(403);
    expect((await checklist(support)).editable).toBe(true);
  });

  it('lists clinics in onboarding and pilot with their progress', async () => {
    const res = await support.request({ method: 'GET', url: '/api/onboarding' });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { clinicCode: string; status: string; total: number }[];
    expect(items.find((i) => i.clinicCode === clinicCode)).toMatchObject({
      status: 'pilot',
      total: 8,
    });
    expect(items.every((i) => i.status === 'onboarding' || i.status === 'pilot')).toBe(true);
  });

  it('removes a training record, audited with what it said', async () => {
    const c = await checklist();
    const id = c.training[0]!.id;
    const res = await support.request({ method: 'DELETE', url: `/api/onboarding/training/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as OnboardingChecklist).training).toEqual([]);
    const event = await fx.tdb.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'onboarding.training.remove')
      .where('resource_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ trainee: 'Grace Nakato' });
  });
});
