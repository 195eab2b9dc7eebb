import path from 'node:path';
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportCard, ReportCardList } from '@telerad/contracts';
import { RESOURCE_SCOPES } from '../../resourceScopes';
import { appWithDemo, buildTestApp, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn } from '../../testing/http';
import { UNSCOPED } from '../auth';
import { abnormalReport, normalReport, releasedReport } from '../delivery/testSupport';

/**
 * Report cards over seeded reads of three readers in March 2025 (rows as they stand after a
 * release, as in the sampling test): every figure equals the same figure computed directly in
 * SQL (PostgreSQL's percentile_cont, counts) or by the published funnel formula; a read released
 * through the real path joins today's card; a radiologist reads only their own card, refused by
 * the scope check (and audited); QA reads every card, its list and the PDF, which PDF.js reads.
 */
let fx: AppFixture;
const FROM = '2025-03-03';
const TO = '2025-03-30';
const PERIOD = `from=${FROM}&to=${TO}`;
const READS = 120;
let ids: Record<'radiologist' | 'radiologist2' | 'consultant', string>;

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

beforeAll(async () => {
  fx = await appWithDemo();
  const db = fx.tdb.db;
  const users = await db
    .selectFrom('users')
    .select(['id', 'username'])
    .where('username', 'in', ['radiologist', 'radiologist2', 'consultant'])
    .execute();
  ids = Object.fromEntries(users.map((u) => [u.username, u.id])) as typeof ids;
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
}, 300_000);
afterAll(async () => fx?.close());

