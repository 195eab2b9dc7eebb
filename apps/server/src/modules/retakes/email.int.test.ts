import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { decodeBody } from '../../testing/mailText';
import { startSmtpInbox, type SmtpInbox } from '../../testing/smtpInbox';
import { startEmailWorker, unwireNotifications, wireNotifications } from '../notifications';
import { claim, newTask } from '../reports/testSupport';

/**
 * The clinic hears of a retake by e-mail as well as in the app: the request and each reminder go
 * through the notification catalogue to a real SMTP server (npm `smtp-server`).
 */
let fx: LiveAppFixture;
let smtp: SmtpInbox;
let mail: { stop(): Promise<void> };
const client: Record<string, TestClient> = {};

beforeAll(async () => {
  fx = await liveAppWithDemo();
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
    .set({ email: 'xray-room@demo1.test' })
    .where('username', '=', 'clinic1')
    .execute();
  for (const name of ['radiologist', 'assistant']) client[name] = await signIn(fx.app, name);
});
afterAll(async () => {
  unwireNotifications();
  await mail?.stop();
  await smtp?.close();
  await fx?.close();
});

describe('retake e-mail', () => {
  it('mails the clinic the extra view asked from the reading screen, and the reminder', async () => {
    const { taskId, studyUid } = await newTask(fx, 'DEMO1');
    await claim(client.radiologist!, taskId);
    const asked = await client.radiologist!.request({
      method: 'POST',
      url: `/api/tasks/${taskId}/retake-requests`,
      payload: { kind: 'extra_view', views: ['lateral'], note: 'Effusion or thickening?' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const request = await smtp.next(
      (m) => m.subject === '[Telerad] Extra view requested: DEMO1, REPORTPATIENT',
    );
    expect(request.to).toEqual(['xray-room@demo1.test']);
    expect(decodeBody(request.raw)).toContain('send it with the same study: lateral.');
    expect(request.raw).toContain(`/studies/${studyUid}`);

    const chased = await client.assistant!.request({
      method: 'POST',
      url: `/api/retake-requests/${asked.json().request.id}/chase`,
    });
    expect(chased.statusCode, chased.body).toBe(200);
    const reminder = await smtp.next((m) =>
      m.subject.startsWith('[Telerad] Reminder: new images needed'),
    );
    expect(reminder.to).toEqual(['xray-room@demo1.test']);
    expect(reminder.raw).toMatch(/the extra view \(lateral\)/);
  });
});
