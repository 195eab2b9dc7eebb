import {
  FINDINGS,
  findForm,
  qcAgreement,
  type KpiDashboard,
  type ReportContentInput,
} from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { pdfText } from '../../testing/pdfText';
import { abnormalReport } from '../delivery/testSupport';
import { cohensKappa, percentile } from '../qa';
import { claimSaveSign, newTask, normalRead, US_FORM } from '../reports/testSupport';
import { refreshStaleDays } from './refresh';

/**
 * The KPI facts against the base tables: after real releases through the API, every figure of
 * the dashboard equals the same figure computed directly from reports and reading_tasks; an
 * addendum marks its day stale and only that day is rebuilt; the drill-down lists exactly the
 * studies a figure counts; and only QA, consultants and administrators see any of it.
 */
let fx: AppFixture;
const TB_CODES = new Set<string>(FINDINGS.filter((f) => f.tbSuggestive).map((f) => f.code));
const kind = (formId: string, version: string, result: string | undefined) =>
  findForm(formId, version)?.results.find((o) => o.id === result)?.kind;
let qa: TestClient;
let reader: TestClient;

/** A TB-suggestive DS-3030 read that no consultation rule holds (an adult, no cavity). */
const tbRead = (): ReportContentInput => ({
  ...US_FORM,
  result: 'abnormal',
  findings: [{ code: 'consolidation', formItem: 'infiltrate', side: 'right', zones: ['upper'] }],
  quality: { grade: 1, reasons: [] },
  comparison: 'no_prior',
  recommendations: ['sputum_testing'],
  impression: 'Right upper zone consolidation, suggestive of TB.',
});

async function signed(clinic: string, content: Parameters<typeof claimSaveSign>[2]) {
  const { taskId, studyId } = await newTask(fx, clinic);
  const res = await claimSaveSign(reader, taskId, content);
  expect(res.statusCode, res.body).toBe(200);
  return { taskId, studyId, reportId: res.json().report.id as string };
}

async function dashboard(query: Record<string, string> = {}): Promise<KpiDashboard> {
  const res = await qa.request({ method: 'GET', url: '/api/kpi', query });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The same figures computed straight from the base tables, for the last 30 UTC days. */
async function direct(clinicId?: string) {
  const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  let q = fx.tdb.db
    .selectFrom('reports as r')
    .innerJoin('reading_tasks as t', 't.id', 'r.task_id')
    .select([
      'r.id',
      'r.form_id',
      'r.form_version',
      'r.content',
      't.turnaround_minutes',
      't.service_turnaround_minutes',
    ])
    .where('r.released_at', '>=', new Date(`${from}T00:00:00Z`));
  if (clinicId) q = q.where('r.clinic_id', '=', clinicId);
  const rows = await q.execute();
  let studies = fx.tdb.db
    .selectFrom('studies as s')
    .select((eb) => [
      eb.fn.countAll<number>().as('received'),
      eb.fn
        .count<number>('s.id')
        .filterWhere(
          eb.exists(
            eb
              .selectFrom('reports as x')
              .select('x.id')
              .whereRef('x.study_id', '=', 's.id')
              .where('x.released_at', 'is not', null),
          ),
        )
        .as('read'),
    ])
    .where('s.first_received_at', '>=', new Date(`${from}T00:00:00Z`));
  if (clinicId) studies = studies.where('s.clinic_id', '=', clinicId);
  const queue = await studies.executeTakeFirstOrThrow();
  const raw = rows
    .filter((r) => r.turnaround_minutes !== null)
    .map((r) => Number(r.turnaround_minutes));
  const service = rows
    .filter((r) => r.service_turnaround_minutes !== null)
    .map((r) => Number(r.service_turnaround_minutes));
  const content = (r: (typeof rows)[number]) =>
    r.content as { result?: string; findings?: { code: string }[] };
  return {
    reads: rows.length,
    median: percentile(raw, 50),
    p90: percentile(raw, 90),
    p95: percentile(raw, 95),
    serviceMedian: percentile(service, 50),
    received: Number(queue.received),
    read: Number(queue.read),
    within: raw.length ? raw.filter((m) => m <= 60).length / raw.length : null,
    abnormal: rows.filter((r) => kind(r.form_id, r.form_version, content(r).result) !== 'normal')
      .length,
    tb: rows.filter(
      (r) =>
        kind(r.form_id, r.form_version, content(r).result) === 'tb' ||
        (content(r).findings ?? []).some((f) => TB_CODES.has(f.code)),
    ).length,
  };
}

/** Percentiles come from whole-minute histograms: within one minute of the exact figure. */
const withinAMinute = (a: number | null, b: number | null) => {
  expect(a === null, `${a} vs ${b}`).toBe(b === null);
  if (a !== null && b !== null) expect(Math.abs(a - b), `${a} vs ${b}`).toBeLessThanOrEqual(1);
};

let demo1: string;
let tbStudy: string;

beforeAll(async () => {
  fx = await appWithDemo();
  qa = await signIn(fx.app, 'qa');
  reader = await signIn(fx.app, 'radiologist');
  demo1 = (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
  await signed('DEMO1', normalRead());
  await signed('DEMO1', normalRead());
  await signed('DEMO1', abnormalReport());
  tbStudy = (await signed('DEMO1', tbRead())).studyId;
  await signed('DEMO2', normalRead());
  await signed('DEMO2', abnormalReport());
  // Spread the turnarounds, so the percentiles interpolate between distinct values.
  const tasks = await fx.tdb.db
    .selectFrom('reading_tasks')
    .select('id')
    .where('type', '=', 'primary_read')
    .where('state', '=', 'completed')
    .execute();
  for (const [i, t] of tasks.entries())
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ turnaround_minutes: 7 + i * 13, service_turnaround_minutes: 5 + i * 11 })
      .where('id', '=', t.id)
      .execute();
  // The turnaround change touched no report: mark today stale as a release would.
  await fx.tdb.db
    .insertInto('kpi_stale_days')
    .values({ day: new Date().toISOString().slice(0, 10) })
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
});
afterAll(async () => fx?.close());

