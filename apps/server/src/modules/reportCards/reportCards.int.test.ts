import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportCard, ReportCardList } from '@telerad/contracts';
import { RESOURCE_SCOPES } from '../../resourceScopes';
import { buildTestApp, type AppFixture } from '../../testing/appFixture';
import { signIn } from '../../testing/http';
import { pdfText } from '../../testing/pdfText';
import { UNSCOPED } from '../auth';
import { abnormalReport, releasedReport } from '../delivery/testSupport';
import {
  direct,
  FROM,
  PERIOD,
  pooledAbnormal,
  seedCardWorld,
  TO,
  type CardReaders,
} from './testSupport';

/**
 * Report cards over seeded reads of three readers in March 2025 (rows as they stand after a
 * release, as in the sampling test): every figure equals the same figure computed directly in
 * SQL (PostgreSQL's percentile_cont, counts) or by the published funnel formula; a read released
 * through the real path joins today's card; a radiologist reads only their own card, refused by
 * the scope check (and audited); QA reads every card, its list and the PDF, which PDF.js reads.
 */
let fx: AppFixture;
let ids: CardReaders;

beforeAll(async () => {
  ({ fx, ids } = await seedCardWorld());
}, 300_000);
afterAll(async () => fx?.close());

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
      const d = await direct(fx, ids[who]);
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
      const pooled = await pooledAbnormal(fx);
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
    const pooled = await pooledAbnormal(fx);
    const p0 = pooled.abnormal / pooled.n;
    const d = await direct(fx, ids.radiologist);
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
    const { pages, text: flat, title } = await pdfText(res.rawPayload);
    expect(pages).toBeGreaterThanOrEqual(1);
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
    expect(title).toContain('Report card');
  });
});
