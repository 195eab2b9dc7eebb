import path from 'node:path';
import { sql } from 'kysely';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { abnormalReport, normalReport } from '../delivery/testSupport';

/**
 * The report cards' seeded world: reads of three readers in March 2025, as rows stand after a
 * release (as in the sampling test), with their consultations and peer-review scores, and the
 * same figures computed directly in SQL for the tests to compare.
 */
export const FROM = '2025-03-03';
export const TO = '2025-03-30';
export const PERIOD = `from=${FROM}&to=${TO}`;
const READS = 120;
export type CardReaders = Record<'radiologist' | 'radiologist2' | 'consultant', string>;

/** Reader, turnaround and result of seeded read `i`: radiologist2 calls far more reads abnormal. */
function seeded(i: number) {
  const reader = (['radiologist', 'radiologist2', 'consultant'] as const)[i % 3]!;
  const abnormal = reader === 'radiologist2' ? i % 5 !== 0 : i % 7 === 0;
  return {
    reader,
    turnaround: ((i * 37) % 90) + 2.5,
    service: ((i * 37) % 90) * 0.75 + 1,
    abnormal,
    consulted: i % 11 === 0,
    // Spread over the 28 days; the last two land just outside the period on either side.
    signedAt:
      i === READS - 1
        ? new Date('2025-03-31T00:00:00Z')
        : i === READS - 2
          ? new Date('2025-03-02T23:59:59Z')
          : new Date(Date.parse('2025-03-03T06:00:00Z') + (i % 28) * 86_400_000 + i * 60_000),
  };
}

