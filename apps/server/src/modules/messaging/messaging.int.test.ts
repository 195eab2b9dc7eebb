import path from 'node:path';
import type { MessagingLiveEvent, ThreadList } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { writeCxr } from '../../testing/dicomFixtures';
import { signIn, type TestClient } from '../../testing/http';
import { recordingSocket, type RecordingSocket } from '../../testing/realtimeSocket';
import { createPrimaryReadTask } from '../worklist';
import { listMessageDeskItems } from './desk';
import { postNotice } from './post';
import { messagingAs } from './testSupport';

/**
 * Messaging on a real database and hub: a clinic and its assistant talk in the clinic's channel
 * with live events on both sides, unread counts and read receipts; the desk lists what no centre
 * person has answered or read; a reader joins a study's thread but not a clinic's channel; a
 * notice posted by another feature commits with that feature's transaction.
 */
let fx: LiveAppFixture;
const c: Record<string, TestClient> = {};
let demo1: string;
let demo2: string;
const sockets: RecordingSocket<Omit<MessagingLiveEvent, 'type'> & { type: string }>[] = [];

beforeAll(async () => {
  fx = await liveAppWithDemo();
  for (const n of ['clinic1', 'clinic2', 'assistant', 'radiologist', 'radiologist2'])
    c[n] = await signIn(fx.app, n);
  const rows = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  demo1 = rows.find((r) => r.code === 'DEMO1')!.id;
  demo2 = rows.find((r) => r.code === 'DEMO2')!.id;
});
afterAll(async () => {
  for (const s of sockets) s.ws.close();
  await fx?.close();
});

async function socketOf(name: string) {
  const s = await recordingSocket<Omit<MessagingLiveEvent, 'type'> & { type: string }>(
    fx.wsBase,
    c[name]!.cookie,
    { label: name, defaultTimeoutMs: 5000 },
  );
  sockets.push(s);
  await s.next((m) => m.type === 'hello');
  return s;
}

