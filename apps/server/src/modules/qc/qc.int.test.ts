import type { ClinicRead, QcSampling } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { pdfText } from '../../testing/pdfText';
import { cavityRead, claim, newTask, normalRead } from '../reports/testSupport';

/**
 * QC re-reads through the API: the clinic sends its read; the rules sample it into a qc_read
 * task; the centre's reader reads blind and signs; the two reads are classified, a major
 * discordance tells the clinic in the same transaction, and agreement with kappa is scoped to
 * the clinic's own.
 */
let fx: AppFixture;
let qa: TestClient;
let clinic1: TestClient;
let clinic2: TestClient;
let reader: TestClient;
let reader2: TestClient;
let demo1: string;

async function setRules(def: QcSampling, own: QcSampling | null = null) {
  const res = await qa.request({
    method: 'PUT',
    url: '/api/qc/rules',
    payload: { default: def, clinics: own ? [{ clinicId: demo1, sampling: own }] : [] },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A DEMO1 study and the clinic's read of it; its QC task id when sampled. */
async function clinicRead(content = normalRead()) {
  const { studyUid, studyId } = await newTask(fx, 'DEMO1');
  const res = await clinic1.request({
    method: 'POST',
    url: `/api/studies/${studyUid}/clinic-read`,
    payload: { content, readerName: 'Dr Local Reader' },
  });
  expect(res.statusCode, res.body).toBe(200);
  const row = await fx.tdb.db
    .selectFrom('clinic_reads')
    .select(['task_id', 'id'])
    .where('study_id', '=', studyId)
    .executeTakeFirstOrThrow();
  return { studyUid, studyId, taskId: row.task_id, readId: row.id, answer: res.json() };
}

const sign = (c: TestClient, taskId: string, content: object) =>
  c.request({ method: 'POST', url: `/api/tasks/${taskId}/qc/sign`, payload: { content } });

beforeAll(async () => {
  fx = await appWithDemo();
  qa = await signIn(fx.app, 'qa');
  clinic1 = await signIn(fx.app, 'clinic1');
  clinic2 = await signIn(fx.app, 'clinic2');
  reader = await signIn(fx.app, 'radiologist');
  reader2 = await signIn(fx.app, 'radiologist2');
  demo1 = (
    await fx.tdb.db
      .selectFrom('clinics')
      .select('id')
      .where('code', '=', 'DEMO1')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => fx?.close());

describe('sampling rules', () => {
  it('a clinic’s own rule replaces the default: none, all, abnormal only', async () => {
    const rules = await setRules({ mode: 'all' }, { mode: 'none' });
    expect(rules.clinics).toEqual([{ clinicId: demo1, sampling: { mode: 'none' } }]);
    expect((await clinicRead()).taskId).toBeNull();

    await setRules({ mode: 'none' }, { mode: 'all' });
    const all = await clinicRead();
    expect(all.taskId).not.toBeNull();
    const task = await fx.tdb.db
      .selectFrom('reading_tasks')
      .select(['type', 'state', 'routing_reason', 'excluded_reader_id'])
      .where('id', '=', all.taskId!)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({
      type: 'qc_read',
      state: 'queued',
      routing_reason: 'QC re-read (every clinic read)',
      excluded_reader_id: null,
    });

    await setRules({ mode: 'abnormal' });
    expect((await clinicRead()).taskId).toBeNull();
    expect((await clinicRead(cavityRead())).taskId).not.toBeNull();

    await setRules({ mode: 'percent', percent: 0 });
    expect((await clinicRead(cavityRead())).taskId).toBeNull();
    await setRules({ mode: 'percent', percent: 100 });
    expect((await clinicRead()).taskId).not.toBeNull();
  });

  it('refuses a second read of the same study, an invalid read, and a rule twice for a clinic', async () => {
    await setRules({ mode: 'none' });
    const first = await clinicRead();
    const again = await clinic1.request({
      method: 'POST',
      url: `/api/studies/${first.studyUid}/clinic-read`,
      payload: { content: normalRead(), readerName: 'Dr Local Reader' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('QC_READ_EXISTS');
    const { studyUid } = await newTask(fx, 'DEMO1');
    const invalid = await clinic1.request({
      method: 'POST',
      url: `/api/studies/${studyUid}/clinic-read`,
      payload: { content: normalRead({ impression: '' }), readerName: 'Dr Local Reader' },
    });
    expect(invalid.statusCode).toBe(422);
    const twice = await qa.request({
      method: 'PUT',
      url: '/api/qc/rules',
      payload: {
        default: { mode: 'none' },
        clinics: [
          { clinicId: demo1, sampling: { mode: 'all' } },
          { clinicId: demo1, sampling: { mode: 'none' } },
        ],
      },
    });
    expect(twice.json().error.code).toBe('QC_RULE_DUPLICATE');
  });
});

describe('the blind re-read', () => {
  it('serves the clinic’s read to the re-reader only after their own read is signed', async () => {
    await setRules({ mode: 'all' });
    const { taskId, studyUid } = await clinicRead();
    // The centre's readers cannot open a clinic's read directly, before or after.
    const direct = await reader.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/clinic-read`,
    });
    expect(direct.statusCode).toBe(403);
    await claim(reader, taskId!);
    const before = await reader.request({ method: 'GET', url: `/api/tasks/${taskId}/qc` });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ formId: 'us-ds3030', clinicRead: null, own: null });
    expect(before.body).not.toContain('Dr Local Reader');
    expect(before.body).not.toContain('No active lung disease.');
    // Nobody but the claimant sees the task.
    const other = await reader2.request({ method: 'GET', url: `/api/tasks/${taskId}/qc` });
    expect(other.statusCode).toBe(403);

    const signed = await sign(reader, taskId!, normalRead({ impression: 'Clear lungs.' }));
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      own: { category: 'normal' },
      clinicRead: { readerName: 'Dr Local Reader', category: 'normal' },
      agreement: 'concordant',
      task: { state: 'completed' },
    });
    const twice = await sign(reader, taskId!, normalRead());
    expect(twice.json().error.code).toBe('QC_READ_DONE');
  });
});

describe('classification and notification', () => {
  it('normal against suggestive of TB is a major discordance that tells the clinic at once', async () => {
    await setRules({ mode: 'all' });
    const { taskId, readId, studyUid } = await clinicRead();
    await claim(reader, taskId!);
    const signed = await sign(reader, taskId!, cavityRead());
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ agreement: 'major', own: { category: 'tb' } });
    const told = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title', 'n.link'])
      .where('n.kind', '=', 'qc.major_discordance')
      .where('n.dedupe_key', '=', `qc.major_discordance:${readId}`)
      .execute();
    expect(told.map((t) => t.username)).toEqual(['clinic1']);
    expect(told[0]!.link).toBe('/qc');
    // The clinic sees both reads and the outcome on its study.
    const mine = await clinic1.request({
      method: 'GET',
      url: `/api/studies/${studyUid}/clinic-read`,
    });
    expect(mine.json().read).toMatchObject({
      category: 'normal',
      centre: { category: 'tb', agreement: 'major' },
    });
  });

  it('a concordant re-read tells nobody', async () => {
    await setRules({ mode: 'all' });
    const { taskId, readId } = await clinicRead(cavityRead());
    await claim(reader2, taskId!);
    expect((await sign(reader2, taskId!, cavityRead())).json().agreement).toBe('concordant');
    const told = await fx.tdb.db
      .selectFrom('notifications')
      .select('id')
      .where('dedupe_key', '=', `qc.major_discordance:${readId}`)
      .execute();
    expect(told).toEqual([]);
  });
});

describe('agreement, kappa and feedback', () => {
  it('tables the re-reads per clinic with Cohen’s kappa, for QA and the clinic’s own users only', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const q = `?from=${today}&to=${today}`;
    const feedback = await clinic1.request({
      method: 'GET',
      url: `/api/qc/clinics/${demo1}/feedback${q}`,
    });
    expect(feedback.statusCode, feedback.body).toBe(200);
    const s = feedback.json().summary;
    // Re-read so far: normal/normal, normal/tb, tb/tb (rows: clinic; columns: centre).
    expect(s).toMatchObject({ n: 3, concordant: 2, minor: 0, major: 1 });
    expect(s.table).toEqual([
      [1, 0, 1, 0],
      [0, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
    // po = 2/3; pe = (2/3·1/3) + (1/3·2/3) = 4/9; kappa = (2/3 − 4/9) / (1 − 4/9) = 0.4.
    expect(s.kappa).toBeCloseTo(0.4, 10);
    expect(feedback.json().cases).toHaveLength(3);

    const all = await qa.request({ method: 'GET', url: `/api/qc/agreement${q}` });
    expect(all.json().items.map((i: { clinicCode: string }) => i.clinicCode)).toEqual(['DEMO1']);
    // Another clinic sees neither DEMO1's figures nor its feedback.
    const theirs = await clinic2.request({ method: 'GET', url: `/api/qc/agreement${q}` });
    expect(theirs.json().items).toEqual([]);
    const refused = await clinic2.request({
      method: 'GET',
      url: `/api/qc/clinics/${demo1}/feedback${q}`,
    });
    expect(refused.statusCode).toBe(404);
    // Nor may a radiologist read any clinic's feedback.
    expect(
      (await reader.request({ method: 'GET', url: `/api/qc/clinics/${demo1}/feedback` }))
        .statusCode,
    ).toBe(403);

    const pdf = await clinic1.request({
      method: 'GET',
      url: `/api/qc/clinics/${demo1}/feedback.pdf${q}`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // What the clinic reads on paper: who, which period, the figures above, and the case it
    // must look at again with both reads side by side.
    const { text, title } = await pdfText(pdf.rawPayload);
    expect(title).toBe(`QC feedback — DEMO1 ${today} to ${today}`);
    const major = (feedback.json().cases as ClinicRead[]).find(
      (c) => c.centre?.agreement === 'major',
    )!;
    for (const line of [
      'Quality feedback: your reads checked by the reading centre',
      `${s.clinicName} (DEMO1)`,
      `${today} to ${today}`,
      'Reads checked: 3',
      'Agreed: 2 (66.7 %)',
      'Minor differences: 0 (0.0 %)',
      'Major differences (normal against suggestive of TB): 1 (33.3 %)',
      'kappa: 0.40 (fair); observed agreement 66.7 %, expected by chance 44.4 %.',
      `${major.patientName} (${major.patientId})`,
      'Major discordance',
      'Your read (Dr Local Reader): Normal. No active lung disease.',
      'Centre: Suggestive of TB. Right upper zone cavity, suspicious of active TB.',
    ])
      expect(text).toContain(line);
    // Concordant reads are counted, not listed.
    expect(text.match(/Your read \(/g)).toHaveLength(1);
    const audited = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'resource_id'])
      .where('request_id', '=', String(pdf.headers['x-request-id']))
      .execute();
    expect(audited).toEqual([
      { action: 'qc.feedback.pdf', outcome: 'success', resource_id: demo1 },
    ]);
  });
});