/** The demo app with the seeded reads, and the three readers' ids. */
export async function seedCardWorld(): Promise<{ fx: AppFixture; ids: CardReaders }> {
  const fx = await appWithDemo();
  const db = fx.tdb.db;
  const users = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['radiologist', 'radiologist2', 'consultant'])
    .execute();
  const ids = Object.fromEntries(users.map((u) => [u.username, u.id])) as CardReaders;
  const file = await writeCxr(path.join(fx.dataDir, 'card.dcm'), 'explicitLE', {
    rows: 16,
    columns: 16,
  });
  const stored = await fx.storeAs('DEMO1', file.path);
  const study = await db
    .selectFrom('studies')
    .select(['id', 'clinic_id'])
    .where('id', '=', stored.studyId)
    .executeTakeFirstOrThrow();
  const programme = await db
    .insertInto('peer_review_programmes')
    .values({
      name: 'Card test sample',
      active: false,
      rule: JSON.stringify({
        samplePercent: 0,
        targets: { abnormal: false, consultation: false, readerIds: [] },
        blind: false,
      }),
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // QC re-reads of three clinic reads, each its own study: the radiologist disagreed majorly
  // once and agreed once, radiologist2 agreed.
  const qcReads: ['radiologist' | 'radiologist2', string][] = [
    ['radiologist', 'major'],
    ['radiologist', 'concordant'],
    ['radiologist2', 'concordant'],
  ];
  for (const [i, [who, agreement]] of qcReads.entries()) {
    const qcFile = await writeCxr(path.join(fx.dataDir, `qc-${i}.dcm`), 'explicitLE', {
      rows: 16,
      columns: 16,
      seed: 100 + i,
      patient: { name: `QC^CARD${i}`, id: `QC-CARD-${i}` },
    });
    const qcStudy = await fx.storeAs('DEMO1', qcFile.path);
    const at = new Date('2025-03-12T10:00:00Z');
    const qcTask = await db
      .insertInto('reading_tasks')
      .values({
        study_id: qcStudy.studyId,
        clinic_id: study.clinic_id,
        type: 'qc_read',
        state: 'completed',
        assignee_id: ids[who],
        created_at: at,
        queued_at: at,
        completed_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('clinic_reads')
      .values({
        study_id: qcStudy.studyId,
        clinic_id: study.clinic_id,
        source: 'portal',
        reader_name: 'Dr Local',
        content: JSON.stringify(normalReport()),
        category: 'normal',
        submitted_at: at,
        sampled: true,
        task_id: qcTask.id,
        centre_content: JSON.stringify(abnormalReport()),
        centre_category: agreement === 'major' ? 'tb' : 'normal',
        centre_reader_id: ids[who],
        agreement,
        reread_at: at,
      })
      .execute();
  }
  const scores = ['1', '1', '2a', '1', '3b', '1', '2b', '1', '3a', '1'];
  for (let i = 0; i < READS; i++) {
    const s = seeded(i);
    const readerId = ids[s.reader];
    const task = await db
      .insertInto('reading_tasks')
      .values({
        study_id: study.id,
        clinic_id: study.clinic_id,
        type: 'primary_read',
        state: 'completed',
        assignee_id: readerId,
        created_at: s.signedAt,
        queued_at: s.signedAt,
        completed_at: s.signedAt,
        turnaround_minutes: s.turnaround,
        service_turnaround_minutes: s.service,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (s.consulted)
      await db
        .insertInto('reading_tasks')
        .values({
          study_id: study.id,
          clinic_id: study.clinic_id,
          type: 'consultation',
          state: 'completed',
          parent_task_id: task.id,
          created_at: s.signedAt,
          queued_at: s.signedAt,
          completed_at: s.signedAt,
        })
        .execute();
    const content = s.abnormal ? abnormalReport() : normalReport();
    const report = await db
      .insertInto('reports')
      .values({
        task_id: task.id,
        study_id: study.id,
        clinic_id: study.clinic_id,
        programme: 'US',
        form_id: 'us-ds3030',
        form_version: '2026.1',
        state: 'final',
        content: JSON.stringify({ findings: [], recommendations: [], ...content }),
        annotations: '[]',
        author_id: readerId,
        signed_by: readerId,
        signed_at: s.signedAt,
        released_at: s.signedAt,
        current_version: 1,
        updated_at: s.signedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The radiologist's reads up to the 30th are peer reviewed by the consultant.
    if (s.reader === 'radiologist' && i < 30) {
      const review = await db
        .insertInto('reading_tasks')
        .values({
          study_id: study.id,
          clinic_id: study.clinic_id,
          type: 'peer_review',
          state: 'completed',
          excluded_reader_id: readerId,
          created_at: s.signedAt,
          queued_at: s.signedAt,
          completed_at: s.signedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('peer_reviews')
        .values({
          programme_id: programme.id,
          report_id: report.id,
          study_id: study.id,
          clinic_id: study.clinic_id,
          task_id: review.id,
          reader_id: readerId,
          reason: 'random',
          blind: false,
          reviewer_id: ids.consultant,
          score: scores[i / 3]!,
          scored_at: new Date(s.signedAt.getTime() + 3_600_000),
        })
        .execute();
    }
  }
  return { fx, ids };
}

/** The figures of `readerId`'s reads in the period, computed by PostgreSQL directly. */
export async function direct(fx: AppFixture, readerId: string) {
  const { rows } = await sql<{
    n: string;
    median: number | null;
    p90: number | null;
    smedian: number | null;
    sp90: number | null;
    within: string;
    abnormal: string;
    consulted: string;
  }>`
    select count(*) as n,
      percentile_cont(0.5) within group (order by t.turnaround_minutes) as median,
      percentile_cont(0.9) within group (order by t.turnaround_minutes) as p90,
      percentile_cont(0.5) within group (order by t.service_turnaround_minutes) as smedian,
      percentile_cont(0.9) within group (order by t.service_turnaround_minutes) as sp90,
      count(*) filter (where t.turnaround_minutes <= 60) as within,
      count(*) filter (where r.content->>'result' = 'abnormal') as abnormal,
      count(*) filter (where exists (select 1 from reading_tasks c
        where c.parent_task_id = t.id and c.type = 'consultation')) as consulted
    from reports r join reading_tasks t on t.id = r.task_id
    where r.signed_by = ${readerId}
      and r.signed_at >= ${new Date(`${FROM}T00:00:00Z`)}
      and r.signed_at < ${new Date('2025-03-31T00:00:00Z')}
  `.execute(fx.tdb.db);
  return rows[0]!;
}

export async function pooledAbnormal(fx: AppFixture): Promise<{ n: number; abnormal: number }> {
  const { rows } = await sql<{ n: string; abnormal: string }>`
    select count(*) as n, count(*) filter (where content->>'result' = 'abnormal') as abnormal
    from reports where signed_at >= ${new Date(`${FROM}T00:00:00Z`)}
      and signed_at < ${new Date('2025-03-31T00:00:00Z')} and released_at is not null
  `.execute(fx.tdb.db);
  return { n: Number(rows[0]!.n), abnormal: Number(rows[0]!.abnormal) };
}
