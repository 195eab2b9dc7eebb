import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { recordingSocket, type RecordingSocket } from '../../testing/realtimeSocket';
import { startSmtpInbox, type SmtpInbox } from '../../testing/smtpInbox';
import {
  cavityRead,
  claim,
  claimSaveSign,
  newTask,
  normalRead,
  save,
  unreadableRead,
} from '../reports/testSupport';
import { demoIds, type DemoIds } from '../worklist/testSupport';
import {
  NOTIFICATION_EMAIL_QUEUE,
  notifyEvent,
  startEmailWorker,
  unwireNotifications,
  wireNotifications,
} from '.';

/**
 * The workflow's notifications end to end through the API: who is told of a queued or assigned
 * consultation, a released report and a retake; that a notification exists, is pushed and is
 * e-mailed exactly when its event commits; and that each user's switch per kind holds for both.
 */
let fx: LiveAppFixture;
let ids: DemoIds;
let smtp: SmtpInbox;
let mail: { stop(): Promise<void> };
const client: Record<string, TestClient> = {};
const sockets: WebSocket[] = [];
const PUBLIC = 'https://telerad.example.org';

beforeAll(async () => {
  fx = await liveAppWithDemo();
  ids = await demoIds(fx.tdb.db);
  smtp = await startSmtpInbox();
  mail = await startEmailWorker({
    boss: fx.jobs,
    smtp: { url: smtp.url, from: 'Telerad <alerts@telerad.test>' },
    log: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
  });
  wireNotifications({ boss: fx.jobs, publicUrl: PUBLIC });
  for (const [username, email] of [
    ['clinic1', 'front-desk@demo1.test'],
    ['consultant', 'consuelo@centre.test'],
  ] as const)
    await fx.tdb.db.updateTable('users').set({ email }).where('username', '=', username).execute();
  for (const name of ['radiologist', 'consultant', 'assistant', 'admin', 'clinic1', 'clinic2'])
    client[name] = await signIn(fx.app, name);
});
afterAll(async () => {
  unwireNotifications();
  for (const s of sockets) s.close();
  await mail?.stop();
  await smtp?.close();
  await fx?.close();
});

type Msg = Record<string, unknown>;

async function connect(who: string): Promise<RecordingSocket<Msg>> {
  const socket = await recordingSocket<Msg>(fx.wsBase, client[who]!.cookie, {
    label: who,
    defaultTimeoutMs: 10_000,
  });
  sockets.push(socket.ws);
  await socket.next((m) => m.type === 'hello');
  return socket;
}

/** Who was told what about `match` (a task, or notifications of a kind), by username. */
const told = (kind: string, where: { taskId?: string; link?: string } = {}) =>
  fx.tdb.db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['u.username', 'n.id', 'n.title', 'n.body', 'n.link'])
    .where('n.kind', '=', kind)
    .$if(Boolean(where.taskId), (q) => q.where('n.task_id', '=', where.taskId!))
    .$if(Boolean(where.link), (q) => q.where('n.link', '=', where.link!))
    .orderBy('u.username')
    .execute();

/** The texts of the e-mail jobs queued to `to` (they commit with their notifications). */
const emailJobs = async (to: string) =>
  (
    await sql<{ text: string }>`
      select data->>'text' as text from pgboss.job
      where name = ${NOTIFICATION_EMAIL_QUEUE} and data->>'to' = ${to}
      order by created_on`.execute(fx.tdb.db)
  ).rows.map((r) => r.text);

