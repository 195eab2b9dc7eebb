import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { createPrimaryReadTask, sweepTasks } from '../worklist';
import {
  cavityRead,
  claim,
  claimSaveSign,
  newTask,
  normalRead,
  save,
  unreadableRead,
} from './testSupport';

let fx: AppFixture;
const client: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['radiologist', 'radiologist2', 'consultant', 'qa', 'clinic1'])
    client[name] = await signIn(fx.app, name);
});
afterAll(async () => fx?.close());

const task = (id: string) =>
  fx.tdb.db.selectFrom('reading_tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('consultation rules', () => {
  it('holds a cavity for a consultant; only a consultant claims it; concur releases it', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, taskId, cavityRead());
    expect(signed.statusCode, signed.body).toBe(200);
    const answer = signed.json();
    expect(answer.outcome).toBe('pending_consultation');
    expect(answer.report.state).toBe('pending_consultation');
    expect(answer.matchedRules).toEqual([
      { id: 'cavity-or-miliary', name: 'Any cavity or miliary finding' },
    ]);
    // The held read keeps its reader: even a heartbeat long past the timeout does not lapse it.
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ heartbeat_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', taskId)
      .execute();
    const swept = await sweepTasks(fx.tdb.db, { now: new Date(), claimTimeoutSeconds: 120 });
    expect(swept.expired).not.toContain(taskId);
    expect((await task(taskId)).state).toBe('in_progress');
    const consultId = answer.consultationTaskId as string;
    const consult = await task(consultId);
    expect(consult).toMatchObject({
      type: 'consultation',
      state: 'queued',
      parent_task_id: taskId,
      priority: 'routine',
    });
    expect(consult.due_at!.getTime()).toBeGreaterThan(consult.queued_at!.getTime());
    // Held: the clinic sees nothing yet.
    const early = await client.clinic1!.request({
      method: 'GET',
      url: `/api/reports/${answer.report.id}`,
    });
    expect(early.statusCode).toBe(404);
    // On the consultants' worklist; a radiologist cannot claim it.
    const wl = await client.consultant!.request({ method: 'GET', url: '/api/worklist' });
    expect(wl.json().tasks.map((t: { id: string }) => t.id)).toContain(consultId);
    const byReader = await client.radiologist2!.request({
      method: 'POST',
      url: `/api/tasks/${consultId}/claim`,
    });
    expect(byReader.statusCode).toBe(409);
    await claim(client.consultant!, consultId);
    const view = await client.consultant!.request({
      method: 'GET',
      url: `/api/consultations/${consultId}`,
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      question: null,
      reader: { name: 'Dr Rosa Reyes', credentials: 'MD, FPCR' },
    });
    const concur = await client.consultant!.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/concur`,
      payload: { comment: 'Agree.' },
    });
    expect(concur.statusCode, concur.body).toBe(200);
    expect(concur.json().report).toMatchObject({ state: 'final', currentVersion: 2 });
    expect((await task(consultId)).state).toBe('completed');
    expect((await task(taskId)).state).toBe('completed');
    const seen = await client.clinic1!.request({
      method: 'GET',
      url: `/api/reports/${answer.report.id}`,
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.json().versions.map((v: { kind: string }) => v.kind)).toEqual([
      'signed',
      'consultant_concur',
    ]);
    expect(seen.json().versions[1].authorName).toBe('Dr Consuelo Santos');
    // Settled once only.
    const twice = await client.consultant!.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/concur`,
      payload: {},
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses a consultant settling a consultation on a report they signed', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.consultant!, taskId, cavityRead());
    const consultId = signed.json().consultationTaskId as string;
    await claim(client.consultant!, consultId);
    const own = await client.consultant!.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/concur`,
      payload: {},
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toContain('another consultant');
  });

  it('pushes a consultation to an on-shift consultant, never to a radiologist', async () => {
    const db = fx.tdb.db;
    await db.updateTable('centres').set({ assignment_mode: 'push' }).execute();
    try {
      const { taskId } = await newTask(fx, 'DEMO1');
      await claim(client.radiologist!, taskId);
      // The consultant is busier than radiologist2: load alone would pick radiologist2.
      await claim(client.consultant!, (await newTask(fx, 'DEMO1')).taskId);
      for (const name of ['radiologist2', 'consultant']) {
        const res = await client[name]!.request({
          method: 'PUT',
          url: '/api/me/shift',
          payload: { onShift: true },
        });
        expect(res.statusCode).toBe(200);
      }
      const saved = await save(client.radiologist!, taskId, cavityRead(), 0);
      const signed = await client.radiologist!.request({
        method: 'POST',
        url: `/api/tasks/${taskId}/report/sign`,
        payload: { revision: saved.json().report.revision },
      });
      const consult = await task(signed.json().consultationTaskId as string);
      const consultant = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'consultant')
        .executeTakeFirstOrThrow();
      expect(consult).toMatchObject({ state: 'in_progress', assignee_id: consultant.id });
    } finally {
      await db.updateTable('centres').set({ assignment_mode: 'pull' }).execute();
      await db.updateTable('users').set({ on_shift: false }).execute();
    }
  });

  it('matches a TB finding in a child from the birth and study dates', async () => {
    const { taskId } = await newTask(fx, 'DEMO1', { birthDate: '2016-06-01' });
    const read = {
      ...cavityRead(),
      findings: [{ code: 'consolidation' as const, formItem: 'infiltrate', side: 'left' as const }],
    };
    const signed = await claimSaveSign(client.radiologist!, taskId, read);
    expect(signed.json().matchedRules.map((m: { id: string }) => m.id)).toEqual(['tb-in-child']);
  });

  it('lets QA edit the rules as data; a reader may not', async () => {
    const denied = await client.radiologist!.request({
      method: 'PUT',
      url: '/api/settings/consultation-rules',
      payload: [],
    });
    expect(denied.statusCode).toBe(403);
    const put = await client.qa!.request({
      method: 'PUT',
      url: '/api/settings/consultation-rules',
      payload: [],
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const { taskId } = await newTask(fx, 'DEMO1');
      const signed = await claimSaveSign(client.radiologist!, taskId, cavityRead());
      expect(signed.json().outcome).toBe('released');
    } finally {
      const reset = await client.qa!.request({
        method: 'PUT',
        url: '/api/settings/consultation-rules',
        payload: [
          {
            id: 'cavity-or-miliary',
            name: 'Any cavity or miliary finding',
            when: { kind: 'finding', codes: ['cavity', 'miliary'] },
          },
          {
            id: 'tb-in-child',
            name: 'Any TB-suggestive finding in a child (under 15)',
            when: { kind: 'tb_suggestive_under_age', age: 15 },
          },
        ],
      });
      expect(reset.statusCode).toBe(200);
    }
  });
});

describe('manual consultation', () => {
  it('holds a read with a question; the consultant amends and their content is released', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const r = client.radiologist!;
    await claim(r, taskId);
    expect((await save(r, taskId, normalRead(), 0)).statusCode).toBe(200);
    const asked = await r.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/consultation`,
      payload: { question: 'Is the right apex really clear?' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().outcome).toBe('pending_consultation');
    const consultId = asked.json().consultationTaskId as string;
    expect((await task(consultId)).consultation_question).toBe('Is the right apex really clear?');
    await claim(client.consultant!, consultId);
    const invalid = await client.consultant!.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/amend`,
      payload: { content: { ...cavityRead(), result: 'normal' }, annotations: [] },
    });
    expect(invalid.statusCode).toBe(422);
    const amended = await client.consultant!.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/amend`,
      payload: { content: cavityRead(), annotations: [], comment: 'Cavity right apex.' },
    });
    expect(amended.statusCode, amended.body).toBe(200);
    const rep = amended.json().report;
    expect(rep).toMatchObject({ state: 'final', currentVersion: 2 });
    expect(rep.content.findings[0].code).toBe('cavity');
    const one = await client.clinic1!.request({ method: 'GET', url: `/api/reports/${rep.id}` });
    const versions = one.json().versions;
    expect(versions[1]).toMatchObject({ kind: 'consultant_amend', comment: 'Cavity right apex.' });
    expect(versions[1].view.tbSuggestive).toBe(true);
    expect(one.json().content.findings[0].code).toBe('cavity');
    expect((await task(taskId)).state).toBe('completed');
  });
});

