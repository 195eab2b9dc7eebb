import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { pdfText } from '../../testing/pdfText';
import { startSmtpInbox, type SmtpInbox } from '../../testing/smtpInbox';
import { startEmailWorker, unwireNotifications, wireNotifications } from '../notifications';
import {
  cavityRead,
  claim,
  newTask,
  normalRead,
  releaseFaults,
  save,
  unreadableRead,
} from '../reports/testSupport';
import { demoIds, type DemoIds } from '../worklist/testSupport';
import { escalateCriticalResults, listCriticalDeskItems } from '.';

/**
 * Critical results through the API against a real PostgreSQL and a real SMTP listener: the flag
 * at signing, the clinic's alert and e-mail committed with the release, a named clinic user's
 * acknowledgement closing the loop on the report record, and the escalation to the assistants
 * then the supervisors, driven by the sweep's clock (no waiting), once per level whatever the
 * number of sweepers.
 */
let fx: AppFixture;
let ids: DemoIds;
let smtp: SmtpInbox;
let mail: { stop(): Promise<void> };
const client: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await appWithDemo();
  ids = await demoIds(fx.tdb.db);
  smtp = await startSmtpInbox();
  mail = await startEmailWorker({
    boss: fx.jobs,
    smtp: { url: smtp.url, from: 'Telerad <alerts@telerad.test>' },
    log: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
  });
  wireNotifications({ boss: fx.jobs, publicUrl: 'https://telerad.example.org' });
  await fx.tdb.db
    .updateTable('users')
    .set({ email: 'front-desk@demo1.test' })
    .where('username', '=', 'clinic1')
    .execute();
  for (const name of ['radiologist', 'clinic1', 'clinic2', 'admin', 'assistant'])
    client[name] = await signIn(fx.app, name);
});
afterEach(() => {
  releaseFaults.afterRelease = null;
});
afterAll(async () => {
  unwireNotifications();
  await mail?.stop();
  await smtp?.close();
  await fx?.close();
});

/** Reads, saves and signs a DEMO1 study with a critical flag; answers the sign response. */
async function signCritical(
  flag: { category: string; note?: string } | undefined,
  content = normalRead({ impression: 'Urgent finding: see the critical flag.' }),
) {
  const t = await newTask(fx, 'DEMO1');
  const c = client.radiologist!;
  await claim(c, t.taskId);
  const saved = await save(c, t.taskId, content, 0);
  expect(saved.statusCode, saved.body).toBe(200);
  const res = await c.request({
    method: 'POST',
    url: `/api/tasks/${t.taskId}/report/sign`,
    payload: { revision: saved.json().report.revision, ...(flag ? { critical: flag } : {}) },
  });
  return { ...t, res };
}

/** Who was told of `kind`, by username: notifications whose link names the report or study. */
const told = async (kind: string, reportOrStudy: string) =>
  (
    await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', kind)
      .where('n.link', 'like', `%${encodeURIComponent(reportOrStudy)}%`)
      .execute()
  )
    .map((r) => r.username)
    .sort();

const criticalOf = (reportId: string) =>
  fx.tdb.db
    .selectFrom('critical_results')
    .selectAll()
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();

