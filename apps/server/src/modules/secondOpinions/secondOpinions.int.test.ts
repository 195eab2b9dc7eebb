import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SECOND_OPINION_SLA } from '@telerad/contracts';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { ask, demo1Study, secondOpinionWorld, taskOf } from './testSupport';

/**
 * Second opinions through the API: a question becomes a consultant-only task due by the SLA in
 * force, never given to its asker; other clinics see none of it.
 */
let fx: AppFixture;
let clinic1: TestClient;
let clinic2: TestClient;
let consultant: TestClient;
let radiologist: TestClient;

beforeAll(async () => {
  fx = await appWithDemo();
  ({ clinic1, clinic2, consultant, radiologist } = await secondOpinionWorld(fx));
});
afterAll(async () => fx?.close());

const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

describe('asking', () => {
  it('queues a consultant-only task due by the SLA in force, routine or urgent', async () => {
    const studyUid = await demo1Study(fx);
    const routine = await ask(clinic1, studyUid, 'Is the left apical shadow an old scar?');
    expect(routine.statusCode, routine.body).toBe(200);
    expect(routine.json()).toMatchObject({ state: 'open', askedBy: 'clinic', mine: true });
    const t1 = await taskOf(fx, routine.json().id);
    expect(t1).toMatchObject({ type: 'second_opinion', state: 'queued', priority: 'routine' });
    // Defaults: a day for a routine question.
    expect(minutesBetween(t1.created_at, t1.due_at!)).toBe(24 * 60);
    expect(routine.json().dueAt).toBe(t1.due_at!.toISOString());

    // The SLA is data: the administrator's setting times the next question.
    const admin = await signIn(fx.app, 'admin');
    const setSla = (c: TestClient, payload: Record<string, number>) =>
      c.request({ method: 'PUT', url: '/api/settings/second-opinion', payload });
    expect((await setSla(clinic1, { routineMinutes: 60, urgentMinutes: 30 })).statusCode).toBe(403);
    const saved = await setSla(admin, { routineMinutes: 180, urgentMinutes: 45 });
    expect(saved.statusCode, saved.body).toBe(200);
    try {
      const urgent = await ask(clinic1, studyUid, 'Cavity or overlapping ribs?', true);
      expect(urgent.statusCode, urgent.body).toBe(200);
      const t2 = await taskOf(fx, urgent.json().id);
      expect(t2.priority).toBe('urgent');
      expect(minutesBetween(t2.created_at, t2.due_at!)).toBe(45);
      const routine2 = await ask(clinic1, studyUid, 'And the right hilum?');
      expect(
        minutesBetween(
          (await taskOf(fx, routine2.json().id)).created_at,
          new Date(routine2.json().dueAt),
        ),
      ).toBe(180);
    } finally {
      await setSla(admin, DEFAULT_SECOND_OPINION_SLA);
    }
  });

  it('tells the centre’s consultants, and lists the question on the study page', async () => {
    const studyUid = await demo1Study(fx);
    const asked = await ask(clinic1, studyUid, 'Please look at the costophrenic angles.');
    const told = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.body'])
      .where('n.kind', '=', 'second_opinion.requested')
      .where('n.dedupe_key', '=', `second_opinion.requested:${asked.json().id}`)
      .execute();
    expect(told.map((n) => n.username)).toEqual(['consultant']);
    expect(told[0]!.body).toContain('Please look at the costophrenic angles.');
    const list = await clinic1.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/second-opinions`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      question: 'Please look at the costophrenic angles.',
      requesterName: expect.any(String),
      note: null,
    });
  });
});

describe('the task', () => {
  it('never goes to its asker, and only consultants take it', async () => {
    const studyUid = await demo1Study(fx);
    const asked = await ask(consultant, studyUid, 'A colleague’s view on this nodule, please.');
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().askedBy).toBe('centre');
    const task = await taskOf(fx, asked.json().id);
    const me = await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'consultant')
      .executeTakeFirstOrThrow();
    expect(task.excluded_reader_id).toBe(me.id);

    const own = await consultant.request({ method: 'POST', url: `/api/tasks/${task.id}/claim` });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe('TASK_OWN_READ');
    const notConsultant = await radiologist.request({
      method: 'POST',
      url: `/api/tasks/${task.id}/claim`,
    });
    expect(notConsultant.statusCode).toBe(409);
    expect(notConsultant.json().error.code).toBe('TASK_NOT_CLAIMABLE');
    // "Next task" never picks it for its asker either.
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ state: 'cancelled' })
      .where('state', 'in', ['queued', 'waiting'])
      .where('id', '<>', task.id)
      .execute();
    const next = await consultant.request({ method: 'POST', url: '/api/tasks/next' });
    expect(next.json().id ?? null).not.toBe(task.id);
    expect((await taskOf(fx, asked.json().id)).state).toBe('queued');

    // The asker may withdraw it: the task leaves the worklist.
    const withdrawn = await consultant.request({
      method: 'POST',
      url: `/api/second-opinions/${asked.json().id}/withdraw`,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().state).toBe('withdrawn');
    expect((await taskOf(fx, asked.json().id)).state).toBe('cancelled');
  });
});

describe('the API description', () => {
  it('documents every second-opinion route', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths as Record<string, unknown>)).toEqual(
      expect.arrayContaining([
        '/api/studies/{studyUid}/second-opinions',
        '/api/second-opinions/{id}/withdraw',
        '/api/second-opinions/{id}/addenda',
        '/api/second-opinions/{id}/note.pdf',
        '/api/tasks/{id}/second-opinion',
        '/api/tasks/{id}/second-opinion/sign',
        '/api/settings/second-opinion',
      ]),
    );
  });
});

describe('clinic scope', () => {
  it('shows a clinic only the questions on its own studies', async () => {
    const studyUid = await demo1Study(fx);
    const asked = await ask(clinic1, studyUid, 'Scope check question');
    const id = asked.json().id as string;
    for (const res of [
      await clinic2.request({ method: 'GET', url: `/api/studies/${studyUid}/second-opinions` }),
      await ask(clinic2, studyUid, 'Not my study'),
      await clinic2.request({ method: 'POST', url: `/api/second-opinions/${id}/withdraw` }),
      await clinic2.request({ method: 'GET', url: `/api/second-opinions/${id}/note.pdf` }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Scope check question');
    }
    // Another user of the same clinic sees it, but only its asker may withdraw it.
    const other = await radiologist.request({
      method: 'POST',
      url: `/api/second-opinions/${id}/withdraw`,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('SECOND_OPINION_NOT_ASKER');
  });
});