describe('workflow notifications', () => {
  it("tells the centre's consultants live that a consultation waits, not the reader", async () => {
    const consultant = await connect('consultant');
    const { taskId } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, taskId, cavityRead());
    expect(signed.json().outcome).toBe('pending_consultation');
    const consultId = signed.json().consultationTaskId as string;
    const rows = await told('consultation.queued', { taskId: consultId });
    expect(rows.map((r) => r.username)).toEqual(['consultant']);
    expect(rows[0]!.title).toMatch(/^Consultation waiting: DEMO1 P-DEMO1-/);
    expect(rows[0]!.body).toContain('Any cavity or miliary finding');
    expect(rows[0]!.link).toBe('/worklist');
    await consultant.next((m) => m.type === 'notification' && m.notificationId === rows[0]!.id);
    const list = await client.consultant!.request({ url: '/api/notifications' });
    expect(list.json().notifications[0]).toMatchObject({
      id: rows[0]!.id,
      kind: 'consultation.queued',
      link: '/worklist',
    });
    const mailed = await smtp.next((m) => m.subject.includes('Consultation waiting'));
    expect(mailed.to).toEqual(['consuelo@centre.test']);
    expect(mailed.raw).toContain(`${PUBLIC}/worklist`);
  });

  it('tells a consultant a consultation was assigned to them', async () => {
    const db = fx.tdb.db;
    // The read is claimed before the centre pushes, so it is not pushed to the consultant.
    const { taskId } = await newTask(fx, 'DEMO1');
    await claim(client.radiologist!, taskId);
    const saved = await save(client.radiologist!, taskId, cavityRead(), 0);
    await db.updateTable('centres').set({ assignment_mode: 'push' }).execute();
    try {
      const shift = await client.consultant!.request({
        method: 'PUT',
        url: '/api/me/shift',
        payload: { onShift: true },
      });
      expect(shift.statusCode, shift.body).toBe(200);
      const signed = await client.radiologist!.request({
        method: 'POST',
        url: `/api/tasks/${taskId}/report/sign`,
        payload: { revision: saved.json().report.revision },
      });
      expect(signed.statusCode, signed.body).toBe(200);
      const consultId = signed.json().consultationTaskId as string;
      const rows = await told('consultation.assigned', { taskId: consultId });
      expect(rows.map((r) => r.username)).toEqual(['consultant']);
      expect(rows[0]!.title).toMatch(/^Consultation assigned to you: DEMO1 /);
    } finally {
      await db.updateTable('centres').set({ assignment_mode: 'pull' }).execute();
      await db.updateTable('users').set({ on_shift: false }).execute();
    }
  });

  it('tells the consultant a supervisor handed a consultation to them, and only for consultations', async () => {
    const { taskId } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, taskId, cavityRead());
    const consultId = signed.json().consultationTaskId as string;
    const handed = await client.admin!.request({
      method: 'POST',
      url: `/api/tasks/${consultId}/reassign`,
      payload: { assigneeId: ids.user.consultant! },
    });
    expect(handed.statusCode, handed.body).toBe(200);
    const rows = await told('consultation.assigned', { taskId: consultId });
    expect(rows.map((r) => r.username)).toEqual(['consultant']);
    // A primary read handed to a radiologist is not a consultation: no notification of this kind.
    const read = await newTask(fx, 'DEMO1');
    const primary = await client.admin!.request({
      method: 'POST',
      url: `/api/tasks/${read.taskId}/reassign`,
      payload: { assigneeId: ids.user.radiologist! },
    });
    expect(primary.statusCode, primary.body).toBe(200);
    expect(await told('consultation.assigned', { taskId: read.taskId })).toEqual([]);
  });

  it("tells the clinic's users that a report is ready, with a link that opens it", async () => {
    const clinic1 = await connect('clinic1');
    const { taskId } = await newTask(fx, 'DEMO1');
    const signed = await claimSaveSign(client.radiologist!, taskId, normalRead());
    expect(signed.json().outcome).toBe('released');
    const reportId = signed.json().report.id as string;
    const link = `/reports?report=${reportId}`;
    const rows = await told('report.released', { link });
    // The clinic's own users only: not the other clinic, not the assistant, not the reader.
    expect(rows.map((r) => r.username)).toEqual(['clinic1']);
    expect(rows[0]!.title).toBe('Report ready: DEMO1, REPORTPATIENT');
    await clinic1.next((m) => m.type === 'notification' && m.notificationId === rows[0]!.id);
    const mailed = await smtp.next((m) => m.subject.includes('Report ready: DEMO1'));
    expect(mailed.to).toEqual(['front-desk@demo1.test']);
    expect(await emailJobs('front-desk@demo1.test')).toContainEqual(
      expect.stringContaining(`${PUBLIC}${link}`),
    );
    // The link is the clinic's to open: the report it names is theirs.
    const report = await client.clinic1!.request({ url: `/api/reports/${reportId}` });
    expect(report.statusCode).toBe(200);
  });

  it('asks the clinic and its assistants for a retake', async () => {
    const { taskId, studyUid } = await newTask(fx, 'DEMO2');
    const signed = await claimSaveSign(client.radiologist!, taskId, unreadableRead());
    expect(signed.json().outcome).toBe('retake_requested');
    const rows = await told('retake.requested', { taskId });
    expect(rows.map((r) => r.username)).toEqual(['assistant', 'clinic2']);
    expect(rows[0]!.title).toBe('Retake requested: DEMO2, REPORTPATIENT');
    expect(rows[0]!.body).toMatch(/take the X-ray .* again: .+\./);
    expect(rows[0]!.link).toBe(`/studies/${encodeURIComponent(studyUid)}`);
  });
});