/** The figures of `readerId`'s reads in the period, computed by PostgreSQL directly. */
async function direct(readerId: string) {
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

async function pooledAbnormal(): Promise<{ n: number; abnormal: number }> {
  const { rows } = await sql<{ n: string; abnormal: string }>`
    select count(*) as n, count(*) filter (where content->>'result' = 'abnormal') as abnormal
    from reports where signed_at >= ${new Date(`${FROM}T00:00:00Z`)}
      and signed_at < ${new Date('2025-03-31T00:00:00Z')} and released_at is not null
  `.execute(fx.tdb.db);
  return { n: Number(rows[0]!.n), abnormal: Number(rows[0]!.abnormal) };
}

describe('a reader’s report card', () => {
  it('gives the figures PostgreSQL computes from the same reads', async () => {
    const qa = await signIn(fx.app, 'qa');
    for (const who of ['radiologist', 'radiologist2', 'consultant'] as const) {
      const res = await qa.request({
        method: 'GET',
        url: `/api/report-cards/${ids[who]}?${PERIOD}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      const card = res.json() as ReportCard;
      const d = await direct(ids[who]);
      const n = Number(d.n);
      expect(n).toBeGreaterThan(30);
      expect(card.period).toEqual({ from: FROM, to: TO });
      expect(card.volume, who).toBe(n);
      expect(card.weekly.reduce((s, w) => s + w.reads, 0)).toBe(n);
      expect(card.weekly.map((w) => w.week)).toEqual([
        '2025-03-03',
        '2025-03-10',
        '2025-03-17',
        '2025-03-24',
      ]);
      expect(card.turnaround.n).toBe(n);
      expect(card.turnaround.median).toBeCloseTo(d.median!, 9);
      expect(card.turnaround.p90).toBeCloseTo(d.p90!, 9);
      expect(card.turnaround.serviceMedian).toBeCloseTo(d.smedian!, 9);
      expect(card.turnaround.serviceP90).toBeCloseTo(d.sp90!, 9);
      expect(card.turnaround.withinTarget).toBeCloseTo(Number(d.within) / n, 12);
      expect(card.abnormal).toMatchObject({ n, count: Number(d.abnormal) });
      expect(card.consultation).toMatchObject({ n, count: Number(d.consulted) });
      expect(card.consultation.count).toBeGreaterThan(0);

      // The funnel: pooled rate of every reader, limits p0 ± z·√(p0(1−p0)/n) (Spiegelhalter 2005).
      const pooled = await pooledAbnormal();
      const p0 = pooled.abnormal / pooled.n;
      const sd = Math.sqrt((p0 * (1 - p0)) / n);
      expect(card.abnormal.pooledRate).toBeCloseTo(p0, 12);
      expect(card.abnormal.upper95).toBeCloseTo(Math.min(1, p0 + 1.959964 * sd), 9);
      expect(card.abnormal.lower998).toBeCloseTo(Math.max(0, p0 - 3.090232 * sd), 9);
      expect(card.peers).toHaveLength(3);
      // The funnel drawn on the page and the PDF: the same limits, out to the busiest reader.
      const last = card.funnel.at(-1)!;
      expect(last.n).toBe(Math.max(...card.peers.map((p) => p.n)));
      expect(last.upper95).toBeCloseTo(p0 + 1.959964 * Math.sqrt((p0 * (1 - p0)) / last.n), 9);
      expect(card.funnel[0]!.n).toBe(1);
      expect(card.peers.reduce((s, p) => s + p.n, 0)).toBe(pooled.n);
    }
  });

  it('places the reader who calls most reads abnormal above the limits, one who calls few below', async () => {
    const qa = await signIn(fx.app, 'qa');
    const list = (
      await qa.request({ method: 'GET', url: `/api/report-cards?${PERIOD}` })
    ).json() as ReportCardList;
    const row = (id: string) => list.items.find((i) => i.reader.id === id)!;
    expect(row(ids.radiologist2).abnormalPosition).toBe('above998');
    // The radiologist's rate against the limits at their volume, worked out here by hand.
    const pooled = await pooledAbnormal();
    const p0 = pooled.abnormal / pooled.n;
    const d = await direct(ids.radiologist);
    const rate = Number(d.abnormal) / Number(d.n);
    const sd = Math.sqrt((p0 * (1 - p0)) / Number(d.n));
    expect(rate).toBeLessThan(p0 - 1.959964 * sd);
    expect(row(ids.radiologist).abnormalPosition).toBe(
      rate < p0 - 3.090232 * sd ? 'below998' : 'below95',
    );
    // The busiest first; each row's figures are its card's.
    expect(list.items[0]!.volume).toBeGreaterThanOrEqual(list.items[1]!.volume);
    const card = (
      await qa.request({ method: 'GET', url: `/api/report-cards/${ids.radiologist}?${PERIOD}` })
    ).json() as ReportCard;
    expect(row(ids.radiologist)).toMatchObject({
      volume: card.volume,
      turnaroundMedian: card.turnaround.median,
      scored: card.peerReview.scored,
      discrepancyRate: card.peerReview.discrepancyRate,
      abnormalRate: card.abnormal.rate,
    });
  });

  it('counts the RADPEER scores given to the reader’s reads in the period', async () => {
    const rad = await signIn(fx.app, 'radiologist');
    const card = (
      await rad.request({ method: 'GET', url: `/api/report-cards/${ids.radiologist}?${PERIOD}` })
    ).json() as ReportCard;
    const { rows } = await sql<{ score: string; n: string }>`
      select score, count(*) as n from peer_reviews
      where reader_id = ${ids.radiologist} and scored_at >= ${new Date(`${FROM}T00:00:00Z`)}
        and scored_at < ${new Date('2025-03-31T00:00:00Z')}
      group by score`.execute(fx.tdb.db);
    const expected = { '1': 0, '2a': 0, '2b': 0, '3a': 0, '3b': 0 } as Record<string, number>;
    for (const r of rows) expected[r.score] = Number(r.n);
    const scored = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(scored).toBe(10);
    expect(card.peerReview.distribution).toEqual(expected);
    expect(card.peerReview.discrepancyRate).toBeCloseTo((scored - expected['1']!) / scored, 12);
    expect(card.peerReview.significantRate).toBeCloseTo(
      (expected['2b']! + expected['3a']! + expected['3b']!) / scored,
      12,
    );
  });

  it('counts the reader’s QC re-reads by agreement, against every re-reader', async () => {
    const qa = await signIn(fx.app, 'qa');
    const card = (
      await qa.request({ method: 'GET', url: `/api/report-cards/${ids.radiologist}?${PERIOD}` })
    ).json() as ReportCard;
    expect(card.qc).toEqual({
      reread: 2,
      concordant: 1,
      minor: 0,
      major: 1,
      discordanceRate: 0.5,
      pooledDiscordanceRate: 1 / 3,
    });
  });

  it('counts a read released through the real path in today’s card', async () => {
    const rad = await signIn(fx.app, 'radiologist2');
    const today = async () =>
      (
        await rad.request({ method: 'GET', url: `/api/report-cards/${ids.radiologist2}` })
      ).json() as ReportCard;
    const before = await today();
    await releasedReport(fx, rad, 'DEMO1', abnormalReport());
    const after = await today();
    expect(after.volume).toBe(before.volume + 1);
    expect(after.abnormal.count).toBe(before.abnormal.count + 1);
    expect(after.turnaround.n).toBe(before.turnaround.n + 1);
  });

  it('refuses a radiologist another reader’s card through the scope check, audited', async () => {
    const rad = await signIn(fx.app, 'radiologist');
    for (const url of [
      `/api/report-cards/${ids.radiologist2}?${PERIOD}`,
      `/api/report-cards/${ids.radiologist2}/pdf?${PERIOD}`,
    ]) {
      const res = await rad.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('Abnormal');
      const event = await fx.tdb.db
        .selectFrom('audit_events')
        .select(['outcome', 'resource_id', 'details'])
        .where('request_id', '=', String(res.headers['x-request-id']))
        .executeTakeFirstOrThrow();
      expect(event).toMatchObject({
        outcome: 'denied',
        resource_id: ids.radiologist2,
        details: { refusedBy: 'scope' },
      });
    }
    // Nor the list of everyone's figures, nor a clinic user any card.
    expect((await rad.request({ method: 'GET', url: '/api/report-cards' })).statusCode).toBe(403);
    const clinic = await signIn(fx.app, 'clinic1');
    const own = await clinic.request({
      method: 'GET',
      url: `/api/report-cards/${ids.radiologist}`,
    });
    expect(own.statusCode).toBe(403);
  });

  it('lets the card through to another radiologist when its resolver is taken away', async () => {
    // Proves the refusal above comes from the reportCard resolver, not from elsewhere.
    const app = await buildTestApp({
      tdb: fx.tdb,
      dataDir: fx.dataDir,
      resourceScopes: { ...RESOURCE_SCOPES, reportCard: UNSCOPED },
    });
    await app.ready();
    try {
      const rad = await signIn(app, 'radiologist');
      const res = await rad.request({
        method: 'GET',
        url: `/api/report-cards/${ids.radiologist2}?${PERIOD}`,
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('audits every read of a card and answers 404 for someone who reads nothing', async () => {
    const qa = await signIn(fx.app, 'qa');
    const res = await qa.request({
      method: 'GET',
      url: `/api/report-cards/${ids.consultant}?${PERIOD}`,
    });
    const event = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'resource_id'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      action: 'report-card.read',
      outcome: 'success',
      resource_id: ids.consultant,
    });
    const clinicUser = await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'clinic1')
      .executeTakeFirstOrThrow();
    const none = await qa.request({ method: 'GET', url: `/api/report-cards/${clinicUser.id}` });
    expect(none.statusCode).toBe(404);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await fx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys(res.json().paths as Record<string, unknown>);
    for (const p of ['/api/report-cards', '/api/report-cards/{id}', '/api/report-cards/{id}/pdf'])
      expect(paths).toContain(p);
  });

  it('refuses a period that ends before it starts or spans more than a year', async () => {
    const qa = await signIn(fx.app, 'qa');
    for (const q of ['from=2025-03-10&to=2025-03-01', 'from=2024-01-01&to=2025-03-01']) {
      const res = await qa.request({ method: 'GET', url: `/api/report-cards?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('REPORT_CARD_PERIOD_INVALID');
    }
  });
});

describe('the report card PDF', () => {
  it('is a PDF that PDF.js reads, with the card’s figures', async () => {
    const qa = await signIn(fx.app, 'qa');
    const card = (
      await qa.request({ method: 'GET', url: `/api/report-cards/${ids.radiologist}?${PERIOD}` })
    ).json() as ReportCard;
    const res = await qa.request({
      method: 'GET',
      url: `/api/report-cards/${ids.radiologist}/pdf?${PERIOD}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename=/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { totalPages, text } = await extractText(doc, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(totalPages).toBeGreaterThanOrEqual(1);
    for (const s of [
      'Radiologist report card',
      card.reader.name,
      `${FROM} to ${TO}`,
      `Reads signed and released: ${card.volume}`,
      `Median: ${card.turnaround.median!.toFixed(1)} min`,
      `Reads scored: ${card.peerReview.scored}`,
      `Re-read: ${card.qc.reread}`,
      'Concordant / minor / major discordance: 1 / 0 / 1',
      `Abnormal rate: ${(card.abnormal.rate! * 100).toFixed(1)} % (${card.abnormal.count} of ${card.abnormal.n})`,
    ])
      expect(flat, s).toContain(s);
    const { info } = (await doc.getMetadata()) as { info: { Title?: string } };
    expect(info.Title).toContain('Report card');
  });
});
