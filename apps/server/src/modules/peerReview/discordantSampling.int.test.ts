import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { normalReport } from '../delivery/testSupport';
import type { FinalisedRead } from '../reports';
import { sampleFinalisedRead } from './sampling';
import { chooseForReview, seededDraw, type ActiveProgramme } from './selection';

/**
 * Oversampling of CAD–reader discordant reads (docs/adr/0044): 600 finalised reads, every
 * other one recorded as discordant with its CAD result, under a programme sampling 5 % at
 * random and 50 % of discordant reads. With a fixed seed the stored sample is exactly the one
 * the pure selection predicts; each rate lands within binomial bounds; every discordant draw
 * says so.
 */
let fx: AppFixture;
const READS = 600;
const SEED = 'discordant-sampling-seed';
const PROGRAMME: ActiveProgramme = {
  id: '00000000-0000-4000-8000-0000000000bb',
  rule: {
    samplePercent: 5,
    discordantPercent: 50,
    targets: { abnormal: false, consultation: false, readerIds: [] },
    blind: false,
  },
};
let reads: FinalisedRead[];
const discordant = new Set<string>();

beforeAll(async () => {
  fx = await appWithDemo();
  const db = fx.tdb.db;
  const file = await writeCxr(path.join(fx.dataDir, 'd.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
  });
  const stored = await fx.storeAs('DEMO1', file.path);
  const study = await db
    .selectFrom('studies')
    .select(['id', 'clinic_id'])
    .where('id', '=', stored.studyId)
    .executeTakeFirstOrThrow();
  const reader = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'radiologist')
    .executeTakeFirstOrThrow();
  const product = await db
    .insertInto('cad_products')
    .values({
      name: 'CAD4TB',
      vendor: 'Delft Imaging',
      version: '7.0.0',
      score_min: 0,
      score_max: 100,
      higher_is_abnormal: true,
      error_codes: '[]',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const result = await db
    .insertInto('cad_results')
    .values({
      study_id: study.id,
      clinic_id: study.clinic_id,
      product_id: product.id,
      result_key: 'study',
      score: 91,
      labels: '[]',
      source: 'webhook',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date();
  const tasks = await db
    .insertInto('reading_tasks')
    .values(
      Array.from({ length: READS }, () => ({
        study_id: study.id,
        clinic_id: study.clinic_id,
        type: 'primary_read',
        state: 'completed',
        assignee_id: reader.id,
        created_at: now,
        queued_at: now,
        completed_at: now,
      })),
    )
    .returning('id')
    .execute();
  const content = JSON.stringify({ ...normalReport(), findings: [], recommendations: [] });
  const reports = await db
    .insertInto('reports')
    .values(
      tasks.map((t, i) => ({
        // Fixed ids: with the fixed seed, every run draws the very same sample.
        id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
        task_id: t.id,
        study_id: study.id,
        clinic_id: study.clinic_id,
        programme: 'US',
        form_id: 'us-ds3030',
        form_version: '2026.1',
        state: 'final',
        content,
        annotations: '[]',
        author_id: reader.id,
        signed_by: reader.id,
        signed_at: now,
        released_at: now,
        current_version: 1,
        updated_at: now,
      })),
    )
    .returning('id')
    .execute();
  // Every other read: a triage-band score on a normal read, as signing records it.
  const checks = reports.filter((_, i) => i % 2 === 0);
  for (const r of checks) discordant.add(r.id);
  await db
    .insertInto('cad_discordance_checks')
    .values(
      reports.map((r) => ({
        report_id: r.id,
        study_id: study.id,
        clinic_id: study.clinic_id,
        cad_result_id: result.id,
        programme: 'US',
        score: discordant.has(r.id) ? 91 : 20,
        band: discordant.has(r.id) ? 'triage' : 'low',
        read_category: 'normal',
        discordance: discordant.has(r.id) ? 'high_on_normal' : null,
        held_by_rule: null,
        reason: 'test',
        details: '{}',
        decided_at: now,
      })),
    )
    .execute();
  reads = reports.map((r) => ({
    reportId: r.id,
    taskId: tasks[0]!.id,
    studyId: study.id,
    clinicId: study.clinic_id,
    readerId: reader.id,
    abnormal: false,
    consulted: false,
    pilot: false,
    now,
  }));
  await db
    .insertInto('peer_review_programmes')
    .values({
      id: PROGRAMME.id,
      name: 'Five per cent, half of discordant',
      rule: JSON.stringify(PROGRAMME.rule),
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

describe('peer-review oversampling of CAD-discordant reads', () => {
  it('stores exactly the sample the seeded selection predicts, naming discordant draws', async () => {
    const rows = await fx.tdb.db
      .selectFrom('peer_reviews')
      .select(['report_id', 'reason'])
      .where('programme_id', '=', PROGRAMME.id)
      .execute();
    const draw = seededDraw(SEED);
    const predicted = reads.flatMap((r) => {
      const c = chooseForReview(
        [PROGRAMME],
        { ...r, cadDiscordant: discordant.has(r.reportId) },
        draw,
      );
      return c ? [{ report_id: r.reportId, reason: c.reason }] : [];
    });
    const byId = (a: { report_id: string }, b: { report_id: string }) =>
      a.report_id.localeCompare(b.report_id);
    expect(rows.sort(byId)).toEqual(predicted.sort(byId));
    for (const r of rows)
      expect(r.reason).toBe(discordant.has(r.report_id) ? 'cad_discordant' : 'random');
  });

  // With this seed and these ids the draw takes 153 of the 300 discordant reads (bounds 121–179)
  // and 15 of the 300 others (bounds 2–28).
  it('draws discordant reads at 50 % and the others at 5 %, within binomial bounds', async () => {
    const rows = await fx.tdb.db
      .selectFrom('peer_reviews')
      .select('report_id')
      .where('programme_id', '=', PROGRAMME.id)
      .execute();
    const d = rows.filter((r) => discordant.has(r.report_id)).length;
    const other = rows.length - d;
    const half = READS / 2;
    const [dlo, dhi] = binomialBounds(half, 0.5);
    const [olo, ohi] = binomialBounds(half, 0.05);
    expect(d).toBeGreaterThanOrEqual(dlo);
    expect(d).toBeLessThanOrEqual(dhi);
    expect(other).toBeGreaterThanOrEqual(olo);
    expect(other).toBeLessThanOrEqual(ohi);
    // The rates differ beyond chance: at one shared rate the two counts would overlap.
    expect(d).toBeGreaterThan(ohi);
  });
});