describe('one event, one notification, committed with it', () => {
  const event = (key: string) => ({
    kind: 'report.released' as const,
    facts: { what: 'Report ready', patientName: 'X', patient: 'P', reportId: key },
    key,
    clinicId: ids.clinic.DEMO1!,
  });

  it('creates and pushes nothing when the event rolls back', async () => {
    const clinic1 = await connect('clinic1');
    await expect(
      fx.tdb.db.transaction().execute(async (trx) => {
        await notifyEvent(trx, event('rolled-back'));
        throw new Error('the event failed');
      }),
    ).rejects.toThrow('the event failed');
    // A later event's push arrives; the rolled-back one's never did (pushes arrive in order).
    const [later] = await fx.tdb.db
      .transaction()
      .execute((trx) => notifyEvent(trx, event('committed')));
    await clinic1.next((m) => m.notificationId === later!.id);
    expect(clinic1.seen.filter((m) => m.type === 'notification')).toHaveLength(1);
    expect(await told('report.released', { link: '/reports?report=rolled-back' })).toEqual([]);
  });

  it('does not notify twice when the same event is raised again', async () => {
    const first = await fx.tdb.db.transaction().execute((trx) => notifyEvent(trx, event('twice')));
    const again = await fx.tdb.db.transaction().execute((trx) => notifyEvent(trx, event('twice')));
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(await told('report.released', { link: '/reports?report=twice' })).toHaveLength(1);
  });
});