describe('a critical result', () => {
  it('alerts the clinic with its release, by e-mail too, and a named user acknowledges it', async () => {
    const s = await signCritical({ category: 'tension_pneumothorax' });
    expect(s.res.statusCode, s.res.body).toBe(200);
    const reportId = s.res.json().report.id as string;
    expect(s.res.json().report.critical).toMatchObject({
      category: 'tension_pneumothorax',
      label: 'Tension pneumothorax',
      flaggedBy: 'Dr Rosa Reyes',
      acknowledgedBy: null,
    });
    // The clinic's users only; DEMO2's never.
    expect(await told('critical.alert', reportId)).toEqual(['clinic1']);
    const mailed = await smtp.next(
      (m) => m.to.includes('front-desk@demo1.test') && m.subject.includes('Critical result'),
    );
    // The body as written (quoted-printable soft breaks and escapes undone).
    const text = mailed.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(text).toContain('Tension pneumothorax');
    expect(text).toContain('press "Acknowledge"');
    expect(text).toContain(`https://telerad.example.org/reports?report=${reportId}`);

    // The delivered report says it too, first, before the patient and the findings.
    const pdf = await client.clinic1!.request({ url: `/api/reports/${reportId}/pdf` });
    expect(pdf.statusCode).toBe(200);
    const words = (await pdfText(pdf.rawPayload)).text;
    expect(words).toContain('CRITICAL RESULT — ACT NOW');
    expect(words).toContain('Tension pneumothorax. This patient needs care at once');
    expect(words.indexOf('CRITICAL RESULT')).toBeLessThan(words.indexOf('Patient and study'));

    const open = await client.clinic1!.request({ method: 'GET', url: '/api/critical-results' });
    const mine = open.json().results.find((r: { reportId: string }) => r.reportId === reportId);
    expect(mine).toMatchObject({ escalation: 'none', acknowledgedAt: null });
    expect(mine.nextEscalationAt).not.toBeNull();
    const other = await client.clinic2!.request({ method: 'GET', url: '/api/critical-results' });
    expect(other.body).not.toContain(reportId);

    // Staff cannot acknowledge for the clinic: only a named clinic user closes the loop.
    const byAssistant = await client.assistant!.request({
      method: 'POST',
      url: `/api/critical-results/${mine.id}/acknowledge`,
    });
    expect(byAssistant.statusCode).toBe(403);

    const ack = await client.clinic1!.request({
      method: 'POST',
      url: `/api/critical-results/${mine.id}/acknowledge`,
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({
      acknowledgedBy: 'Clinic One Technician',
      communication: expect.stringMatching(
        /^Communicated to Clinic One Technician \(.+\) at \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
      ),
    });
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['outcome', 'actor_name', 'clinic_id'])
      .where('action', '=', 'critical.acknowledge')
      .where('resource_id', '=', mine.id)
      .where('outcome', '=', 'success')
      .execute();
    expect(audit).toEqual([
      { outcome: 'success', actor_name: 'clinic1', clinic_id: ids.clinic.DEMO1 },
    ]);

    // The report record carries the closed loop, for the clinic and for the centre.
    for (const who of ['clinic1', 'radiologist']) {
      const rec = await client[who]!.request({ method: 'GET', url: `/api/reports/${reportId}` });
      expect(rec.json().critical.communication).toBe(ack.json().communication);
    }
    // A second press changes nothing: the first acknowledgement stands.
    const again = await client.clinic1!.request({
      method: 'POST',
      url: `/api/critical-results/${mine.id}/acknowledge`,
    });
    expect(again.json().acknowledgedAt).toBe(ack.json().acknowledgedAt);
    // Acknowledged: no escalation, however late.
    const later = new Date(Date.now() + 24 * 3_600_000);
    const steps = await escalateCriticalResults(fx.tdb.db, later);
    expect(steps.filter((x) => x.criticalId === mine.id)).toEqual([]);
    const none = await client.clinic1!.request({ method: 'GET', url: '/api/critical-results' });
    expect(none.body).not.toContain(mine.id);
  });

  it('commits its alert with the release: a release that fails leaves no alert behind', async () => {
    releaseFaults.afterRelease = () => {
      throw new Error('injected fault in the release');
    };
    const s = await signCritical({ category: 'large_effusion' });
    expect(s.res.statusCode).toBe(500);
    const rows = await fx.tdb.db
      .selectFrom('critical_results as k')
      .innerJoin('reports as r', 'r.id', 'k.report_id')
      .select('k.id')
      .where('r.task_id', '=', s.taskId)
      .execute();
    expect(rows).toEqual([]);
    expect(await told('critical.alert', s.studyUid)).toEqual([]);
  });

  it('refuses "other" without saying what the finding is', async () => {
    const s = await signCritical({ category: 'other' });
    expect(s.res.statusCode).toBe(400);
    expect(s.res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a flag on an unreadable image: that read asks for a retake instead', async () => {
    const s = await signCritical({ category: 'tension_pneumothorax' }, unreadableRead());
    expect(s.res.statusCode).toBe(422);
    expect(s.res.json().error.details.issues[0].field).toBe('critical');
    const report = await fx.tdb.db
      .selectFrom('reports')
      .select('state')
      .where('task_id', '=', s.taskId)
      .executeTakeFirstOrThrow();
    expect(report.state).toBe('draft');
  });

  it('escalates to the assistants, then to the supervisors, once each, on the sweep’s clock', async () => {
    const s = await signCritical({ category: 'other', note: 'Large right apical mass' });
    expect(s.res.statusCode, s.res.body).toBe(200);
    const reportId = s.res.json().report.id as string;
    const k = await criticalOf(reportId);
    const at = (minutes: number) => new Date(k.alerted_at!.getTime() + minutes * 60_000);
    const mineOf = (steps: { criticalId: string; level: string }[]) =>
      steps.filter((x) => x.criticalId === k.id).map((x) => x.level);

    // The desk shows it, due at the first escalation (15 min by default).
    const desk = await listCriticalDeskItems(fx.tdb.db, {
      clinicIds: [ids.clinic.DEMO1!],
      now: at(1),
    });
    expect(desk.find((d) => d.id === k.id)).toMatchObject({
      kind: 'critical',
      title: 'Critical result not acknowledged: Other urgent finding: Large right apical mass',
      since: k.alerted_at!.toISOString(),
      dueAt: at(15).toISOString(),
    });

    // …and so does the assistant's desk, which merges it with the other sources.
    const onDesk = await client.assistant!.request({ method: 'GET', url: '/api/desk' });
    expect(onDesk.statusCode, onDesk.body).toBe(200);
    expect(
      onDesk
        .json()
        .items.find((d: { kind: string; id: string }) => d.kind === 'critical' && d.id === k.id),
    ).toBeDefined();

    expect(mineOf(await escalateCriticalResults(fx.tdb.db, at(14)))).toEqual([]);
    expect(mineOf(await escalateCriticalResults(fx.tdb.db, at(15)))).toEqual(['assistants']);
    expect(await told('critical.escalated', s.studyUid)).toEqual(['assistant']);
    // A second sweep, or one after a restart, tells nobody again.
    expect(mineOf(await escalateCriticalResults(fx.tdb.db, at(16)))).toEqual([]);
    expect(await told('critical.escalated', s.studyUid)).toEqual(['assistant']);
    const after = await listCriticalDeskItems(fx.tdb.db, {
      clinicIds: [ids.clinic.DEMO1!],
      now: at(16),
    });
    expect(after.find((d) => d.id === k.id)?.dueAt).toBe(at(30).toISOString());

    // Two sweepers at once past the second threshold: the supervisors are told once.
    const both = await Promise.all([
      escalateCriticalResults(fx.tdb.db, at(31)),
      escalateCriticalResults(fx.tdb.db, at(31)),
    ]);
    expect(both.flatMap(mineOf)).toEqual(['supervisors']);
    expect(await told('critical.escalated_supervisors', s.studyUid)).toEqual([
      'admin',
      'consultant',
    ]);
    expect((await criticalOf(reportId)).escalation).toBe('supervisors');
    expect(mineOf(await escalateCriticalResults(fx.tdb.db, at(120)))).toEqual([]);
  });

  it('takes its escalation times from the settings, as data', async () => {
    const bad = await client.admin!.request({
      method: 'PUT',
      url: '/api/settings/critical',
      payload: { assistantsAfterMinutes: 30, supervisorsAfterMinutes: 10 },
    });
    expect(bad.statusCode).toBe(400);
    const put = await client.admin!.request({
      method: 'PUT',
      url: '/api/settings/critical',
      payload: { assistantsAfterMinutes: 5, supervisorsAfterMinutes: 10 },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const s = await signCritical({ category: 'active_tb_cavitation' });
      const k = await criticalOf(s.res.json().report.id);
      const at = (m: number) => new Date(k.alerted_at!.getTime() + m * 60_000);
      const steps = await escalateCriticalResults(fx.tdb.db, at(5));
      expect(steps.filter((x) => x.criticalId === k.id).map((x) => x.level)).toEqual([
        'assistants',
      ]);
    } finally {
      await client.admin!.request({
        method: 'PUT',
        url: '/api/settings/critical',
        payload: { assistantsAfterMinutes: 15, supervisorsAfterMinutes: 30 },
      });
    }
  });

  it('waits while the report is held for a consultant, and alerts with the consultant’s release', async () => {
    const s = await signCritical({ category: 'active_tb_cavitation' }, cavityRead());
    expect(s.res.json().outcome).toBe('pending_consultation');
    const reportId = s.res.json().report.id as string;
    expect((await criticalOf(reportId)).alerted_at).toBeNull();
    expect(await told('critical.alert', reportId)).toEqual([]);
    const held = await client.clinic1!.request({ method: 'GET', url: '/api/critical-results' });
    expect(held.body).not.toContain(reportId);
    // Not released: nothing for the clinic to acknowledge yet.
    const early = await client.clinic1!.request({
      method: 'POST',
      url: `/api/critical-results/${(await criticalOf(reportId)).id}/acknowledge`,
    });
    expect(early.json().error.code).toBe('CRITICAL_NOT_ALERTED');

    const consultant = await signIn(fx.app, 'consultant');
    const consultId = s.res.json().consultationTaskId as string;
    await claim(consultant, consultId);
    const concur = await consultant.request({
      method: 'POST',
      url: `/api/consultations/${consultId}/concur`,
      payload: { comment: 'Agree: active TB.' },
    });
    expect(concur.statusCode, concur.body).toBe(200);
    expect((await criticalOf(reportId)).alerted_at).not.toBeNull();
    expect(await told('critical.alert', reportId)).toEqual(['clinic1']);
  });

  it('flags a signed report after the fact, once', async () => {
    const s = await signCritical(undefined);
    const reportId = s.res.json().report.id as string;
    const flag = () =>
      client.radiologist!.request({
        method: 'POST',
        url: `/api/reports/${reportId}/critical`,
        payload: { category: 'suspected_malignancy' },
      });
    const first = await flag();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().critical.alertedAt).not.toBeNull();
    expect(await told('critical.alert', reportId)).toEqual(['clinic1']);
    const second = await flag();
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('CRITICAL_ALREADY_FLAGGED');
  });
});
