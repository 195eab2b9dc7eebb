import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../../platform/jobs';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { signIn, type TestClient } from '../../testing/http';
import {
  mailBodies,
  startSmtpInbox,
  type ReceivedMail,
  type SmtpInbox,
} from '../../testing/smtpInbox';
import { startEmailWorker } from '../notifications';
import { claimSaveSign, newTask, normalRead, unreadableRead } from '../reports/testSupport';
import { demoIds, insertStudy, type DemoIds } from '../worklist/testSupport';
import { DIGEST_SWEEP_QUEUE, scheduleDigests, sendDueDigests, type DigestDeps } from '.';

/**
 * The daily digest end to end: managers marked on the user form, figures read by each manager's
 * own clock, e-mailed through a real SMTP server exactly once per manager and local day, and
 * never to a member who does not manage the clinic nor with another clinic's figures.
 *
 * DEMO1 is moved to Manila (UTC+8) and DEMO2 to Lima (UTC−5), so on 10 March 2026 at 10:30 UTC
 * it is 18:30 in Manila (the digest of the 9th is due) and 05:30 in Lima (not yet).
 */
let fx: AppFixture;
let ids: DemoIds;
let smtp: SmtpInbox;
let mail: { stop(): Promise<void> };
let deps: DigestDeps;
const client: Record<string, TestClient> = {};
const PUBLIC = 'https://telerad.example.org';
const MANILA_EVENING = new Date('2026-03-10T10:30:00Z');
const LIMA_MORNING = new Date('2026-03-10T12:30:00Z');
const MANILA_NEXT_MORNING = new Date('2026-03-11T00:00:00Z');

/** A study of `clinic` that first arrived at `at`, with its primary read as given. */
async function studyAt(
  clinic: string,
  at: string,
  read?: { completed: string; dueAt: string; minutes: number },
): Promise<void> {
  const studyId = await insertStudy(fx.tdb.db, ids.clinic[clinic]!, new Date(at));
  await fx.tdb.db
    .updateTable('studies')
    .set({ first_received_at: new Date(at) })
    .where('id', '=', studyId)
    .execute();
  if (!read) return;
  await fx.tdb.db
    .insertInto('reading_tasks')
    .values({
      study_id: studyId,
      clinic_id: ids.clinic[clinic]!,
      type: 'primary_read',
      state: 'completed',
      centre_id: ids.centre['Global Centre']!,
      queued_at: new Date(at),
      due_at: new Date(read.dueAt),
      completed_at: new Date(read.completed),
      turnaround_minutes: read.minutes,
      routing_reason: null,
    })
    .execute();
}

const setEmail = (username: string, email: string) =>
  fx.tdb.db.updateTable('users').set({ email }).where('username', '=', username).execute();

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

