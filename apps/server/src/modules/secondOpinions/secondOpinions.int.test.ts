import { DEFAULT_SECOND_OPINION_SLA } from '@telerad/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { claim, newTask } from '../reports/testSupport';

/**
 * Second opinions through the API: a question becomes a consultant-only task due by the SLA in
 * force, never given to its asker; the signed note answers it, tells the asker and never changes;
 * other clinics see none of it.
 */
let fx: AppFixture;
let clinic1: TestClient;
let clinic2: TestClient;
let consultant: TestClient;
let radiologist: TestClient;

beforeAll(async () => {
  fx = await appWithDemo();
  clinic1 = await signIn(fx.app, 'clinic1');
  clinic2 = await signIn(fx.app, 'clinic2');
  consultant = await signIn(fx.app, 'consultant');
  radiologist = await signIn(fx.app, 'radiologist');
});
afterAll(async () => fx?.close());

/** A DEMO1 study (with its primary read) to ask about. */
async function demo1Study(): Promise<string> {
  return (await newTask(fx, 'DEMO1')).studyUid;
}

async function ask(c: TestClient, studyUid: string, question: string, urgent = false) {
  return c.request({
    method: 'POST',
    url: `/api/studies/${studyUid}/second-opinions`,
    payload: { question, urgent },
  });
}

async function taskOf(id: string) {
  return fx.tdb.db
    .selectFrom('second_opinions as o')
    .innerJoin('reading_tasks as t', 't.id', 'o.task_id')
    .select([
      't.id',
      't.type',
      't.state',
      't.priority',
      't.due_at',
      't.excluded_reader_id',
      'o.created_at',
    ])
    .where('o.id', '=', id)
    .executeTakeFirstOrThrow();
}

const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;

describe('asking', () => {
  it('queues a consultant-only task due by the SLA in force, routine or urgent', async () => {
    const studyUid = await demo1Study();
    const routine = await ask(clinic1, studyUid, 'Is the left apical shadow a old scar?');
    expect(routine.statusCode, routine.body).toBe(200);
    expect(routine.json()).toMatchObject({ state: 'open', askedBy: 'clinic', mine: true });
    const t1 = await taskOf(routine.json().id);
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
      const t2 = await taskOf(urgent.json().id);
      expect(t2.priority).toBe('urgent');
      expect(minutesBetween(t2.created_at, t2.due_at!)).toBe(45);
      const routine2 = await ask(clinic1, studyUid, 'And the right hilum?');
      expect(
        minutesBetween(
          (await taskOf(routine2.json().id)).created_at,
          new Date(routine2.json().dueAt),
        ),
      ).toBe(180);
    } finally {
      await setSla(admin, DEFAULT_SECOND_OPINION_SLA);
    }
  });

  it('tells the centre’s consultants, and lists the question on the study page', async () => {
    const studyUid = await demo1Study();
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
    const studyUid = await demo1Study();
    const asked = await ask(consultant, studyUid, 'A colleague’s view on this nodule, please.');
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().askedBy).toBe('centre');
    const task = await taskOf(asked.json().id);
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
    expect((await taskOf(asked.json().id)).state).toBe('queued');

    // The asker may withdraw it: the task leaves the worklist.
    const withdrawn = await consultant.request({
      method: 'POST',
      url: `/api/second-opinions/${asked.json().id}/withdraw`,
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().state).toBe('withdrawn');
    expect((await taskOf(asked.json().id)).state).toBe('cancelled');
  });
});

