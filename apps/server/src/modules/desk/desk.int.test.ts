import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestClient } from '../../testing/http';
import { closeDeskWorld, deskKeys, deskPage, seedDeskWorld, type DeskWorld } from './testSupport';

/**
 * The assistant's desk with its real sources (see testSupport.ts), merged across the assistant's
 * clinics and sorted by how long each waited; its filters, scope, audit and clinic contacts.
 */
let w: DeskWorld | undefined;
let fx: DeskWorld['fx'];
let assistant: DeskWorld['assistant'];
let noId: DeskWorld['noId'];
let flagged: DeskWorld['flagged'];
let report: DeskWorld['report'];
let dueTaskId: DeskWorld['dueTaskId'];
let demo3NoIdUid: DeskWorld['demo3NoIdUid'];
let retakeUid: DeskWorld['retakeUid'];
let retakeId: DeskWorld['retakeId'];
let clinicIds: DeskWorld['clinicIds'];

beforeAll(async () => {
  w = await seedDeskWorld();
  ({
    fx,
    assistant,
    noId,
    flagged,
    report,
    dueTaskId,
    demo3NoIdUid,
    retakeUid,
    retakeId,
    clinicIds,
  } = w);
});
afterAll(() => closeDeskWorld(w));

const db = () => fx.tdb.db;
const desk = (client: TestClient = assistant, query = '') => deskPage(client, query);
const keys = deskKeys;

describe('the desk', () => {
  it("merges every source across the assistant's clinics, oldest first", async () => {
    const page = await desk();
    expect(keys(page.items)).toEqual([
      `report_unopened:${report.studyUid}`,
      `due_soon:${(await db().selectFrom('reading_tasks').innerJoin('studies', 'studies.id', 'reading_tasks.study_id').select('study_uid').where('reading_tasks.id', '=', dueTaskId).executeTakeFirstOrThrow()).study_uid}`,
      `attention:${noId.studyUid}`,
      `attention:${flagged.studyUid}`,
      `retake:${retakeUid}`,
    ]);
    const [opened, due, held, flags, retake] = page.items;
    expect(retake).toMatchObject({ id: retakeId, clinicId: clinicIds.DEMO1, patientId: 'RTK-1' });
    expect(opened).toMatchObject({ clinicId: clinicIds.DEMO1, patientId: `DLV-DEMO1-1` });
    expect(due).toMatchObject({
      clinicId: clinicIds.DEMO2,
      taskId: dueTaskId,
      priority: 'routine',
      patientName: 'OTIENO^JAMES',
      title: 'Reading due soon',
      dueAt: expect.any(String),
    });
    expect(held).toMatchObject({ held: 'identity', patientId: null });
    expect(held!.title).toMatch(/^No applicant ID.*waits outside the worklist$/);
    // Stable, with an ID and never read: held until someone releases it.
    expect(flags).toMatchObject({ held: 'flags', title: expect.stringMatching(/held/) });
    expect(page.counts).toMatchObject({
      attention: 2,
      due_soon: 1,
      report_unopened: 1,
      retake: 1,
    });
    expect(page.clinics.map((c) => c.code)).toEqual(['DEMO1', 'DEMO2']);
    expect(JSON.stringify(page)).not.toContain(demo3NoIdUid);
  });

  it('narrows by kind and by clinic, and refuses a clinic the assistant does not assist', async () => {
    const attention = await desk(assistant, '?kind=attention');
    expect(keys(attention.items)).toEqual([
      `attention:${noId.studyUid}`,
      `attention:${flagged.studyUid}`,
    ]);
    expect(attention.counts.report_unopened).toBe(1);
    const demo1 = await desk(assistant, `?clinicId=${clinicIds.DEMO1}`);
    expect(new Set(demo1.items.map((i) => i.clinicId))).toEqual(new Set([clinicIds.DEMO1]));
    const res = await assistant.request({
      method: 'GET',
      url: `/api/desk?clinicId=${clinicIds.DEMO3}`,
    });
    expect(res.statusCode).toBe(404);
  });

  it('shows support every clinic, narrowed by the clinic filter; clinic staff have no desk', async () => {
    const support = await signIn(fx.app, 'support');
    expect(keys((await desk(support)).items)).toContain(`attention:${demo3NoIdUid}`);
    const demo3 = await desk(support, `?clinicId=${clinicIds.DEMO3}`);
    expect(keys(demo3.items)).toEqual([`attention:${demo3NoIdUid}`]);
    const clinic = await signIn(fx.app, 'clinic1');
    expect((await clinic.request({ method: 'GET', url: '/api/desk' })).statusCode).toBe(403);
  });

  it('audits every look at the desk with the studies it showed', async () => {
    const res = await assistant.request({ method: 'GET', url: '/api/desk?kind=attention' });
    const event = await db()
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'details'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'desk.list', outcome: 'success' });
    expect((event.details as { studies: string[] }).studies).toEqual([
      noId.studyUid,
      flagged.studyUid,
    ]);
  });

  it("shows each clinic's contacts once an administrator recorded them", async () => {
    const admin = await signIn(fx.app, 'admin');
    const res = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${clinicIds.DEMO1}`,
      payload: {
        contacts: [
          {
            name: 'Grace Wanjiru',
            role: 'Lead technician',
            phone: '+254 20 123 4567',
            email: 'grace@demo1.test',
            preferredHours: 'Mon–Fri 08:00–16:00',
          },
          { name: 'Front desk', phone: '+254 20 765 4321' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const bad = await admin.request({
      method: 'PATCH',
      url: `/api/clinics/${clinicIds.DEMO1}`,
      payload: { contacts: [{ name: 'X', phone: 'call me' }] },
    });
    expect(bad.statusCode).toBe(400);
    const demo1 = (await desk()).clinics.find((c) => c.code === 'DEMO1');
    expect(demo1?.contacts).toEqual([
      {
        name: 'Grace Wanjiru',
        role: 'Lead technician',
        phone: '+254 20 123 4567',
        email: 'grace@demo1.test',
        preferredHours: 'Mon–Fri 08:00–16:00',
      },
      { name: 'Front desk', role: '', phone: '+254 20 765 4321', email: null, preferredHours: '' },
    ]);
  });
});