describe('notification preferences', () => {
  const prefs = (who: string, userId: string) =>
    client[who]!.request({ url: `/api/users/${userId}/notification-preferences` });
  const change = (who: string, userId: string, kind: string, enabled: boolean) =>
    client[who]!.request({
      method: 'PUT',
      url: `/api/users/${userId}/notification-preferences`,
      payload: { kind, enabled },
    });

  it('offers a switch for each kind the role receives', async () => {
    const clinic = await prefs('clinic1', ids.user.clinic1!);
    expect(clinic.statusCode).toBe(200);
    expect(clinic.json()).toMatchObject({ email: true });
    expect(clinic.json().preferences.map((p: { kind: string }) => p.kind)).toEqual([
      'report.released',
      'retake.requested',
      'extra_view.requested',
      'retake.reminder',
      'critical.alert',
      'qc.major_discordance',
      'second_opinion.answered',
      'second_opinion.amended',
      'message.from_centre',
      'sop.acknowledgement_needed',
    ]);
    const consultant = await prefs('consultant', ids.user.consultant!);
    expect(consultant.json().preferences.map((p: { kind: string }) => p.kind)).toEqual([
      'consultation.queued',
      'consultation.assigned',
      'critical.escalated_supervisors',
      'peer_review.discrepancy',
      'peer_review.feedback',
      'second_opinion.requested',
      'second_opinion.answered',
      'second_opinion.amended',
      'task.due_soon',
      'task.overdue',
      'sop.review_due',
      'sop.acknowledgement_needed',
    ]);
    // Another user's switches are not yours to read or change.
    expect((await prefs('clinic2', ids.user.clinic1!)).statusCode).toBe(404);
    expect((await change('clinic2', ids.user.clinic1!, 'report.released', false)).statusCode).toBe(
      404,
    );
    // A kind the role never receives has no switch.
    const wrong = await change('clinic1', ids.user.clinic1!, 'delivery.failed', false);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('NOTIFICATION_KIND_NOT_OFFERED');
  });

  it('a kind turned off is neither shown nor e-mailed; turned on again, it is both', async () => {
    const off = await change('clinic1', ids.user.clinic1!, 'report.released', false);
    expect(off.statusCode, off.body).toBe(200);
    expect(
      off.json().preferences.find((p: { kind: string }) => p.kind === 'report.released'),
    ).toMatchObject({ app: false, email: false });
    const audit = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['outcome', 'details'])
      .where('action', '=', 'notification-preferences.update')
      .where('resource_id', '=', ids.user.clinic1!)
      .where('outcome', '=', 'success')
      .execute();
    expect(audit).toEqual([
      {
        outcome: 'success',
        details: expect.objectContaining({
          kind: 'report.released',
          channels: ['app', 'email'],
          enabled: false,
        }),
      },
    ]);

    const mailed = (await emailJobs('front-desk@demo1.test')).length;
    const quiet = await claimSaveSign(
      client.radiologist!,
      (await newTask(fx, 'DEMO1')).taskId,
      normalRead(),
    );
    const quietLink = `/reports?report=${quiet.json().report.id}`;
    expect(await told('report.released', { link: quietLink })).toEqual([]);
    expect(await emailJobs('front-desk@demo1.test')).toHaveLength(mailed);

    expect((await change('clinic1', ids.user.clinic1!, 'report.released', true)).statusCode).toBe(
      200,
    );
    const heard = await claimSaveSign(
      client.radiologist!,
      (await newTask(fx, 'DEMO1')).taskId,
      normalRead(),
    );
    const [row] = await told('report.released', {
      link: `/reports?report=${heard.json().report.id}`,
    });
    expect(row?.username).toBe('clinic1');
    expect(await emailJobs('front-desk@demo1.test')).toHaveLength(mailed + 1);
  });
  it('keeps each channel apart: e-mail only, or the bell only', async () => {
    const set = (body: object) =>
      client.clinic1!.request({
        method: 'PUT',
        url: `/api/users/${ids.user.clinic1!}/notification-preferences`,
        payload: body,
      });
    const release = async () => {
      const signed = await claimSaveSign(
        client.radiologist!,
        (await newTask(fx, 'DEMO1')).taskId,
        normalRead(),
      );
      return `/reports?report=${signed.json().report.id}`;
    };
    const listed = async (link: string) =>
      (await client.clinic1!.request({ url: '/api/notifications' }))
        .json()
        .notifications.some((n: { link: string }) => n.link === link);

    // The bell off, e-mail on: e-mailed, never listed.
    const bellOff = await set({ kind: 'report.released', channel: 'app', enabled: false });
    expect(
      bellOff.json().preferences.find((p: { kind: string }) => p.kind === 'report.released'),
    ).toMatchObject({ app: false, email: true });
    let mailed = (await emailJobs('front-desk@demo1.test')).length;
    const quiet = await release();
    expect(await listed(quiet)).toBe(false);
    expect(await emailJobs('front-desk@demo1.test')).toHaveLength(mailed + 1);

    // The bell on, e-mail off: listed, never e-mailed.
    await set({ kind: 'report.released', channel: 'app', enabled: true });
    await set({ kind: 'report.released', channel: 'email', enabled: false });
    mailed = (await emailJobs('front-desk@demo1.test')).length;
    const shown = await release();
    expect(await listed(shown)).toBe(true);
    expect(await emailJobs('front-desk@demo1.test')).toHaveLength(mailed);
    await set({ kind: 'report.released', enabled: true });
  });
});
