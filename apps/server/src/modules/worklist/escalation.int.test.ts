import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpInbox, type ReceivedMail, type SmtpInbox } from '../../testing/smtpInbox';
import { createTestDb, type TestDb } from '../../testing/testDb';
import { seedDemo } from '../demo';
import { startEmailWorker, unwireNotifications, wireNotifications } from '../notifications';
import { escalateDueTasks } from '.';
import { demoIds, newTask, resetWorklist, type DemoIds } from './testSupport';

/** Wednesday 10:00 in Manila: a DEMO1 task queues at the Global Centre, due at 11:00 (03:00Z). */
const OPEN = new Date('2026-03-04T02:00:00Z');
const minute = (m: number) => new Date(OPEN.getTime() + m * 60_000);

let tdb: TestDb;
let ids: DemoIds;
let smtp: SmtpInbox;
let boss: PgBoss;
let mailWorker: { stop(): Promise<void> };

beforeAll(async () => {
  tdb = await createTestDb();
  await seedDemo(tdb.db);
  ids = await demoIds(tdb.db);
  // A real SMTP server (smtp-server): the e-mail goes through nodemailer over TCP.
  smtp = await startSmtpInbox();
  boss = new PgBoss({ connectionString: tdb.url, schema: 'pgboss', max: 2 });
  boss.on('error', () => undefined);
  await boss.start();
  mailWorker = await startEmailWorker({
    boss,
    smtp: { url: smtp.url, from: 'Telerad <alerts@telerad.test>' },
    log: pino({ level: 'silent' }),
    pollingIntervalSeconds: 0.5,
  });
  wireNotifications({ boss });
  await tdb.db
    .updateTable('users')
    .set({ email: 'ana.assistant@clinic.test' })
    .where('username', '=', 'assistant')
    .execute();
});
afterAll(async () => {
  unwireNotifications();
  await mailWorker?.stop();
  await boss?.stop({ graceful: true, timeout: 5000 });
  await smtp?.close();
  await tdb?.drop();
});
beforeEach(async () => {
  await resetWorklist(tdb.db);
});

const db = () => tdb.db;
const notificationsOf = (taskId: string) =>
  db()
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['u.username', 'n.kind', 'n.title'])
    .where('n.task_id', '=', taskId)
    .orderBy('u.username')
    .orderBy('n.kind')
    .execute();

const mailMatching = (match: (m: ReceivedMail) => boolean) => smtp.next(match);

describe('escalation', () => {
  it('alerts assistants and supervisors once per level, in app and by e-mail', async () => {
    // A consultant of the other centre is not a supervisor of this task's centre.
    await db()
      .updateTable('users')
      .set({ centre_id: ids.centre['Regional Centre']! })
      .where('username', '=', 'consultant')
      .execute();
    const id = await newTask(db(), ids.clinic.DEMO1!, OPEN);

    // 11 minutes before due: outside the 10-minute lead.
    expect(await escalateDueTasks(db(), minute(49))).toEqual([]);

    // Inside the lead, two sweepers at once: one raises it.
    const [a, b] = await Promise.all([
      escalateDueTasks(db(), minute(52)),
      escalateDueTasks(db(), minute(52)),
    ]);
    expect([...a, ...b]).toEqual([{ taskId: id, level: 'due_soon', alerted: 2 }]);
    const soon = await notificationsOf(id);
    expect(soon.map((n) => [n.username, n.kind])).toEqual([
      ['admin', 'task.due_soon'],
      ['assistant', 'task.due_soon'],
    ]);
    expect(soon[0]!.title).toMatch(/^Due in 8 min: DEMO1 P-/);
    expect(await escalateDueTasks(db(), minute(55))).toEqual([]);

    const mail = await mailMatching((m) => m.subject.includes('Due in 8 min'));
    expect(mail.to).toEqual(['ana.assistant@clinic.test']);
    expect(mail.subject).toMatch(/^\[Telerad\] Due in 8 min: DEMO1 P-/);
    expect(mail.raw).toContain('alerts@telerad.test');

    // Past due: the overdue level, once.
    expect(await escalateDueTasks(db(), minute(61))).toEqual([
      { taskId: id, level: 'overdue', alerted: 2 },
    ]);
    expect(await escalateDueTasks(db(), minute(90))).toEqual([]);
    expect((await notificationsOf(id)).map((n) => [n.username, n.kind])).toEqual([
      ['admin', 'task.due_soon'],
      ['admin', 'task.overdue'],
      ['assistant', 'task.due_soon'],
      ['assistant', 'task.overdue'],
    ]);
    const overdue = await mailMatching((m) => m.subject.includes('Overdue'));
    expect(overdue.to).toEqual(['ana.assistant@clinic.test']);
    expect(overdue.subject).toMatch(/^\[Telerad\] Overdue: DEMO1 P-/);
  });

  it("honours the rules' lead and skips closed tasks", async () => {
    await db()
      .insertInto('settings')
      .values({
        key: 'worklist.routing',
        value: JSON.stringify({ escalationLeadMinutes: 30 }),
        updated_at: new Date(),
      })
      .execute();
    const id = await newTask(db(), ids.clinic.DEMO1!, OPEN);
    const closed = await newTask(db(), ids.clinic.DEMO1!, OPEN);
    await db()
      .updateTable('reading_tasks')
      .set({ state: 'completed', completed_at: minute(10) })
      .where('id', '=', closed)
      .execute();
    expect(await escalateDueTasks(db(), minute(29))).toEqual([]);
    expect(await escalateDueTasks(db(), minute(31))).toEqual([
      { taskId: id, level: 'due_soon', alerted: 3 },
    ]);
    expect(await notificationsOf(closed)).toEqual([]);
  });
});
