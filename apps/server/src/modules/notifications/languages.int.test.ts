import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import { decodeBody, subjectOf } from '../../testing/mailText';
import { startSmtpInbox, type SmtpInbox } from '../../testing/smtpInbox';
import { claimSaveSign, newTask, normalRead, unreadableRead } from '../reports/testSupport';
import { startEmailWorker, unwireNotifications, wireNotifications } from '.';

/**
 * A clinic's notifications and e-mails are in its users' language (their own choice, else the
 * clinic's default), through a real SMTP listener; centre staff told of the same event read it
 * in English.
 */
let fx: LiveAppFixture;
let smtp: SmtpInbox;
let mail: { stop(): Promise<void> };
const client: Record<string, TestClient> = {};
const PUBLIC = 'https://telerad.example.org';

beforeAll(async () => {
  fx = await liveAppWithDemo();
  smtp = await startSmtpInbox();
  mail = await startEmailWorker({
    boss: fx.jobs,
    smtp: { url: smtp.url, from: 'Telerad <alerts@telerad.test>' },
    log: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
  });
  wireNotifications({ boss: fx.jobs, publicUrl: PUBLIC });
  for (const [username, email] of [
    ['clinic2', 'accueil@demo2.test'],
    ['assistant', 'assist@centre.test'],
  ] as const)
    await fx.tdb.db.updateTable('users').set({ email }).where('username', '=', username).execute();
  await fx.tdb.db
    .updateTable('clinics')
    .set({ language: 'fr' })
    .where('code', '=', 'DEMO2')
    .execute();
  for (const name of ['radiologist', 'clinic2']) client[name] = await signIn(fx.app, name);
});
afterAll(async () => {
  unwireNotifications();
  await mail?.stop();
  await smtp?.close();
  await fx?.close();
});

describe('a clinic’s notifications in its language', () => {
  it('e-mails the French clinic a retake request in French, and its assistant in English', async () => {
    const { taskId } = await newTask(fx, 'DEMO2');
    const signed = await claimSaveSign(client.radiologist!, taskId, unreadableRead());
    expect(signed.json().outcome).toBe('retake_requested');
    const rows = await fx.tdb.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.title', 'n.body'])
      .where('n.task_id', '=', taskId)
      .orderBy('u.username')
      .execute();
    expect(rows.map((r) => [r.username, r.title])).toEqual([
      ['assistant', 'Retake requested: DEMO2, REPORTPATIENT'],
      ['clinic2', 'Reprise demandée : DEMO2, REPORTPATIENT'],
    ]);
    expect(rows[1]!.body).toMatch(/^Merci de refaire la radiographie de DEMO2, REPORTPATIENT/);

    const french = await smtp.next((m) => m.to.includes('accueil@demo2.test'));
    expect(subjectOf(french.raw)).toBe('[Telerad] Reprise demandée : DEMO2, REPORTPATIENT');
    expect(decodeBody(french.raw)).toContain('Merci de refaire la radiographie de DEMO2');
    expect(decodeBody(french.raw)).toContain(`Ouvrez-le dans Telerad : ${PUBLIC}/studies/`);
    const english = await smtp.next((m) => m.to.includes('assist@centre.test'));
    expect(english.subject).toBe('[Telerad] Retake requested: DEMO2, REPORTPATIENT');
    expect(decodeBody(english.raw)).toContain(`Open it in Telerad: ${PUBLIC}/studies/`);
  });

  it('follows the user’s own choice over the clinic’s', async () => {
    const chosen = await client.clinic2!.request({
      method: 'PUT',
      url: '/api/auth/language',
      payload: { language: 'es' },
    });
    expect(chosen.statusCode).toBe(200);
    const { taskId } = await newTask(fx, 'DEMO2');
    const signed = await claimSaveSign(client.radiologist!, taskId, normalRead());
    const reportId = signed.json().report.id as string;
    const spanish = await smtp.next(
      (m) => m.to.includes('accueil@demo2.test') && decodeBody(m.raw).includes(reportId),
    );
    expect(subjectOf(spanish.raw)).toBe('[Telerad] Informe listo: DEMO2, REPORTPATIENT');
    expect(decodeBody(spanish.raw)).toContain('Ábralo en Telerad');
  });
});
