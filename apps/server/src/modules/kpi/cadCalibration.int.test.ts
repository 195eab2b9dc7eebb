import {
  aucOf,
  performanceAt,
  thresholdForSensitivity,
  type CadCalibration,
  type CadCalibrationReads,
  type ReportContentInput,
} from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { CAD4TB, cadIntegration, postResult, registerProduct } from '../cad/testSupport';
import { claimSaveSign, newTask, normalRead, US_FORM } from '../reports/testSupport';
import { refreshCadStaleDays } from './cadRefresh';

/**
 * The CAD calibration figures against a small set computed by hand and against the pure ROC
 * functions over the raw rows: results arrive through the webhook and reads are signed through
 * the API, so the facts are built by the triggers and the refresh exactly as in use. The
 * drill-down lists exactly the studies a figure counts; only KPI readers see any of it.
 *
 * CAD4TB 7.0.0 (0–100), DEMO1 studies, operating threshold 50, triage 80:
 *
 *   score  90 85 70 60 60 40 30 20 | 55
 *   read    A  A  N  A  N  N  A  N | unread
 *
 * AUC: of the 16 (A, N) pairs A scores higher in 4 + 4 + 2.5 (the 60 tie counts half) + 1 =
 * 11.5, so 0.71875; the tie shares bin 60, so the binning bound is ½ · 1 / 16 = 1/32.
 * At 50: TP 90 85 60, FN 30, FP 70 60, TN 40 20 → sensitivity 3/4, specificity 2/4.
 * At 80: TP 90 85 → 2/4; no FP → specificity 1. 90 % sensitivity first at 30: FP 70 60 40 →
 * specificity 1/4. Flagged in DEMO1 this month: 90 85 70 60 60 55 of 9 scored.
 */
let fx: AppFixture;
let qa: TestClient;
let reader: TestClient;
let token: string;
let productId: string;
let programme: string;
let demo1: string;
const studies: { uid: string; score: number; read: 'A' | 'N' | null }[] = [];

const abnormal = (): ReportContentInput => ({
  ...US_FORM,
  result: 'abnormal',
  findings: [{ code: 'consolidation', formItem: 'infiltrate', side: 'right', zones: ['upper'] }],
  quality: { grade: 1, reasons: [] },
  comparison: 'no_prior',
  recommendations: ['sputum_testing'],
  impression: 'Right upper zone consolidation, suggestive of TB.',
});

const score = (studyUid: string, value: number, resultId?: string, version = '7.0.0') =>
  postResult(fx, token, {
    studyInstanceUid: studyUid,
    product: { name: 'CAD4TB', version },
    score: value,
    ...(resultId ? { resultId } : {}),
  });