describe('the consult note', () => {
  it('is signed by the claimant, tells the asker, and never changes', async () => {
    const studyUid = await demo1Study();
    const asked = await ask(clinic1, studyUid, 'Does this need a sputum test?');
    const id = asked.json().id as string;
    const { id: taskId } = await taskOf(id);
    await claim(consultant, taskId);
    const view = await consultant.request({
      method: 'GET',
      url: `/api/tasks/${taskId}/second-opinion`,
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().request.question).toBe('Does this need a sputum test?');

    const signed = await consultant.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/second-opinion/sign`,
      payload: { text: 'Yes: upper-zone fibronodular change; sputum smear and culture advised.' },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().request).toMatchObject({ state: 'answered' });
    expect(signed.json().request.note.signedByName).toBeTruthy();
    expect((await taskOf(id)).state).toBe('completed');

    // The asker is told, with a link to the study page, and reads the note there.
    const told = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.link'])
      .where('n.kind', '=', 'second_opinion.answered')
      .where('n.dedupe_key', '=', `second_opinion.answered:${id}`)
      .execute();
    expect(told).toEqual([{ username: 'clinic1', link: `/studies/${studyUid}` }]);
    const list = await clinic1.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/second-opinions`,
    });
    expect(list.json().items[0].note.text).toBe(
      'Yes: upper-zone fibronodular change; sputum smear and culture advised.',
    );
    const pdf = await clinic1.request({
      method: 'GET',
      url: `/api/second-opinions/${id}/note.pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Signed is final: no second signature, no withdrawal, and the database refuses an edit.
    const again = await consultant.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/second-opinion/sign`,
      payload: { text: 'Changed my mind.' },
    });
    expect(again.statusCode).toBe(409);
    expect(['TASK_CLOSED', 'SECOND_OPINION_CLOSED']).toContain(again.json().error.code);
    const late = await clinic1.request({
      method: 'POST',
      url: `/api/second-opinions/${id}/withdraw`,
    });
    expect(late.json().error.code).toBe('SECOND_OPINION_CLOSED');
    await expect(
      sql`update consult_notes set text = 'edited' where second_opinion_id = ${id}`.execute(
        fx.tdb.db,
      ),
    ).rejects.toThrow(/cannot be changed/);
    await expect(
      sql`delete from consult_notes where second_opinion_id = ${id}`.execute(fx.tdb.db),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('is corrected only by a signed addendum, which tells the asker', async () => {
    const studyUid = await demo1Study();
    const asked = await ask(clinic1, studyUid, 'Is the heart enlarged?');
    const id = asked.json().id as string;
    const addendum = (c: TestClient, text: string) =>
      c.request({ method: 'POST', url: `/api/second-opinions/${id}/addenda`, payload: { text } });
    // Nothing to correct before the note is signed.
    const early = await addendum(consultant, 'Too early.');
    expect(early.statusCode).toBe(404);
    expect(early.json().error.code).toBe('SECOND_OPINION_NOT_ANSWERED');
    const { id: taskId } = await taskOf(id);
    await claim(consultant, taskId);
    const signed = await consultant.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/second-opinion/sign`,
      payload: { text: 'Heart size normal.' },
    });
    expect(signed.statusCode, signed.body).toBe(200);
    // The clinic may not correct the consultant.
    expect((await addendum(clinic1, 'Clinic edit')).statusCode).toBe(403);
    const added = await addendum(
      consultant,
      'Correction: CTR 0.52, borderline; review in 6 months.',
    );
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().note).toMatchObject({
      text: 'Heart size normal.',
      addenda: [{ text: 'Correction: CTR 0.52, borderline; review in 6 months.' }],
    });
    const seen = await clinic1.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/second-opinions`,
    });
    expect(seen.json().items[0].note.addenda).toHaveLength(1);
    const told = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'second_opinion.amended')
      .where('n.clinic_id', 'is not', null)
      .execute();
    expect(told.map((n) => n.username)).toContain('clinic1');
    await expect(
      sql`update consult_note_addenda set text = 'edited'`.execute(fx.tdb.db),
    ).rejects.toThrow(/cannot be changed/);
  });

  it('asks for the second factor where signing a report does', async () => {
    const admin = await signIn(fx.app, 'admin');
    const current = (
      await admin.request({ method: 'GET', url: '/api/settings/security' })
    ).json() as Record<string, unknown>;
    const put = await admin.request({
      method: 'PUT',
      url: '/api/settings/security',
      payload: { ...current, mfaOnSign: true },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const asked = await ask(clinic1, await demo1Study(), 'Old or active?');
      const { id: taskId } = await taskOf(asked.json().id);
      await claim(consultant, taskId);
      const res = await consultant.request({
        method: 'POST',
        url: `/api/tasks/${taskId}/second-opinion/sign`,
        payload: { text: 'Old, healed.' },
      });
      // The demo consultant has no authenticator yet: signing asks them to set one up.
      expect(res.json().error.code).toBe('MFA_ENROLLMENT_REQUIRED');
      expect((await taskOf(asked.json().id)).state).toBe('in_progress');
    } finally {
      await admin.request({
        method: 'PUT',
        url: '/api/settings/security',
        payload: { ...current, mfaOnSign: false },
      });
    }
  });
});

describe('clinic scope', () => {
  it('shows a clinic only the questions on its own studies', async () => {
    const studyUid = await demo1Study();
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