describe('the KPI facts', () => {
  it('equal a direct computation over reports and reading tasks, overall and for one clinic', async () => {
    for (const clinicId of [undefined, demo1]) {
      const d = await dashboard(clinicId ? { clinicId } : {});
      const want = await direct(clinicId);
      expect(want.reads).toBeGreaterThanOrEqual(clinicId ? 4 : 6);
      expect(d.turnaround.reads).toBe(want.reads);
      withinAMinute(d.turnaround.raw.median, want.median);
      withinAMinute(d.turnaround.raw.p90, want.p90);
      withinAMinute(d.turnaround.raw.p95, want.p95);
      withinAMinute(d.turnaround.service.median, want.serviceMedian);
      expect(d.turnaround.raw.withinTarget).toBeCloseTo(want.within!, 12);
      expect(d.findings.reads).toBe(want.reads);
      expect(d.queue).toMatchObject({ received: want.received, read: want.read });
      expect(want.read).toBeGreaterThan(0);
      expect(d.findings.abnormalRate).toBeCloseTo(want.abnormal / want.reads, 9);
      expect(d.findings.tbRate).toBeCloseTo(want.tb / want.reads, 9);
      const histogram = d.turnaround.histogram.reduce((n, b) => n + b.raw, 0);
      expect(histogram).toBe(want.reads);
      expect(d.volumes.perDay.reduce((n, v) => n + v.reads, 0)).toBe(want.reads);
      expect(d.turnaround.heatmap.reduce((n, c) => n + c.reads, 0)).toBe(want.reads);
      expect(d.volumes.perReader.reduce((n, v) => n + v.reads, 0)).toBe(want.reads);
    }
  });

  it('rebuilds only the day an addendum marks, and nothing when no day is stale', async () => {
    expect(await refreshStaleDays(fx.tdb.db)).toEqual({ days: [], reads: 0 });
    const report = await fx.tdb.db
      .selectFrom('reports')
      .select(['id', 'current_version'])
      .where('study_id', '=', tbStudy)
      .executeTakeFirstOrThrow();
    // A new version of the report (what an addendum release writes) marks its release day.
    await fx.tdb.db
      .updateTable('reports')
      .set({ current_version: report.current_version + 1 })
      .where('id', '=', report.id)
      .execute();
    const refreshed = await refreshStaleDays(fx.tdb.db);
    expect(refreshed.days).toEqual([new Date().toISOString().slice(0, 10)]);
    expect(refreshed.reads).toBe((await direct()).reads);
  });

  it('lists exactly the studies behind a figure', async () => {
    const d = await dashboard({ clinicId: demo1 });
    const tb = await qa.request({
      method: 'GET',
      url: '/api/kpi/studies',
      query: { clinicId: demo1, finding: 'tb' },
    });
    expect(tb.statusCode, tb.body).toBe(200);
    expect(tb.json().studies.map((s: { studyId: string }) => s.studyId)).toEqual([tbStudy]);
    const bin = d.turnaround.histogram.find((b) => b.raw > 0)!;
    const inBin = await qa.request({
      method: 'GET',
      url: '/api/kpi/studies',
      query: {
        clinicId: demo1,
        minMinutes: String(bin.fromMinutes),
        ...(bin.toMinutes === null ? {} : { maxMinutes: String(bin.toMinutes) }),
      },
    });
    expect(inBin.json().total).toBe(bin.raw);
    const cell = d.turnaround.heatmap[0]!;
    const inCell = await qa.request({
      method: 'GET',
      url: '/api/kpi/studies',
      query: { clinicId: demo1, weekday: String(cell.weekday), hour: String(cell.hour) },
    });
    expect(inCell.json().total).toBe(cell.reads);
  });

  it('exports the figures as CSV', async () => {
    const res = await qa.request({ method: 'GET', url: '/api/kpi/export.csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const reads = (await direct()).reads;
    expect(res.body.split('\r\n')).toContain(`turnaround,reads,,${reads}`);
  });
});

describe('the QC trend', () => {
  it('is the week’s agreement table as Cohen’s kappa, with its discordant and major pairs', async () => {
    const pairs = [
      ['normal', 'normal'],
      ['tb', 'tb'],
      ['abnormal', 'abnormal'],
      ['normal', 'tb'],
      ['abnormal', 'normal'],
    ] as const;
    const now = new Date();
    for (const [clinic, centre] of pairs) {
      const { studyId } = await newTask(fx, 'DEMO1');
      await fx.tdb.db
        .insertInto('clinic_reads')
        .values({
          study_id: studyId,
          clinic_id: demo1,
          source: 'portal',
          reader_name: 'Dr Local',
          content: '{}',
          category: clinic,
          sampled: false,
          centre_content: '{}',
          centre_category: centre,
          agreement: qcAgreement(clinic, centre),
          reread_at: now,
        })
        .execute();
    }
    const d = await dashboard({ clinicId: demo1 });
    const cats = ['normal', 'abnormal', 'tb', 'unreadable'];
    const table = cats.map((a) =>
      cats.map((b) => pairs.filter(([x, y]) => x === a && y === b).length),
    );
    expect(d.qc).toHaveLength(1);
    expect(d.qc[0]).toMatchObject({ pairs: 5, discordant: 2, major: 1 });
    expect(d.qc[0]!.kappa).toBeCloseTo(cohensKappa(table).kappa!, 12);
  });
});

describe('the PDF export', () => {
  it('is a PDF of the period, named for it', async () => {
    const res = await qa.request({
      method: 'GET',
      url: '/api/kpi/export.pdf',
      query: { from: '2026-11-01', to: '2026-11-30', clinicId: demo1 },
    });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('kpi-2026-11-01-2026-11-30.pdf');
    const { text } = await pdfText(res.rawPayload);
    expect(text).toContain('KPI report');
    expect(text).toContain('Period 2026-11-01 to 2026-11-30 (UTC days)');
  });

  it('prints the filters and the figures a periodic review quotes', async () => {
    const query = { clinicId: demo1 };
    const d = await dashboard(query);
    const res = await qa.request({ method: 'GET', url: '/api/kpi/export.pdf', query });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const { text, title } = await pdfText(res.rawPayload);
    expect(title).toBe(`KPI report ${d.period.from} to ${d.period.to}`);
    const clinic = d.volumes.perClinic.find((c) => c.reads > 0)!;
    expect(d.turnaround.reads).toBeGreaterThan(0);
    for (const line of [
      `Period ${d.period.from} to ${d.period.to} (UTC days)`,
      `clinic: ${clinic.name}`,
      'centre: all',
      'radiologist: all',
      `target ${d.targetMinutes} min`,
      `made ${new Date().toISOString().slice(0, 10)}`,
      `turnaround reads ${d.turnaround.reads} target minutes ${d.targetMinutes}`,
      `findings per clinic reads — ${clinic.name} ${clinic.reads}`,
      `queue received ${d.queue.received} read ${d.queue.read}`,
    ])
      expect(text).toContain(line);
    // The 168 arrival-hour cells stay on the screen.
    expect(text).not.toContain('turnaround by arrival');
  });
});

describe('who sees the KPIs', () => {
  it('is QA, consultants and administrators; not radiologists or clinics', async () => {
    for (const [user, status] of [
      ['consultant', 200],
      ['admin', 200],
      ['radiologist', 403],
      ['clinic1', 403],
    ] as const) {
      const c = await signIn(fx.app, user);
      for (const url of [
        '/api/kpi',
        '/api/kpi/studies',
        '/api/kpi/export.csv',
        '/api/kpi/export.pdf',
      ])
        expect((await c.request({ method: 'GET', url })).statusCode, `${user} ${url}`).toBe(status);
    }
  });

  it('audits every look at the dashboard and its studies', async () => {
    const res = await qa.request({
      method: 'GET',
      url: '/api/kpi/studies',
      query: { finding: 'tb' },
    });
    const event = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .executeTakeFirst();
    expect(event).toEqual({ action: 'kpi.studies', outcome: 'success' });
  });
});