describe('unreadable', () => {
  it('requests a retake, waits for images, and queues the read again when they arrive', async () => {
    const { taskId, studyId, studyUid } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, taskId, unreadableRead());
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().outcome).toBe('retake_requested');
    const before = await task(taskId);
    expect(before).toMatchObject({ state: 'awaiting_images', assignee_id: null });
    const shown = await client.clinic1!.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/reports`,
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.json().reports).toEqual([]);
    expect(shown.json().retakes).toHaveLength(1);
    expect(shown.json().retakes[0]).toMatchObject({
      reasons: ['motion', 'cut_off_anatomy'],
      reasonLabels: ['Motion', 'Cut-off anatomy'],
      requestedBy: 'Dr Rosa Reyes',
      fulfilledAt: null,
    });
    expect(shown.json().retakes[0].note).toContain('apices');

    // The study becomes stable again without new images: nothing changes.
    const event = { studyId, stableAt: new Date().toISOString(), numInstances: 1 };
    await createPrimaryReadTask(fx.tdb.db, event, new Date());
    expect((await task(taskId)).state).toBe('awaiting_images');
    // New images arrive, then the study is stable again: back in the queue, fresh SLA clock.
    const arrived = new Date(Date.now() + 1000);
    await fx.tdb.db
      .updateTable('studies')
      .set({ last_received_at: arrived })
      .where('id', '=', studyId)
      .execute();
    // The fixture's study is index rows only: a DX image's row stands for the new images.
    const series = await fx.tdb.db
      .insertInto('series')
      .values({ study_id: studyId, series_uid: `${studyUid}.2`, modality: 'DX' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await fx.tdb.db
      .insertInto('instances')
      .values({
        study_id: studyId,
        series_id: series.id,
        sop_uid: `${studyUid}.2.1`,
        sop_class_uid: '1.2.840.10008.5.1.4.1.1.1.1', // Digital X-Ray Image, for presentation
        instance_number: 1,
        transfer_syntax_uid: '1.2.840.10008.1.2.1',
        rows: null,
        columns: null,
        bits_allocated: null,
        number_of_frames: null,
        size_bytes: 1,
        sha256: '0'.repeat(64),
        storage_key: 'none',
        metadata: '{}',
        received_at: arrived,
        door: 'dimse',
        calling_ae: 'DEMO1',
        user_id: null,
        remote_address: null,
        request_id: null,
      })
      .execute();
    const requeuedAt = new Date(Date.now() + 2000);
    const again = await createPrimaryReadTask(fx.tdb.db, event, requeuedAt);
    expect(again).toEqual({ outcome: 'exists', taskId });
    const after = await task(taskId);
    expect(after.state).toBe('queued');
    expect(after.queued_at!.getTime()).toBe(requeuedAt.getTime());
    expect(after.due_at!.getTime()).toBeGreaterThan(requeuedAt.getTime());
    const report = await fx.tdb.db
      .selectFrom('reports')
      .select('state')
      .where('task_id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(report.state).toBe('draft');
    const later = await client.clinic1!.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/reports`,
    });
    expect(later.json().retakes[0].fulfilledAt).not.toBeNull();
    // The next reader reads the new images and signs normally.
    await claim(client.radiologist2!, taskId);
    const open = await client.radiologist2!.request({
      method: 'GET',
      url: `/api/tasks/${taskId}/report`,
    });
    const rev = open.json().report.revision as number;
    expect((await save(client.radiologist2!, taskId, normalRead(), rev)).statusCode).toBe(200);
    const sign = await client.radiologist2!.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/report/sign`,
      payload: { revision: rev + 1 },
    });
    expect(sign.json().outcome).toBe('released');
  });
});
