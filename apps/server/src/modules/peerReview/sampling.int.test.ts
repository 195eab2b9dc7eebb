import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';
import type { FinalisedRead } from '../reports';
import { normalReport } from '../delivery/testSupport';
import { sampleFinalisedRead } from './sampling';
import { chooseForReview, seededDraw } from './selection';

/**
 * Sampling at finalisation: a programme sampling 10 % over 1,000 finalised reads of three
 * readers draws a sample within binomial bounds, for the whole and for each reader; every
 * sampled review is queued with its reader excluded, and the worklist refuses that reader's claim
 * and the next-task pick while another radiologist can take it. The draw is seeded: the same seed
 * chooses the same reads.
 */
let fx: AppFixture;
const READS = 1000;
const RATE = 0.1;
const SEED = 'sampling-test-seed';
let readers: { id: string; username: string }[];
let reads: FinalisedRead[];

beforeAll(async () => {
  fx = await appWithDemo();
  const db = fx.tdb.db;
  const file = await writeCxr(path.join(fx.dataDir, 's.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
  });
  const stored = await fx.storeAs('DEMO1', file.path);
  const study = await db
    .selectFrom('studies')
    .select(['id', 'clinic_id'])
    .where('id', '=', stored.studyId)
    .executeTakeFirstOrThrow();
  readers = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['radiologist', 'radiologist2', 'consultant'])
    .orderBy('username')
    .execute();
  // 1,000 finalised primary reads, round-robin over the three readers, as their rows stand after
  // a release (the release path itself is proven in finalisation.int.test.ts).
  const now = new Date();
  const tasks = await db
    .insertInto('reading_tasks')
    .values(
      Array.from({ length: READS }, (_, i) => ({
        study_id: study.id,
        clinic_id: study.clinic_id,
        type: 'primary_read',
        state: 'completed',
        assignee_id: readers[i % readers.length]!.id,
        created_at: now,
        queued_at: now,
        completed_at: now,
      })),
    )
    .returning(['id', 'assignee_id'])
    .execute();
  const content = JSON.stringify({ ...normalReport(), findings: [], recommendations: [] });
  const reports = await db
    .insertInto('reports')
    .values(
      tasks.map((t, i) => ({
        // Fixed ids: with the fixed seed, every run draws the very same sample.
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        task_id: t.id,
        study_id: study.id,
        clinic_id: study.clinic_id,
        programme: 'US',
        form_id: 'us-ds3030',
        form_version: '2026.1',
        state: 'final',
        content,
        annotations: '[]',
        author_id: t.assignee_id,
        signed_by: t.assignee_id,
        signed_at: now,
        released_at: now,
        current_version: 1,
        updated_at: now,
      })),
    )
    .returning(['id', 'task_id', 'signed_by'])
    .execute();
  reads = reports.map((r) => ({
    reportId: r.id,
    taskId: r.task_id,
    studyId: study.id,
    clinicId: study.clinic_id,
    readerId: r.signed_by!,
    abnormal: false,
    consulted: false,
    pilot: false,
    now,
  }));
  await db
    .insertInto('peer_review_programmes')
    .values({
      id: '00000000-0000-4000-8000-0000000000aa',
      name: 'Ten per cent',
      rule: JSON.stringify({
        samplePercent: RATE * 100,
        targets: { abnormal: false, consultation: false, readerIds: [] },
        blind: false,
      }),
      updated_at: now,
    })
    .execute();
  const draw = seededDraw(SEED);
  for (const read of reads)
    await db.transaction().execute((trx) => sampleFinalisedRead(trx, read, draw));
}, 300_000);
afterAll(async () => fx?.close());

/** Two-sided bounds holding a Binomial(n, p) count with probability ≥ 99.9 % (normal, z 3.29). */
function binomialBounds(n: number, p: number): [number, number] {
  const sd = Math.sqrt(n * p * (1 - p));
  return [Math.floor(n * p - 3.29 * sd), Math.ceil(n * p + 3.29 * sd)];
}

