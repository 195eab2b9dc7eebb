import path from 'node:path';
import type { NotificationList } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithDemo, type AppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { messagingAs } from './testSupport';

/**
 * A new message tells the other side of its thread through the bell: the clinic when the centre
 * writes, the clinic's assistants when the clinic writes, never its author; one item per thread
 * while it is unread; each person's switch for the kind holds.
 */
let fx: AppFixture;
const c: Record<string, TestClient> = {};
let demo1: string;

beforeAll(async () => {
  fx = await appWithDemo();
  for (const n of ['clinic1', 'clinic2', 'assistant']) c[n] = await signIn(fx.app, n);
  demo1 = (await fx.tdb.db
    .selectFrom('clinics')
    .select('id')
    .where('code', '=', 'DEMO1')
    .executeTakeFirstOrThrow())!.id;
});
afterAll(async () => {
  await fx?.close();
});

/** The signed-in user's message notifications, newest first. */
async function bell(name: string) {
  const list = (
    await c[name]!.request({ url: '/api/notifications?limit=200' })
  ).json<NotificationList>();
  return list.notifications.filter((n) => n.kind.startsWith('message.'));
}

describe('a new message', () => {
  it('tells the other side once per unread thread, never its author', async () => {
    const clinic = messagingAs(c.clinic1!);
    const assistant = messagingAs(c.assistant!);
    const channel = await clinic.channel(demo1);

    await clinic.send(channel.id, 'Is the report for Amina ready?');
    expect(await bell('clinic1')).toEqual([]);
    const [first, ...none] = await bell('assistant');
    expect(none).toEqual([]);
    expect(first).toMatchObject({
      kind: 'message.from_clinic',
      title: 'New message from DEMO1: General conversation',
      body: 'Clinic One Technician: Is the report for Amina ready?',
      link: `/messages?thread=${channel.id}`,
      clinicId: demo1,
      readAt: null,
    });
    // Another clinic's users hear nothing of it.
    expect(await bell('clinic2')).toEqual([]);

    // While that item is unread and the thread unopened, more messages add no item.
    await clinic.send(channel.id, 'We also sent a lateral.');
    expect(await bell('assistant')).toHaveLength(1);

    // Once the assistant has read the thread, the next message tells them again.
    await assistant.read(channel.id);
    await clinic.send(channel.id, 'And a second patient is waiting.');
    const after = await bell('assistant');
    expect(after.map((n) => n.body)).toEqual([
      'Clinic One Technician: And a second patient is waiting.',
      'Clinic One Technician: Is the report for Amina ready?',
    ]);

    // Marking the item read re-arms it too.
    const read = await c.assistant!.request({
      method: 'POST',
      url: `/api/notifications/${after[0]!.id}/read`,
    });
    expect(read.statusCode).toBe(200);
    await clinic.send(channel.id, 'Thanks!');
    expect(await bell('assistant')).toHaveLength(3);

    // The centre's answer tells the clinic's users, not the assistant who wrote it.
    await assistant.send(channel.id, 'Yes, it was released ten minutes ago.');
    const [toClinic] = await bell('clinic1');
    expect(toClinic).toMatchObject({
      kind: 'message.from_centre',
      title: 'New message from the centre: General conversation',
      body: expect.stringMatching(/: Yes, it was released ten minutes ago\.$/),
      link: `/messages?thread=${channel.id}`,
    });
    expect(await bell('assistant')).toHaveLength(3);
  });

  it("names the patient of a study's thread, in the clinic's language", async () => {
    const file = await writeCxr(path.join(fx.dataDir, 'notify.dcm'), 'explicitLE', {
      rows: 16,
      columns: 16,
      patient: { name: 'OKAFOR^AMINA', id: 'APP-9' },
    });
    await fx.storeAs('DEMO1', file.path);
    const thread = await messagingAs(c.clinic1!).studyThread(file.studyInstanceUid);
    const language = (lang: string) =>
      fx.tdb.db.updateTable('clinics').set({ language: lang }).where('id', '=', demo1).execute();
    await language('fr');
    try {
      await messagingAs(c.assistant!).send(thread.id, 'Please send the\n\nlateral view.');
    } finally {
      await language('en');
    }
    const [item] = await bell('clinic1');
    expect(item).toMatchObject({
      title: 'Nouveau message du centre : OKAFOR, AMINA (APP-9)',
      body: expect.stringMatching(/ : Please send the lateral view\.$/),
      link: `/messages?thread=${thread.id}`,
    });
  });

  it('is not shown to someone who turned the kind off', async () => {
    const me = (await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'clinic1')
      .executeTakeFirstOrThrow())!.id;
    const set = (enabled: boolean) =>
      c.clinic1!.request({
        method: 'PUT',
        url: `/api/users/${me}/notification-preferences`,
        payload: { kind: 'message.from_centre', enabled },
      });
    expect((await set(false)).statusCode).toBe(200);
    const channel = await messagingAs(c.clinic1!).channel(demo1);
    await messagingAs(c.clinic1!).read(channel.id);
    const before = (await bell('clinic1')).length;
    try {
      await messagingAs(c.assistant!).send(channel.id, 'A quiet message.');
      expect(await bell('clinic1')).toHaveLength(before);
    } finally {
      expect((await set(true)).statusCode).toBe(200);
    }
    await messagingAs(c.assistant!).send(channel.id, 'A loud message.');
    expect((await bell('clinic1'))[0]?.body).toMatch(/A loud message\.$/);
  });
});