beforeAll(async () => {
  fx = await appWithDemo();
  ids = await demoIds(fx.tdb.db);
  smtp = await startSmtpInbox();
  mail = await startEmailWorker({
    boss: fx.jobs,
    smtp: { url: smtp.url, from: 'Telerad <digest@telerad.test>' },
    log: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
  });
  deps = { db: fx.tdb.db, boss: fx.jobs, publicUrl: `${PUBLIC}/` };
  await fx.tdb.db
    .updateTable('clinics')
    .set({ time_zone: 'Asia/Manila', name: 'Manila Screening' })
    .where('code', '=', 'DEMO1')
    .execute();
  await fx.tdb.db
    .updateTable('clinics')
    .set({ time_zone: 'America/Lima', name: 'Lima Screening' })
    .where('code', '=', 'DEMO2')
    .execute();
  await setEmail('clinic1', 'manager@manila.test');
  await setEmail('clinic2', 'manager@lima.test');
  for (const name of ['admin', 'radiologist', 'clinic1', 'clinic2'])
    client[name] = await signIn(fx.app, name);

  // Manila's 9 March is 8 March 16:00 to 9 March 16:00 UTC; Lima's is 9 March 05:00 to 10 March 05:00.
  await studyAt('DEMO1', '2026-03-09T02:00:00Z'); // Manila 10:00 on the 9th: counted, not read
  await studyAt('DEMO1', '2026-03-09T03:00:00Z', {
    completed: '2026-03-09T03:40:00Z',
    dueAt: '2026-03-09T04:00:00Z',
    minutes: 40,
  });
  await studyAt('DEMO1', '2026-03-09T04:00:00Z', {
    completed: '2026-03-09T05:00:00Z',
    dueAt: '2026-03-09T04:30:00Z',
    minutes: 60,
  });
  await studyAt('DEMO1', '2026-03-09T20:00:00Z'); // Manila 04:00 on the 10th: not that day
  await studyAt('DEMO2', '2026-03-09T02:00:00Z'); // Lima 21:00 on the 8th: not that day
  await studyAt('DEMO2', '2026-03-09T10:00:00Z'); // Lima 05:00 on the 9th
  await studyAt('DEMO2', '2026-03-09T20:00:00Z'); // Lima 15:00 on the 9th
  await studyAt('DEMO2', '2026-03-10T06:00:00Z'); // Lima 01:00 on the 10th: not that day

  // Waiting now: a DEMO1 report nobody at the clinic opened; a DEMO2 retake without new images.
  const released = await claimSaveSign(
    client.radiologist!,
    (await newTask(fx, 'DEMO1')).taskId,
    normalRead(),
  );
  expect(released.statusCode, released.body).toBe(200);
  await fx.tdb.db
    .updateTable('reports')
    .set({ released_at: new Date('2026-03-09T06:00:00Z') })
    .where('id', '=', released.json().report.id)
    .execute();
  // …and a critical result on it that nobody at DEMO1 has acknowledged yet.
  const flagged = await fx.tdb.db
    .selectFrom('reports')
    .select(['id', 'study_id', 'clinic_id'])
    .where('id', '=', released.json().report.id)
    .executeTakeFirstOrThrow();
  await fx.tdb.db
    .insertInto('critical_results')
    .values({
      report_id: flagged.id,
      study_id: flagged.study_id,
      clinic_id: flagged.clinic_id,
      category: 'tension_pneumothorax',
      flagged_by_name: 'Test Radiologist',
      flagged_at: new Date('2026-03-09T05:50:00Z'),
      alerted_at: new Date('2026-03-09T06:00:00Z'),
    })
    .execute();
  const retake = await claimSaveSign(
    client.radiologist!,
    (await newTask(fx, 'DEMO2')).taskId,
    unreadableRead(),
  );
  expect(retake.statusCode, retake.body).toBe(200);
});

afterAll(async () => {
  await mail?.stop();
  await smtp?.close();
  await fx?.close();
});

describe('clinic managers', () => {
  it('are marked per clinic membership by an administrator, and only among members', async () => {
    const mark = (username: string, body: object) =>
      client.admin!.request({
        method: 'PATCH',
        url: `/api/users/${ids.user[username]}`,
        payload: body,
      });
    const one = await mark('clinic1', { managedClinicIds: [ids.clinic.DEMO1] });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      clinicIds: [ids.clinic.DEMO1],
      managedClinicIds: [ids.clinic.DEMO1],
    });
    const two = await mark('clinic2', { managedClinicIds: [ids.clinic.DEMO2] });
    expect(two.statusCode, two.body).toBe(200);
    // Not a member of DEMO2: refused, and nothing changes.
    const outside = await mark('clinic1', { managedClinicIds: [ids.clinic.DEMO2] });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details).toEqual([
      { path: 'managedClinicIds', message: 'a manager must also be a member of the clinic' },
    ]);
    // Staff who are not clinic users manage no clinic.
    const staff = await mark('assistant', { managedClinicIds: [ids.clinic.DEMO1] });
    expect(staff.statusCode).toBe(400);
    // A second DEMO1 member who does not manage it, with an address: gets no digest.
    const created = await client.admin!.request({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'frontdesk1',
        displayName: 'Front Desk',
        email: 'desk@manila.test',
        roles: ['clinic'],
        clinicIds: [ids.clinic.DEMO1],
        password: 'a-long-enough-password',
      },
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().managedClinicIds).toEqual([]);
  });
});