describe('peer-review sampling over 1,000 finalised reads at 10 %', () => {
  // With this seed and these ids the draw takes 110 of the 1,000 reads (27, 39 and 44 per reader):
  // bounds 68–132 overall and 15–52 per reader.
  it('draws a sample within binomial bounds, overall and for each reader', async () => {
    const rows = await fx.tdb.db
      .selectFrom('peer_reviews')
      .select(['reader_id', sql<number>`count(*)::int`.as('n')])
      .groupBy('reader_id')
      .execute();
    const total = rows.reduce((s, r) => s + r.n, 0);
    const [lo, hi] = binomialBounds(READS, RATE);
    expect(total).toBeGreaterThanOrEqual(lo);
    expect(total).toBeLessThanOrEqual(hi);
    for (const reader of readers) {
      const mine = reads.filter((r) => r.readerId === reader.id).length;
      const [rlo, rhi] = binomialBounds(mine, RATE);
      const n = rows.find((r) => r.reader_id === reader.id)?.n ?? 0;
      expect(n, reader.username).toBeGreaterThanOrEqual(rlo);
      expect(n, reader.username).toBeLessThanOrEqual(rhi);
    }
  });

  it('queues every sampled review as a peer-review task that excludes the original reader', async () => {
    const rows = await fx.tdb.db
      .selectFrom('peer_reviews as r')
      .innerJoin('reading_tasks as t', 't.id', 'r.task_id')
      .select(['r.reader_id', 'r.reason', 't.type', 't.state', 't.excluded_reader_id'])
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r).toMatchObject({ type: 'peer_review', state: 'queued', reason: 'random' });
      expect(r.excluded_reader_id).toBe(r.reader_id);
    }
  });

  it('chooses the same reads again under the same seed, and other reads under another', async () => {
    const programmes = [
      {
        id: (
          await fx.tdb.db
            .selectFrom('peer_review_programmes')
            .select('id')
            .where('active', '=', true)
            .executeTakeFirstOrThrow()
        ).id,
        rule: {
          samplePercent: 10,
          discordantPercent: 0,
          targets: { abnormal: false, consultation: false, readerIds: [] },
          blind: false,
        },
      },
    ];
    const chosen = (seed: string) =>
      reads
        .filter((r) =>
          chooseForReview(programmes, { ...r, cadDiscordant: false }, seededDraw(seed)),
        )
        .map((r) => r.reportId);
    const stored = (await fx.tdb.db.selectFrom('peer_reviews').select('report_id').execute()).map(
      (r) => r.report_id,
    );
    expect(new Set(chosen(SEED))).toEqual(new Set(stored));
    expect(new Set(chosen('another seed'))).not.toEqual(new Set(stored));
  });

  it("refuses the original reader's claim and next-task pick; another reader claims it", async () => {
    const review = await fx.tdb.db
      .selectFrom('peer_reviews as r')
      .innerJoin('users as u', 'u.id', 'r.reader_id')
      .select(['r.task_id', 'u.username'])
      .orderBy('r.created_at')
      .executeTakeFirstOrThrow();
    // Only this review stays open among the reviews, so "next" could only hand out this one.
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ state: 'cancelled' })
      .where('type', '=', 'peer_review')
      .where('id', '<>', review.task_id)
      .execute();
    const own = await signIn(fx.app, review.username);
    const claim = await own.request({ method: 'POST', url: `/api/tasks/${review.task_id}/claim` });
    expect(claim.statusCode, claim.body).toBe(403);
    expect(claim.json().error.code).toBe('TASK_OWN_READ');
    const next = await own.request({ method: 'POST', url: '/api/tasks/next' });
    expect([200, 404], next.body).toContain(next.statusCode);
    if (next.statusCode === 200) expect(next.json().id).not.toBe(review.task_id);
    const other = readers.find((r) => r.username !== review.username)!;
    const reassign = await (
      await signIn(fx.app, 'consultant')
    ).request({
      method: 'POST',
      url: `/api/tasks/${review.task_id}/reassign`,
      payload: { assigneeId: readers.find((r) => r.username === review.username)!.id },
    });
    expect(reassign.statusCode, reassign.body).toBe(400);
    expect(reassign.json().error.code).toBe('ASSIGNEE_IS_OWN_READER');
    const taken = await (
      await signIn(fx.app, other.username)
    ).request({ method: 'POST', url: `/api/tasks/${review.task_id}/claim` });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().type).toBe('peer_review');
  });
});