async function calibration(query: Record<string, string> = {}): Promise<CadCalibration> {
  const res = await qa.request({
    method: 'GET',
    url: '/api/kpi/cad',
    query: { productId, programme, ...query },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function reads(query: Record<string, string>): Promise<CadCalibrationReads> {
  const res = await qa.request({
    method: 'GET',
    url: '/api/kpi/cad/reads',
    query: { productId, programme, ...query },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  fx = await appWithDemo();
  qa = await signIn(fx.app, 'qa');
  reader = await signIn(fx.app, 'radiologist');
  const admin = await signIn(fx.app, 'admin');
  const clinic = await fx.tdb.db
    .selectFrom('clinics')
    .select(['id', 'programmes'])
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow();
  demo1 = clinic.id;
  // The programme whose thresholds apply (docs/adr/0027): the clinic's only one, else GENERAL.
  programme = clinic.programmes.length === 1 ? clinic.programmes[0]! : 'GENERAL';
  productId = await registerProduct(qa);
  token = await cadIntegration(admin, [demo1]);
  const set = await qa.request({
    method: 'POST',
    url: '/api/cad/thresholds',
    payload: { productId, programme, operatingThreshold: 50, triageThreshold: 80, note: '' },
  });
  expect(set.statusCode, set.body).toBe(200);
  const plan: [number, 'A' | 'N' | null][] = [
    [90, 'A'],
    [85, 'A'],
    [70, 'N'],
    [60, 'A'],
    [60, 'N'],
    [40, 'N'],
    [30, 'A'],
    [20, 'N'],
    [55, null],
  ];
  for (const [value, read] of plan) {
    const { taskId, studyUid } = await newTask(fx, 'DEMO1');
    // The first study is scored twice: only the later result of a version counts.
    if (studies.length === 0) expect((await score(studyUid, 5, 'first')).statusCode).toBe(200);
    const res = await score(studyUid, value, 'latest');
    expect(res.statusCode, res.body).toBe(200);
    if (read) {
      const signed = await claimSaveSign(reader, taskId, read === 'A' ? abnormal() : normalRead());
      expect(signed.statusCode, signed.body).toBe(200);
    }
    studies.push({ uid: studyUid, score: value, read });
  }
}, 120_000);
afterAll(async () => fx?.close());

describe('CAD calibration', () => {
  it('gives the hand-computed figures from the aggregates', async () => {
    const c = await calibration();
    expect(c.counts).toEqual({ scored: 9, abnormal: 4, normal: 4, unread: 1 });
    expect(c.auc).toBeCloseTo(0.71875, 12);
    expect(c.aucBound).toBeCloseTo(1 / 32, 12);
    expect(c.calibrated).toBe(true);
    const by = Object.fromEntries(c.thresholds.map((t) => [t.kind, t]));
    expect(by.operating).toMatchObject({ threshold: 50, sensitivity: 0.75, specificity: 0.5 });
    expect(by.operating).toMatchObject({ sensitivityBound: 0, specificityBound: 0, fromBin: 50 });
    expect(by.triage).toMatchObject({ threshold: 80, sensitivity: 0.5, specificity: 1 });
    expect(by.sensitivity90).toMatchObject({ threshold: 30, sensitivity: 1, specificity: 0.25 });
    expect(c.flagged).toEqual([
      expect.objectContaining({ clinicId: demo1, scored: 9, calibrated: 9, flagged: 6 }),
    ]);
    expect(c.versions.map((v) => v.version)).toEqual(['7.0.0']);
  });

  it('equals the pure functions over the raw rows within the binning bound', async () => {
    const raw = await fx.tdb.db
      .selectFrom('cad_results as r')
      .innerJoin('studies as s', 's.id', 'r.study_id')
      .select(['s.study_uid', 'r.score', 'r.result_key'])
      .where('r.product_id', '=', productId)
      .where('r.result_key', '=', 'id:latest')
      .execute();
    const truth = new Map(studies.map((s) => [s.uid, s.read]));
    const cases = raw
      .filter((r) => truth.get(r.study_uid))
      .map((r) => ({ score: r.score!, truth: truth.get(r.study_uid) === 'A' }));
    expect(cases).toHaveLength(8);
    const c = await calibration();
    expect(Math.abs(c.auc! - aucOf(cases)!)).toBeLessThanOrEqual(c.aucBound! + 1e-12);
    for (const t of c.thresholds.filter((x) => x.kind !== 'sensitivity90')) {
      const p = performanceAt(cases, t.threshold);
      expect(Math.abs(t.sensitivity - p.sensitivity)).toBeLessThanOrEqual(t.sensitivityBound);
      expect(Math.abs(t.specificity - p.specificity)).toBeLessThanOrEqual(t.specificityBound);
    }
    const target = thresholdForSensitivity(cases)!;
    const s90 = c.thresholds.find((x) => x.kind === 'sensitivity90')!;
    expect(s90.threshold).toBe(target.threshold);
    expect(s90.specificity).toBe(target.specificity);
  });

  it('lists exactly the studies behind a figure', async () => {
    const c = await calibration();
    const op = c.thresholds.find((t) => t.kind === 'operating')!;
    const tp = await reads({ fromBin: String(op.fromBin), outcome: 'abnormal' });
    expect(tp.total).toBe(op.truePositives);
    expect(tp.reads.map((r) => r.score).sort()).toEqual([60, 85, 90]);
    const fn = await reads({ toBin: String(op.fromBin - 1), outcome: 'abnormal' });
    expect(fn.reads.map((r) => r.score)).toEqual([30]);
    const cell = c.flagged[0]!;
    const flagged = await reads({ month: cell.month, clinicId: demo1, flagged: 'true' });
    expect(flagged.total).toBe(cell.flagged);
    expect(flagged.reads.every((r) => r.score >= 50)).toBe(true);
    const unread = await reads({ outcome: 'unread' });
    expect(unread.reads.map((r) => [r.score, r.outcome])).toEqual([[55, 'unread']]);
    const past = await reads({ page: '2' });
    expect(past).toMatchObject({ total: 9, page: 2, reads: [] });
  });

  it('follows a read signed after its result, and marks a new version on the drift chart', async () => {
    const { taskId, studyUid } = await newTask(fx, 'DEMO1');
    expect((await score(studyUid, 95)).statusCode).toBe(200);
    expect((await calibration()).counts.unread).toBe(2);
    expect((await claimSaveSign(reader, taskId, abnormal())).statusCode).toBe(200);
    expect((await calibration()).counts).toMatchObject({ scored: 10, abnormal: 5, unread: 1 });
    // A new version: its own ROC, uncalibrated, and on the family's drift chart.
    const next = await registerProduct(qa, { ...CAD4TB, version: '7.1.0' });
    const other = await newTask(fx, 'DEMO1');
    expect((await score(other.studyUid, 12, undefined, '7.1.0')).statusCode).toBe(200);
    const c = await calibration({ productId: next });
    expect(c).toMatchObject({ calibrated: false, thresholds: [], auc: null });
    expect(c.counts.scored).toBe(1);
    expect(c.versions.map((v) => v.version)).toEqual(['7.0.0', '7.1.0']);
    expect(c.flagged[0]).toMatchObject({ scored: 11, calibrated: 10, flagged: 7 });
    // Nothing is stale once the figures are answered.
    expect((await refreshCadStaleDays(fx.tdb.db)).days).toEqual([]);
  });

  it('is for KPI readers only, audited, and narrows to a clinic or centre', async () => {
    const radiologist = await signIn(fx.app, 'radiologist');
    const res = await radiologist.request({
      method: 'GET',
      url: '/api/kpi/cad',
      query: { productId, programme },
    });
    expect(res.statusCode).toBe(403);
    const clinicUser = await signIn(fx.app, 'clinic1');
    const refused = await clinicUser.request({
      method: 'GET',
      url: '/api/kpi/cad/reads',
      query: { productId, programme },
    });
    expect(refused.statusCode).toBe(403);
    const demo2 = await fx.tdb.db
      .selectFrom('clinics')
      .select(['id', 'home_centre_id'])
      .where('code', '=', 'DEMO2')
      .executeTakeFirstOrThrow();
    expect((await calibration({ clinicId: demo2.id })).counts.scored).toBe(0);
    expect((await reads({ clinicId: demo2.id })).total).toBe(0);
    const unknown = await qa.request({
      method: 'GET',
      url: '/api/kpi/cad',
      query: { productId: '00000000-0000-4000-8000-000000000000', programme },
    });
    expect(unknown.statusCode).toBe(404);
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', 'in', ['kpi.cad', 'kpi.cad.reads'])
      .execute();
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['kpi.cad', 'kpi.cad.reads']));
  });
});
