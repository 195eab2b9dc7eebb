import type { ReportContentInput } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { CAD4TB, cadIntegration, postResult, registerProduct } from '../cad/testSupport';
import { wirePeerReview } from '../peerReview';
import { claim, claimSaveSign, newTask, normalRead, US_FORM } from './testSupport';

/**
 * The CAD discordance consultation rule (docs/adr/0044): a calibrated high score on a normal
 * read, or a very low one on a TB finding, holds the signed report for a consultant with the
 * reason in plain words and records the comparison; concordant, uncalibrated and rule-off reads
 * are released. A held read the consultant releases is drawn for peer review as discordant.
 */
let fx: AppFixture;
const client: Record<string, TestClient> = {};
let token: string;
let productId: string;
let demo1: string;

/** A TB-suggestive read that no other default rule holds (no cavity, miliary or child). */
const tbRead = (): ReportContentInput => ({
  ...US_FORM,
  result: 'abnormal',
  findings: [{ code: 'consolidation', formItem: 'infiltrate', side: 'right', zones: ['upper'] }],
  quality: { grade: 1, reasons: [] },
  comparison: 'no_prior',
  recommendations: ['sputum_testing'],
  impression: 'Right upper zone consolidation, suspicious of TB.',
});

beforeAll(async () => {
  fx = await appWithDemo();
  for (const name of ['admin', 'qa', 'radiologist', 'consultant'])
    client[name] = await signIn(fx.app, name);
  const clinic = await fx.tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
  demo1 = clinic.id;
  // One programme, so the clinic's studies are read against the US thresholds.
  await fx.tdb.db
    .updateTable('clinics')
    .set({ programmes: ['US'] })
    .where('id', '=', demo1)
    .execute();
  productId = await registerProduct(client.qa!);
  token = await cadIntegration(client.admin!, [demo1]);
  const t = await client.qa!.request({
    method: 'POST',
    url: '/api/cad/thresholds',
    payload: { productId, programme: 'US', operatingThreshold: 50, triageThreshold: 80, note: '' },
  });
  expect(t.statusCode, t.body).toBe(200);
});
afterAll(async () => fx?.close());

/** A DEMO1 study scored `score` by `version` of CAD4TB, then read and signed with `content`. */
async function signWithScore(score: number, content: ReportContentInput, version = '7.0.0') {
  const { taskId, studyUid } = await newTask(fx, 'DEMO1');
  const posted = await postResult(fx, token, {
    studyInstanceUid: studyUid,
    product: { name: 'CAD4TB', version },
    score,
  });
  expect(posted.statusCode, posted.body).toBe(200);
  const signed = await claimSaveSign(client.radiologist!, taskId, content);
  expect(signed.statusCode, signed.body).toBe(200);
  const answer = signed.json();
  const check = await fx.tdb.db
    .selectFrom('cad_discordance_checks')
    .selectAll()
    .where('report_id', '=', answer.report.id)
    .executeTakeFirst();
  return { taskId, answer, check };
}

const consultationOf = (taskId: string) =>
  fx.tdb.db
    .selectFrom('reading_tasks')
    .select(['id', 'routing_reason', 'state'])
    .where('parent_task_id', '=', taskId)
    .where('type', '=', 'consultation')
    .executeTakeFirst();

async function setCadRule(enabled: boolean) {
  const got = await client.qa!.request({ method: 'GET', url: '/api/settings/consultation-rules' });
  expect(got.statusCode, got.body).toBe(200);
  const rules = (got.json() as { id: string }[]).map((r) =>
    r.id === 'cad-discordance' ? { ...r, enabled } : r,
  );
  const put = await client.qa!.request({
    method: 'PUT',
    url: '/api/settings/consultation-rules',
    payload: rules,
  });
  expect(put.statusCode, put.body).toBe(200);
}

