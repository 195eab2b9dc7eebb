import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { onReadFinalised } from '../reports';
import { abnormalReport } from '../delivery/testSupport';
import { cavityRead, claim, claimSaveSign, newTask, normalRead } from '../reports/testSupport';
import { sampleFinalisedRead } from './sampling';
import { seededDraw } from './selection';
import { wirePeerReview } from './wiring';

/**
 * Peer review end to end through the API: a read finalised under a programme is sampled in the
 * releasing transaction; a second radiologist scores it (blind: only after their own read); a 3b
 * opens a discrepancy case that tells the consultants; the consultant's settlement gives the
 * reader feedback and releases an addendum the clinic reads; scores stay confidential.
 */
let fx: AppFixture;
let qa: TestClient;
let reader: TestClient;
let reviewer: TestClient;
let consultant: TestClient;
let programmeId: string;

const rule = (over: Record<string, unknown> = {}) => ({
  samplePercent: 100,
  targets: { abnormal: false, consultation: false, readerIds: [] },
  blind: false,
  ...over,
});

async function setProgramme(over: Record<string, unknown> = {}, active = true) {
  const res = await qa.request({
    method: 'PUT',
    url: `/api/peer-review/programmes/${programmeId}`,
    payload: { name: 'Every read', active, rule: rule(over) },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** A DEMO1 read signed and released by `radiologist`; its report id and peer-review task. */
async function finalisedRead() {
  const { taskId } = await newTask(fx, 'DEMO1');
  const signed = await claimSaveSign(reader, taskId, normalRead());
  expect(signed.statusCode, signed.body).toBe(200);
  const reportId = signed.json().report.id as string;
  const review = await fx.tdb.db
    .selectFrom('peer_reviews')
    .select(['task_id', 'id'])
    .where('report_id', '=', reportId)
    .executeTakeFirst();
  return { reportId, reviewTaskId: review?.task_id ?? null, primaryTaskId: taskId };
}

beforeAll(async () => {
  fx = await appWithDemo();
  qa = await signIn(fx.app, 'qa');
  reader = await signIn(fx.app, 'radiologist');
  reviewer = await signIn(fx.app, 'radiologist2');
  consultant = await signIn(fx.app, 'consultant');
  const created = await qa.request({
    method: 'POST',
    url: '/api/peer-review/programmes',
    payload: { name: 'Every read', active: true, rule: rule() },
  });
  expect(created.statusCode, created.body).toBe(200);
  programmeId = created.json().id;
});
beforeEach(() => wirePeerReview({ seed: 'peer-review-int' }));
afterAll(async () => fx?.close());

describe('sampling at finalisation', () => {
  it('queues a peer review with the release, and nothing when no programme is active', async () => {
    const sampled = await finalisedRead();
    expect(sampled.reviewTaskId).not.toBeNull();
    await setProgramme({}, false);
    try {
      expect((await finalisedRead()).reviewTaskId).toBeNull();
    } finally {
      await setProgramme();
    }
  });

  it('commits in the releasing transaction: a failing hand-off leaves the report unreleased', async () => {
    const draw = seededDraw('x');
    onReadFinalised(async (trx, read) => {
      await sampleFinalisedRead(trx, read, draw);
      throw new Error('hand-off failed');
    });
    const { taskId } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(reader, taskId, normalRead());
    expect(signed.statusCode).toBe(500);
    const report = await fx.tdb.db
      .selectFrom('reports')
      .select(['id', 'state', 'released_at'])
      .where('task_id', '=', taskId)
      .executeTakeFirstOrThrow();
    expect(report).toMatchObject({ state: 'draft', released_at: null });
    const reviews = await fx.tdb.db
      .selectFrom('peer_reviews')
      .select('id')
      .where('report_id', '=', report.id)
      .execute();
    expect(reviews).toEqual([]);
  });
});

describe('targeted cases', () => {
  /** The reason the read of `reportId` was chosen, or null when it was not. */
  const reasonOf = async (reportId: string) =>
    (
      await fx.tdb.db
        .selectFrom('peer_reviews')
        .select('reason')
        .where('report_id', '=', reportId)
        .executeTakeFirst()
    )?.reason ?? null;

  it('reviews every abnormal read and every consulted read, and no other, with no random share', async () => {
    await setProgramme({
      samplePercent: 0,
      targets: { abnormal: true, consultation: true, readerIds: [] },
    });
    try {
      expect(await reasonOf((await finalisedRead()).reportId)).toBeNull();

      const abnormal = await newTask(fx, 'DEMO1');
      const signed = await claimSaveSign(reader, abnormal.taskId, abnormalReport());
      expect(signed.json().outcome, signed.body).toBe('released');
      expect(await reasonOf(signed.json().report.id)).toBe('abnormal');

      // A cavity is held for a consultant; the read is final (and sampled) when they concur.
      await setProgramme({
        samplePercent: 0,
        targets: { abnormal: false, consultation: true, readerIds: [] },
      });
      const held = await newTask(fx, 'DEMO1');
      const sent = await claimSaveSign(reader, held.taskId, cavityRead());
      expect(sent.json().outcome, sent.body).toBe('pending_consultation');
      const heldId = sent.json().report.id as string;
      expect(await reasonOf(heldId)).toBeNull();
      const consultId = sent.json().consultationTaskId as string;
      await claim(consultant, consultId);
      const concur = await consultant.request({
        method: 'POST',
        url: `/api/consultations/${consultId}/concur`,
        payload: { comment: 'Agree.' },
      });
      expect(concur.statusCode, concur.body).toBe(200);
      expect(await reasonOf(heldId)).toBe('consultation');
    } finally {
      await setProgramme();
    }
  });

  it('reviews every read of a chosen reader', async () => {
    const rosa = await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'radiologist')
      .executeTakeFirstOrThrow();
    await setProgramme({
      samplePercent: 0,
      targets: { abnormal: false, consultation: false, readerIds: [rosa.id] },
    });
    try {
      expect(await reasonOf((await finalisedRead()).reportId)).toBe('reader');
    } finally {
      await setProgramme();
    }
  });
});

describe('scoring, discrepancy and settlement', () => {
  it('scores 3b, opens a discrepancy, and the consultant’s addendum reaches the clinic', async () => {
    const { reportId, reviewTaskId } = await finalisedRead();
    await claim(reviewer, reviewTaskId!);
    const view = await reviewer.request({ url: `/api/tasks/${reviewTaskId}/peer-review` });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().original.id).toBe(reportId);
    // The reviewer judges the read, not the person.
    expect(view.json().original.signerName).toBe('the original reader');
    const signer = await fx.tdb.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'radiologist')
      .executeTakeFirstOrThrow();
    expect(view.body).not.toContain(signer.display_name);

    const noComment = await reviewer.request({
      method: 'POST',
      url: `/api/tasks/${reviewTaskId}/peer-review/score`,
      payload: { score: '2a' },
    });
    expect(noComment.statusCode).toBe(400);
    const scored = await reviewer.request({
      method: 'POST',
      url: `/api/tasks/${reviewTaskId}/peer-review/score`,
      payload: { score: '3b', comment: 'Right upper zone opacity not reported.' },
    });
    expect(scored.statusCode, scored.body).toBe(200);
    expect(scored.json()).toMatchObject({ score: '3b', task: { state: 'completed' } });

    const open = await consultant.request({ url: '/api/peer-review/discrepancies' });
    const kase = open.json().items.find((c: { reportId: string }) => c.reportId === reportId);
    expect(kase).toMatchObject({ state: 'open', score: '3b' });
    const told = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'peer_review.discrepancy')
      .execute();
    expect(told.map((t) => t.username)).toContain('consultant');

    const settled = await consultant.request({
      method: 'POST',
      url: `/api/peer-review/discrepancies/${kase.id}/resolve`,
      payload: {
        feedback: 'Look again at the apices on every film.',
        addendum: 'Addendum: right upper zone opacity; sputum testing advised.',
      },
    });
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json()).toMatchObject({ state: 'closed', addendumVersion: 2 });

    const clinic = await signIn(fx.app, 'clinic1');
    const seen = await clinic.request({ url: `/api/reports/${reportId}` });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.body).toContain('right upper zone opacity; sputum testing advised');

    const again = await consultant.request({
      method: 'POST',
      url: `/api/peer-review/discrepancies/${kase.id}/resolve`,
      payload: { feedback: 'twice' },
    });
    expect(again.json().error.code).toBe('DISCREPANCY_CLOSED');

    // Confidential: the reader sees their own score and the feedback, without the reviewer.
    const mine = await reader.request({ url: '/api/peer-reviews' });
    const own = mine.json().items.find((s: { reportId: string }) => s.reportId === reportId);
    expect(own).toMatchObject({
      score: '3b',
      reviewerName: null,
      discrepancy: { feedback: 'Look again at the apices on every film.' },
    });
    const feedback = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'peer_review.feedback')
      .execute();
    expect(feedback.map((f) => f.username)).toEqual(['radiologist']);
    // The reviewer's own list holds only the scores of their own reads: not this one.
    const theirs = await reviewer.request({ url: '/api/peer-reviews' });
    expect(theirs.body).not.toContain(reportId);
    // Even asking for everyone's, a radiologist gets only their own.
    const sneaky = await reviewer.request({ url: '/api/peer-reviews?mine=false' });
    expect(sneaky.body).not.toContain(reportId);
    // QA sees everyone's, named.
    const all = await qa.request({ url: '/api/peer-reviews' });
    const named = all.json().items.find((s: { reportId: string }) => s.reportId === reportId);
    expect(named.readerName).toMatch(/\S/);
    expect(named.reviewerName).toMatch(/\S/);
    expect(all.json().distribution['3b']).toBeGreaterThanOrEqual(1);
  });

  it('keeps a blind review blind until the reviewer has recorded their own read', async () => {
    await setProgramme({ blind: true });
    try {
      const { reportId, reviewTaskId } = await finalisedRead();
      await claim(reviewer, reviewTaskId!);
      const before = await reviewer.request({ url: `/api/tasks/${reviewTaskId}/peer-review` });
      expect(before.json()).toMatchObject({ blind: true, original: null, ownRead: null });
      expect(before.body).not.toContain('No active lung disease');
      const early = await reviewer.request({
        method: 'POST',
        url: `/api/tasks/${reviewTaskId}/peer-review/score`,
        payload: { score: '1' },
      });
      expect(early.json().error.code).toBe('PEER_REVIEW_BLIND_READ_FIRST');
      const read = await reviewer.request({
        method: 'POST',
        url: `/api/tasks/${reviewTaskId}/peer-review/blind-read`,
        payload: { impression: 'Normal chest.', abnormal: false },
      });
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json().original.id).toBe(reportId);
      const scored = await reviewer.request({
        method: 'POST',
        url: `/api/tasks/${reviewTaskId}/peer-review/score`,
        payload: { score: '1' },
      });
      expect(scored.statusCode, scored.body).toBe(200);
      // A concurring score opens no case.
      const cases = await fx.tdb.db
        .selectFrom('discrepancy_cases')
        .select('id')
        .where('report_id', '=', reportId)
        .execute();
      expect(cases).toEqual([]);
    } finally {
      await setProgramme();
    }
  });

  it('never lets the original reader open or score their own review', async () => {
    const { reviewTaskId } = await finalisedRead();
    const own = await reader.request({ method: 'POST', url: `/api/tasks/${reviewTaskId}/claim` });
    expect(own.json().error.code).toBe('TASK_OWN_READ');
    const view = await reader.request({ url: `/api/tasks/${reviewTaskId}/peer-review` });
    expect(view.json().error.code).toBe('TASK_OWN_READ');
  });
});
