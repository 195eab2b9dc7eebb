import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestClient } from '../../testing/http';
import { recordingSocket } from '../../testing/realtimeSocket';
import { releasedReport } from '../delivery/testSupport';
import {
  closeDeskWorld,
  deskKeys,
  deskPage,
  seedDeskWorld,
  studyRow as studyRowOf,
  type DeskWorld,
} from './testSupport';

/**
 * Acting from the assistant's desk: entering an applicant ID, releasing a held study, raising
 * priority, chasing a retake, and the live refresh of open desks over the WebSocket.
 */
let w: DeskWorld | undefined;
let fx: DeskWorld['fx'];
let assistant: DeskWorld['assistant'];
let noId: DeskWorld['noId'];
let flagged: DeskWorld['flagged'];
let report: DeskWorld['report'];
let dueTaskId: DeskWorld['dueTaskId'];
let retakeId: DeskWorld['retakeId'];
let clinicIds: DeskWorld['clinicIds'];

beforeAll(async () => {
  w = await seedDeskWorld();
  ({ fx, assistant, noId, flagged, report, dueTaskId, retakeId, clinicIds } = w);
});
afterAll(() => closeDeskWorld(w));

const db = () => fx.tdb.db;
const studyRow = (uid: string) => studyRowOf(fx, uid);
const desk = (client: TestClient = assistant, query = '') => deskPage(client, query);
const keys = deskKeys;

describe('acting from the desk', () => {
  it('refuses to release a study without an applicant ID', async () => {
    const res = await assistant.request({
      method: 'POST',
      url: `/api/studies/${noId.studyUid}/release`,
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('STUDY_IDENTITY_REQUIRED');
  });

  it('enters the ID: the study leaves the desk for the worklist, and open desks hear of it', async () => {
    const socket = await recordingSocket<{ type: string; clinicId?: string }>(
      fx.wsBase,
      assistant.cookie,
      { label: 'assistant', defaultTimeoutMs: 5000 },
    );
    try {
      await socket.next((m) => m.type === 'hello');
      const res = await assistant.request({
        method: 'POST',
        url: `/api/studies/${noId.studyUid}/identity`,
        payload: { patientId: 'UKTB-4471', familyName: 'MWANGI', givenName: 'GRACE' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().worklist).toBe('created');
      const event = await socket.next((m) => m.type === 'desk.changed');
      expect(event.clinicId).toBe(clinicIds.DEMO1);
    } finally {
      socket.ws.close();
    }
    expect(keys((await desk()).items)).not.toContain(`attention:${noId.studyUid}`);
  });

  it('releases a held study to the worklist, audited, and it leaves the desk', async () => {
    const res = await assistant.request({
      method: 'POST',
      url: `/api/studies/${flagged.studyUid}/release`,
      payload: { note: 'Localizer header checked with the clinic' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ worklist: 'created' });
    const s = await studyRow(flagged.studyUid);
    const tasks = await db()
      .selectFrom('reading_tasks')
      .select('state')
      .where('study_id', '=', s.id)
      .execute();
    expect(tasks).toHaveLength(1);
    const event = await db()
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'clinic_id', 'resource_id'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    expect(event).toEqual([
      {
        action: 'study.release',
        outcome: 'success',
        clinic_id: clinicIds.DEMO2,
        resource_id: flagged.studyUid,
      },
    ]);
    expect(keys((await desk()).items)).not.toContain(`attention:${flagged.studyUid}`);
    const again = await assistant.request({
      method: 'POST',
      url: `/api/studies/${flagged.studyUid}/release`,
      payload: {},
    });
    expect(again.json()).toEqual({ worklist: 'exists' });
  });

  it('raises the priority of a reading near its due time', async () => {
    const res = await assistant.request({
      method: 'PATCH',
      url: `/api/tasks/${dueTaskId}`,
      payload: { priority: 'urgent' },
    });
    expect(res.statusCode, res.body).toBe(200);
    // Its due time follows the new priority's target from when it was queued: long past.
    const due = (await desk(assistant, '?kind=due_soon')).items[0];
    expect(due).toMatchObject({ taskId: dueTaskId, priority: 'urgent', title: 'Reading overdue' });
  });

  it('chases a retake the clinic has not acknowledged', async () => {
    const res = await assistant.request({
      method: 'POST',
      url: `/api/retake-requests/${retakeId}/chase`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const item = (await desk(assistant, '?kind=retake')).items[0];
    expect(item).toMatchObject({ id: retakeId, detail: expect.stringContaining('chased 1×') });
  });

  it('hears of a critical result live: when it reaches the clinic and when the clinic acknowledges it', async () => {
    type Event = { type: string; source?: string };
    const critical = (m: Event) => m.type === 'desk.changed' && m.source === 'critical';
    const reader = await signIn(fx.app, 'radiologist');
    const flagged = await releasedReport(fx, reader, 'DEMO1');
    const socket = await recordingSocket<Event>(fx.wsBase, assistant.cookie, {
      label: 'assistant',
      defaultTimeoutMs: 5000,
    });
    try {
      await socket.next((m) => m.type === 'hello');
      const flag = await reader.request({
        method: 'POST',
        url: `/api/reports/${flagged.reportId}/critical`,
        payload: { category: 'tension_pneumothorax' },
      });
      expect(flag.statusCode, flag.body).toBe(200);
      await socket.next(critical);
      const item = (await desk(assistant, '?kind=critical')).items.find(
        (i) => i.studyUid === flagged.studyUid,
      );
      expect(item).toBeDefined();
      const clinic = await signIn(fx.app, 'clinic1');
      const ack = await clinic.request({
        method: 'POST',
        url: `/api/critical-results/${item!.id}/acknowledge`,
      });
      expect(ack.statusCode, ack.body).toBe(200);
      await socket.next(() => socket.seen.filter(critical).length >= 2);
    } finally {
      socket.ws.close();
    }
    const left = (await desk(assistant, '?kind=critical')).items;
    expect(left.find((i) => i.studyUid === flagged.studyUid)).toBeUndefined();
    // The clinic opens the report too, so it does not wait on the desk as unopened.
    const clinic = await signIn(fx.app, 'clinic1');
    const opened = await clinic.request({ method: 'GET', url: `/api/reports/${flagged.reportId}` });
    expect(opened.statusCode, opened.body).toBe(200);
  });

  it('drops a report from the desk once the clinic opens it, live', async () => {
    const socket = await recordingSocket<{ type: string; source?: string }>(
      fx.wsBase,
      assistant.cookie,
      { label: 'assistant', defaultTimeoutMs: 5000 },
    );
    try {
      await socket.next((m) => m.type === 'hello');
      const clinic = await signIn(fx.app, 'clinic1');
      const res = await clinic.request({ method: 'GET', url: `/api/reports/${report.reportId}` });
      expect(res.statusCode, res.body).toBe(200);
      await socket.next((m) => m.type === 'desk.changed' && m.source === 'report_unopened');
    } finally {
      socket.ws.close();
    }
    expect((await desk()).counts.report_unopened).toBe(0);
  });
});