describe('the CAD discordance consultation rule', () => {
  it('holds a normal read of a triage-band study for a consultant, saying why', async () => {
    const { taskId, answer, check } = await signWithScore(91, normalRead());
    expect(answer.outcome).toBe('pending_consultation');
    // The reader and the consultant see what the rule saw, not only its name.
    expect(answer.matchedRules).toEqual([
      {
        id: 'cad-discordance',
        name: 'CAD disagrees with the read: CAD 91 (triage) on a normal read',
      },
    ]);
    const consultation = await consultationOf(taskId);
    expect(consultation?.routing_reason).toBe(
      'Consultation rule: CAD 91 (triage) on a normal read',
    );
    expect(check).toMatchObject({
      band: 'triage',
      read_category: 'normal',
      discordance: 'high_on_normal',
      held_by_rule: 'cad-discordance',
      programme: 'US',
    });
    expect(check?.reason).toBe(
      'CAD 91 (triage) on a normal read: held for a consultant by “CAD disagrees with the read”',
    );
    // Not released: the clinic cannot see it until the consultant settles it.
    const early = await fx.tdb.db
      .selectFrom('reports')
      .select(['state', 'released_at'])
      .where('id', '=', answer.report.id)
      .executeTakeFirstOrThrow();
    expect(early).toMatchObject({ state: 'pending_consultation', released_at: null });
  });

  it('holds a TB finding on a very low score', async () => {
    // 10 is below a quarter of the operating threshold 50 on a 0–100 scale.
    const { taskId, answer, check } = await signWithScore(10, tbRead());
    expect(answer.outcome).toBe('pending_consultation');
    expect(answer.matchedRules.map((r: { id: string }) => r.id)).toEqual(['cad-discordance']);
    expect((await consultationOf(taskId))?.routing_reason).toBe(
      'Consultation rule: CAD 10 (very low) on a TB finding',
    );
    expect(check).toMatchObject({ band: 'low', read_category: 'tb', discordance: 'low_on_tb' });
  });

  it('releases concordant reads, and low-band scores above the low cut on a TB finding', async () => {
    for (const [score, content] of [
      [91, tbRead()],
      [20, normalRead()],
      [30, tbRead()],
    ] as const) {
      const { taskId, answer, check } = await signWithScore(score, content);
      expect(answer.outcome, `${score}`).toBe('released');
      expect(await consultationOf(taskId)).toBeUndefined();
      expect(check).toMatchObject({ discordance: null, held_by_rule: null });
    }
  });

  it('never holds for an uncalibrated score, however high', async () => {
    const uncalibrated = { ...CAD4TB, version: '7.1.0' };
    await registerProduct(client.qa!, uncalibrated);
    const { answer, check } = await signWithScore(99, normalRead(), '7.1.0');
    expect(answer.outcome).toBe('released');
    expect(check).toMatchObject({ band: 'uncalibrated', discordance: null, held_by_rule: null });
    expect(check?.reason).toContain('uncalibrated');
  });

  it('releases when an administrator turned the rule off, still recording the discordance', async () => {
    await setCadRule(false);
    try {
      const { answer, check } = await signWithScore(91, normalRead());
      expect(answer.outcome).toBe('released');
      expect(check).toMatchObject({ discordance: 'high_on_normal', held_by_rule: null });
      expect(check?.reason).toContain('turned off');
    } finally {
      await setCadRule(true);
    }
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'settings.consultation_rules.update')
      .execute();
    expect(audit.length).toBe(2);
  });

  it('draws the released discordant read for peer review at the discordant rate, as discordant', async () => {
    wirePeerReview({ seed: 'cad-discordance-int' });
    const created = await client.qa!.request({
      method: 'POST',
      url: '/api/peer-review/programmes',
      payload: {
        name: 'CAD disagreements',
        active: true,
        rule: {
          samplePercent: 0,
          discordantPercent: 100,
          targets: { abnormal: false, consultation: false, readerIds: [] },
          blind: false,
        },
      },
    });
    expect(created.statusCode, created.body).toBe(200);
    const concordant = await signWithScore(20, normalRead());
    const held = await signWithScore(91, normalRead());
    const consultId = (await consultationOf(held.taskId))!.id;
    await claim(client.consultant!, consultId);
    const concur = await client.consultant!.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/concur`,
      payload: { comment: 'Agree: no active disease.' },
    });
    expect(concur.statusCode, concur.body).toBe(200);
    const reviews = await fx.tdb.db
      .selectFrom('peer_reviews')
      .select(['report_id', 'reason'])
      .where('programme_id', '=', created.json().id)
      .execute();
    expect(reviews).toEqual([{ report_id: held.answer.report.id, reason: 'cad_discordant' }]);
    expect(reviews.map((r) => r.report_id)).not.toContain(concordant.answer.report.id);
  });

  it('shows QA every comparison and why, audited, and keeps it from readers', async () => {
    const all = await client.qa!.request({ method: 'GET', url: '/api/cad/discordance-checks' });
    expect(all.statusCode, all.body).toBe(200);
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('request_id', '=', String(all.headers['x-request-id']))
      .execute();
    expect(events).toEqual([{ action: 'cad.discordance_checks.read', outcome: 'success' }]);
    const checks = all.json().checks as { discordance: string | null; reason: string }[];
    expect(checks.some((c) => c.discordance === null)).toBe(true);
    const only = await client.qa!.request({
      method: 'GET',
      url: '/api/cad/discordance-checks?discordantOnly=true',
    });
    const discordant = only.json().checks as { discordance: string | null; reason: string }[];
    expect(discordant.length).toBeGreaterThan(0);
    expect(discordant.every((c) => c.discordance !== null)).toBe(true);
    expect(discordant.map((c) => c.reason)).toContain(
      'CAD 91 (triage) on a normal read: held for a consultant by “CAD disagrees with the read”',
    );
    const reader = await client.radiologist!.request({
      method: 'GET',
      url: '/api/cad/discordance-checks',
    });
    expect(reader.statusCode).toBe(403);
  });
});
