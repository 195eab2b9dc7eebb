import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { pdfText } from '../../testing/pdfText';
import { claim } from '../reports/testSupport';
import { ask, demo1Study, secondOpinionWorld, taskOf } from './testSupport';

/**
 * The consult note that answers a second opinion: signed by the claimant (with the second factor
 * where report signing asks it), it tells the asker and never changes; a correction is a signed
 * addendum.
 */
let fx: AppFixture;
let clinic1: TestClient;
let consultant: TestClient;

beforeAll(async () => {
  fx = await appWithDemo();
  ({ clinic1, consultant } = await secondOpinionWorld(fx));
});
afterAll(async () => fx?.close());

describe('the consult note', () => {
  it('is signed by the claimant, tells the asker, and never changes', async () => {
    const studyUid = await demo1Study(fx);
    const asked = await ask(clinic1, studyUid, 'Does this need a sputum test?');
    const id = asked.json().id as string;
    const { id: taskId } = await taskOf(fx, id);
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
    expect((await taskOf(fx, id)).state).toBe('completed');

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
    // The asker's printout names the patient, the clinic, who asked when, the question, the
    // answer and who signed it when (UTC, to the minute).
    const { text, title } = await pdfText(pdf.rawPayload);
    const { clinicName, patientName, patientId } = view.json();
    expect(title).toBe(`Second opinion — ${patientId}`);
    const note = signed.json().request.note;
    const minute = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
    for (const line of [
      'Second opinion',
      `Patient: ${patientName ?? patientId} (${patientId})`,
      `Clinic: ${clinicName}`,
      `Asked by: ${asked.json().requesterName}, ${minute(asked.json().askedAt)}`,
      'Question Does this need a sputum test?',
      "Consultant's note Yes: upper-zone fibronodular change; sputum smear and culture advised.",
      `Electronically signed by ${note.signedByName}`,
      `on ${minute(note.signedAt)}.`,
    ])
      expect(text).toContain(line);
    expect(text).not.toContain('Addendum');

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
    const studyUid = await demo1Study(fx);
    const asked = await ask(clinic1, studyUid, 'Is the heart enlarged?');
    const id = asked.json().id as string;
    const addendum = (c: TestClient, text: string) =>
      c.request({ method: 'POST', url: `/api/second-opinions/${id}/addenda`, payload: { text } });
    // Nothing to correct before the note is signed.
    const early = await addendum(consultant, 'Too early.');
    expect(early.statusCode).toBe(404);
    expect(early.json().error.code).toBe('SECOND_OPINION_NOT_ANSWERED');
    const { id: taskId } = await taskOf(fx, id);
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
      const asked = await ask(clinic1, await demo1Study(fx), 'Old or active?');
      const { id: taskId } = await taskOf(fx, asked.json().id);
      await claim(consultant, taskId);
      const res = await consultant.request({
        method: 'POST',
        url: `/api/tasks/${taskId}/second-opinion/sign`,
        payload: { text: 'Old, healed.' },
      });
      // The demo consultant has no authenticator yet: signing asks them to set one up.
      expect(res.json().error.code).toBe('MFA_ENROLLMENT_REQUIRED');
      expect((await taskOf(fx, asked.json().id)).state).toBe('in_progress');
    } finally {
      await admin.request({
        method: 'PUT',
        url: '/api/settings/security',
        payload: { ...current, mfaOnSign: false },
      });
    }
  });
});