describe('a clinic and its assistant in the clinic channel', () => {
  it('exchange messages live, with unread counts and read receipts', async () => {
    const clinic = messagingAs(c.clinic1!);
    const assistant = messagingAs(c.assistant!);
    const clinicLive = await socketOf('clinic1');
    const assistantLive = await socketOf('assistant');
    const channel = await clinic.channel(demo1);
    expect(channel).toMatchObject({ kind: 'channel', clinicId: demo1, unread: 0 });

    const file = await clinic.attach(channel.id);
    expect(file).toMatchObject({ contentType: 'image/png', fileName: 'photo.png' });
    const sent = await clinic.send(channel.id, 'Is the report for Amina ready?', [file.id]);
    expect(sent).toMatchObject({ side: 'clinic', authorName: 'Clinic One Technician' });
    expect(sent.attachments.map((a) => a.id)).toEqual([file.id]);

    const created = await assistantLive.next(
      (m) => m.type === 'message.created' && m.threadId === channel.id,
    );
    expect(created).toMatchObject({ clinicId: demo1, name: 'Clinic One Technician' });
    expect(await assistant.unread()).toBe(1);
    expect(await clinic.unread()).toBe(0);
    const list = (await c.assistant!.request({ url: '/api/messaging/threads' })).json<ThreadList>();
    expect(list.threads.find((t) => t.id === channel.id)).toMatchObject({
      unread: 1,
      lastMessage: 'Is the report for Amina ready?',
    });

    // The attachment is everyone's in the thread once sent: the assistant sees it and a preview.
    const got = await c.assistant!.request({ url: `/api/messaging/attachments/${file.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    const thumb = await c.assistant!.request({
      url: `/api/messaging/attachments/${file.id}/thumbnail`,
    });
    expect(thumb.statusCode).toBe(200);
    expect(thumb.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));

    expect(await assistant.read(channel.id)).toEqual(expect.objectContaining({ moved: true }));
    const seen = await clinicLive.next(
      (m) => m.type === 'message.read' && m.threadId === channel.id,
    );
    expect(seen.name).toBe('Ana Assistant');
    expect(await assistant.unread()).toBe(0);
    const detail = await clinic.detail(channel.id);
    const receipt = detail.reads.find((r) => r.name === 'Ana Assistant');
    expect(receipt?.side).toBe('centre');
    expect(new Date(receipt!.readAt) >= new Date(sent.createdAt)).toBe(true);
    // Reading again past nothing new announces nothing.
    expect((await assistant.read(channel.id)).moved).toBe(false);

    await c.clinic1!.request({
      method: 'POST',
      url: `/api/messaging/threads/${channel.id}/typing`,
    });
    const typing = await assistantLive.next((m) => m.type === 'message.typing');
    expect(typing).toMatchObject({ threadId: channel.id, name: 'Clinic One Technician' });
  });

  it('puts a clinic message on the desk until a centre person reads or answers it', async () => {
    const clinic = messagingAs(c.clinic1!);
    const assistant = messagingAs(c.assistant!);
    const channel = await clinic.channel(demo1);
    const desk = async () =>
      (await listMessageDeskItems(fx.tdb.db, { clinicIds: [demo1], now: new Date() })).filter(
        (i) => i.id === channel.id,
      );
    const asked = await clinic.send(channel.id, 'Please call us about applicant 12');
    const [item] = await desk();
    expect(item).toMatchObject({
      kind: 'message',
      clinicId: demo1,
      since: asked.createdAt,
      link: `/messages?thread=${channel.id}`,
    });
    expect(item!.detail).toBe('Please call us about applicant 12');
    // The assistant's desk shows it among its other items.
    const onDesk = (await c.assistant!.request({ url: '/api/desk' })).json<{
      items: { kind: string; id: string }[];
    }>();
    expect(onDesk.items).toContainEqual(
      expect.objectContaining({ kind: 'message', id: channel.id }),
    );
    // Another clinic's desk does not hold it.
    expect(
      (await listMessageDeskItems(fx.tdb.db, { clinicIds: [demo2], now: new Date() })).some(
        (i) => i.id === channel.id,
      ),
    ).toBe(false);
    await assistant.read(channel.id);
    expect(await desk()).toEqual([]);
    await clinic.send(channel.id, 'Any news?');
    expect(await desk()).toHaveLength(1);
    await assistant.send(channel.id, 'Calling you now.');
    expect(await desk()).toEqual([]);
  });
});

describe("a study's thread", () => {
  it("is the reader's to join, while the clinic's channel is not", async () => {
    const file = await writeCxr(path.join(fx.dataDir, 'thread.dcm'), 'explicitLE', {
      rows: 16,
      columns: 16,
      patient: { name: 'OKAFOR^AMINA', id: 'APP-7' },
    });
    const stored = await fx.storeAs('DEMO1', file.path);
    const task = await createPrimaryReadTask(
      fx.tdb.db,
      { studyId: stored.studyId, stableAt: new Date().toISOString(), numInstances: 1 },
      new Date(),
    );
    if (task.outcome !== 'created') throw new Error(task.outcome);
    const reader = (await fx.tdb.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'radiologist')
      .executeTakeFirstOrThrow())!.id;
    await fx.tdb.db
      .updateTable('reading_tasks')
      .set({ assignee_id: reader, state: 'in_progress' })
      .where('id', '=', task.taskId)
      .execute();

    const thread = await messagingAs(c.clinic1!).studyThread(file.studyInstanceUid);
    expect(thread).toMatchObject({ kind: 'study', patientId: 'APP-7' });
    await messagingAs(c.clinic1!).send(thread.id, 'Prior TB treatment in 2019.');

    const readerList = (
      await c.radiologist!.request({ url: '/api/messaging/threads' })
    ).json<ThreadList>();
    expect(readerList.threads.map((t) => t.id)).toEqual([thread.id]);
    expect(readerList.unread).toBe(1);
    // Another reader may open the thread (every study is theirs to read) but is not pestered.
    expect(
      (await c.radiologist2!.request({ url: '/api/messaging/threads' })).json<ThreadList>().threads,
    ).toEqual([]);
    await messagingAs(c.radiologist!).send(thread.id, 'Thank you, noted.');

    const channel = await messagingAs(c.clinic1!).channel(demo1);
    const refused = await c.radiologist!.request({ url: `/api/messaging/threads/${channel.id}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('MESSAGE_THREAD_NOT_YOURS');

    // A notice of another feature commits with that feature's transaction, or not at all.
    await expect(
      fx.tdb.db.transaction().execute(async (trx) => {
        await postNotice(trx, { studyId: stored.studyId }, 'Retake requested: rotated.');
        throw new Error('the feature failed');
      }),
    ).rejects.toThrow('the feature failed');
    expect((await messagingAs(c.clinic1!).detail(thread.id)).messages).toHaveLength(2);
    await fx.tdb.db
      .transaction()
      .execute((trx) => postNotice(trx, { studyId: stored.studyId }, 'Retake requested: rotated.'));
    const after = await messagingAs(c.clinic1!).detail(thread.id);
    expect(after.messages.at(-1)).toMatchObject({
      side: 'system',
      authorName: 'Telerad',
      authorId: null,
    });
  });
});