describe('the daily digest', () => {
  let manila: ReceivedMail;

  it("goes to each manager at 07:00 by their own clock, with yesterday's figures of their clinic only", async () => {
    const queued = await sendDueDigests(deps, MANILA_EVENING);
    expect(queued).toEqual([
      {
        userId: ids.user.clinic1,
        to: 'manager@manila.test',
        sentOn: '2026-03-10',
        day: '2026-03-09',
        timeZone: 'Asia/Manila',
      },
    ]);
    manila = await smtp.next((m) => m.to.includes('manager@manila.test'));
    expect(manila.to).toEqual(['manager@manila.test']);
    // The date as ICU writes it in English (with or without the comma, by ICU version).
    expect(manila.subject).toMatch(/^Telerad daily summary for Monday,? 9 March 2026: DEMO1$/);
    const { text, html } = mailBodies(manila.raw);
    expect(text).toContain('Manila Screening (DEMO1)');
    expect(text).toMatch(/on Monday,? 9 March 2026 \(Asia\/Manila\)/);
    // Three of DEMO1's studies arrived on Manila's 9th; two were reported, one is not queued.
    expect(text).toContain('In all: 3');
    expect(text).toContain('Received, not yet queued for reading: 1');
    expect(text).toContain('Report released: 2');
    expect(text).toContain(`Reports released: 2 (${PUBLIC}/reports)`);
    expect(text).toContain('Median time to report: 50 min');
    expect(text).toContain('Reported within the agreed time: 50%');
    expect(text).toContain(
      `Released reports nobody at the clinic has opened: 1 (${PUBLIC}/reports)`,
    );
    expect(text).toContain(
      `Critical results nobody at the clinic has acknowledged: 1 (${PUBLIC}/)`,
    );
    expect(text).not.toContain('Retake');
    expect(text).toContain(`${PUBLIC}/profile`);
    // Never another clinic's name or figures.
    expect(manila.raw).not.toMatch(/DEMO2|Lima/);
    expect(html).toContain('<div style="max-width:600px;margin:0 auto');
    expect(html).toContain(`<a href="${PUBLIC}/reports"`);
    expect(html).toContain('Manila Screening (DEMO1)');
    // For a person to look at (with the e-mail's screenshots), when screenshots are asked for.
    if (process.env.TELERAD_SCREENSHOTS)
      fs.writeFileSync(path.join(process.env.TELERAD_SCREENSHOTS, 'digest-email.html'), html!);
  });

  it("reaches Lima's manager on Lima's morning, for Lima's 9 March, in their language", async () => {
    expect(mailsTo('manager@lima.test')).toEqual([]);
    const french = await client.clinic2!.request({
      method: 'PUT',
      url: '/api/auth/language',
      payload: { language: 'fr' },
    });
    expect(french.statusCode, french.body).toBe(200);
    // Two sweeps at once (two processes): one digest.
    const [a, b] = await Promise.all([
      sendDueDigests(deps, LIMA_MORNING),
      sendDueDigests(deps, LIMA_MORNING),
    ]);
    expect([...a, ...b].map((q) => [q.to, q.day, q.timeZone])).toEqual([
      ['manager@lima.test', '2026-03-09', 'America/Lima'],
    ]);
    const lima = await smtp.next((m) => m.to.includes('manager@lima.test'));
    expect(lima.subject).toBe('Résumé quotidien Telerad du lundi 9 mars 2026 : DEMO2');
    const { text } = mailBodies(lima.raw);
    expect(text).toMatch(/^Bonjour Clinic Two Technician,/);
    expect(text).toContain('le lundi 9 mars 2026 (America/Lima)');
    expect(text).toContain('Lima Screening (DEMO2)');
    expect(text).toContain('Au total: 2');
    expect(text).toContain('Aucun compte rendu n’a été publié ce jour-là.');
    expect(text).toContain(
      `Demandes de reprise que personne à la clinique n’a confirmées: 1 (${PUBLIC}/)`,
    );
    expect(text).not.toContain('Reprises confirmées');
    expect(text).not.toContain('Comptes rendus publiés que personne');
    expect(lima.raw).not.toMatch(/DEMO1|Manila/);
  });

  it('is sent once per manager and local day, across sweeps and a restart', async () => {
    expect(await sendDueDigests(deps, MANILA_EVENING)).toEqual([]);
    expect(await sendDueDigests(deps, LIMA_MORNING)).toEqual([]);
    // A restarted process: its own pg-boss on the same database, later the same day.
    const restarted = await startJobs(fx.tdb.url, [], () => undefined);
    try {
      const again = { ...deps, boss: restarted };
      expect(await sendDueDigests(again, new Date('2026-03-10T15:59:00Z'))).toEqual([]);
      // The next Manila morning is a new day: one more digest, for the 10th.
      const next = await sendDueDigests(again, MANILA_NEXT_MORNING);
      expect(next.map((q) => [q.to, q.day])).toEqual([['manager@manila.test', '2026-03-10']]);
    } finally {
      await restarted.stop({ graceful: false });
    }
    const second = await smtp.next(
      (m) => m.to.includes('manager@manila.test') && m.subject.includes('10 March'),
    );
    expect(second.subject).toMatch(/^Telerad daily summary for Tuesday,? 10 March 2026: DEMO1$/);
    // Of DEMO1's studies, only the one of 20:00 UTC on the 9th fell on Manila's 10th.
    expect(mailBodies(second.raw).text).toContain('In all: 1');
    expect(mailsTo('manager@manila.test')).toHaveLength(2);
    expect(mailsTo('manager@lima.test')).toHaveLength(1);
    expect(mailsTo('desk@manila.test')).toEqual([]);
  });

  it('is not sent to a manager who turned it off', async () => {
    const before = await client.clinic2!.request({
      url: `/api/users/${ids.user.clinic2}/notification-preferences`,
    });
    expect(before.json().digest).toEqual({ enabled: true, clinicIds: [ids.clinic.DEMO2] });
    const off = await client.clinic2!.request({
      method: 'PUT',
      url: `/api/users/${ids.user.clinic2}/notification-preferences`,
      payload: { digest: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().digest).toEqual({ enabled: false, clinicIds: [ids.clinic.DEMO2] });
    expect(await sendDueDigests(deps, new Date('2026-03-11T12:30:00Z'))).toEqual([]);
    // Someone who manages nothing has no digest switch.
    const desk = await signIn(fx.app, 'frontdesk1', 'a-long-enough-password');
    const deskId = (await demoIds(fx.tdb.db)).user.frontdesk1!;
    const none = await desk.request({
      method: 'PUT',
      url: `/api/users/${deskId}/notification-preferences`,
      payload: { digest: true },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('DIGEST_NOT_OFFERED');
  });
});

describe('the digest schedule', () => {
  it('runs the sweep from the pg-boss queue, with the injected clock', async () => {
    const schedule = await scheduleDigests({
      ...deps,
      log: pino({ level: 'silent' }),
      clock: () => new Date('2026-03-12T00:00:00Z'),
    });
    try {
      // What the cron does every five minutes, now: one job on the sweep's queue.
      await fx.jobs.send(DIGEST_SWEEP_QUEUE, {});
      const mailed = await smtp.next(
        (m) => m.to.includes('manager@manila.test') && m.subject.includes('11 March'),
      );
      expect(mailed.subject).toMatch(
        /^Telerad daily summary for Wednesday,? 11 March 2026: DEMO1$/,
      );
    } finally {
      await schedule.stop();
    }
  });
});

describe('the digest preview', () => {
  const preview = (who: string, clinic: string) =>
    client[who]!.request({ url: `/api/clinics/${ids.clinic[clinic]}/digest` });

  it("shows a manager their clinic's digest, and refuses a member who does not manage it", async () => {
    const res = await preview('clinic1', 'DEMO1');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ to: 'manager@manila.test', timeZone: 'Asia/Manila' });
    expect(body.html).toContain('Manila Screening (DEMO1)');
    expect(body.text).not.toMatch(/DEMO2|Lima/);
    // Another clinic: refused by the scope check, as if it did not exist.
    expect((await preview('clinic1', 'DEMO2')).statusCode).toBe(404);
    const desk = await signIn(fx.app, 'frontdesk1', 'a-long-enough-password');
    const member = await desk.request({ url: `/api/clinics/${ids.clinic.DEMO1}/digest` });
    expect(member.statusCode).toBe(403);
    expect(member.json().error.code).toBe('DIGEST_NOT_MANAGER');
  });

  it('shows an administrator any clinic as its manager gets it, and is audited', async () => {
    const res = await preview('admin', 'DEMO2');
    expect(res.statusCode, res.body).toBe(200);
    // As DEMO2's manager receives it: to their address, by Lima's clock, in their French.
    expect(res.json()).toMatchObject({ to: 'manager@lima.test', timeZone: 'America/Lima' });
    expect(res.json().text).toMatch(/^Bonjour Clinic Two Technician,/);
    expect(res.json().text).toContain('Lima Screening (DEMO2)');
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['actor_name', 'clinic_id', 'outcome'])
      .where('action', '=', 'digest.preview')
      .orderBy('at')
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        { actor_name: 'clinic1', clinic_id: ids.clinic.DEMO1, outcome: 'success' },
        { actor_name: 'clinic1', clinic_id: ids.clinic.DEMO2, outcome: 'denied' },
        { actor_name: 'admin', clinic_id: ids.clinic.DEMO2, outcome: 'success' },
      ]),
    );
  });
});
