import { MAX_ATTACHMENT_BYTES, type MessagingLiveEvent, type ThreadList } from '@telerad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAppWithDemo, type LiveAppFixture } from '../../testing/appFixture';
import { installAuditRefusal } from '../../testing/auditRefusal';
import { signIn, type TestClient } from '../../testing/http';
import { TINY_PNG } from '../../testing/images';
import { recordingSocket } from '../../testing/realtimeSocket';
import { messagingAs } from './testSupport';

/**
 * Messages are patient data: a clinic user reaches no other clinic's channel, thread or
 * attachment, even by guessing ids, and hears none of its live events; every read and write is
 * audited, and a message whose event cannot be written is not stored and not announced.
 * Attachments are judged by their bytes, within the size limit, each refusal with its own error.
 */
let fx: LiveAppFixture;
const c: Record<string, TestClient> = {};
let demo1: string;
let demo2: string;
let audit: Awaited<ReturnType<typeof installAuditRefusal>>;

beforeAll(async () => {
  fx = await liveAppWithDemo();
  for (const n of ['clinic1', 'clinic2', 'assistant', 'radiologist'])
    c[n] = await signIn(fx.app, n);
  const rows = await fx.tdb.db.selectFrom('clinics').select(['id', 'code']).execute();
  demo1 = rows.find((r) => r.code === 'DEMO1')!.id;
  demo2 = rows.find((r) => r.code === 'DEMO2')!.id;
  audit = await installAuditRefusal(fx.tdb.db);
});
afterAll(async () => fx?.close());

const upload = (who: string, threadId: string, bytes: Buffer, name = 'x.png') =>
  c[who]!.request({
    method: 'POST',
    url: `/api/messaging/threads/${threadId}/attachments?name=${name}`,
    headers: { 'content-type': 'application/octet-stream' },
    payload: bytes,
  });

describe('another clinic', () => {
  it("cannot read or write DEMO2's channel, thread or attachment, by id or by list", async () => {
    const two = messagingAs(c.clinic2!);
    const channel = await two.channel(demo2);
    const file = await two.attach(channel.id);
    await two.send(channel.id, 'SECRET-DEMO2 applicant', [file.id]);

    const one = c.clinic1!;
    const tries = [
      one.request({ url: `/api/clinics/${demo2}/channel` }),
      one.request({ url: `/api/messaging/threads/${channel.id}` }),
      one.request({ method: 'POST', url: `/api/messaging/threads/${channel.id}/read` }),
      one.request({ method: 'POST', url: `/api/messaging/threads/${channel.id}/typing` }),
      one.request({
        method: 'POST',
        url: `/api/messaging/threads/${channel.id}/messages`,
        payload: { body: 'hello' },
      }),
      upload('clinic1', channel.id, TINY_PNG),
      one.request({ url: `/api/messaging/attachments/${file.id}` }),
      one.request({ url: `/api/messaging/attachments/${file.id}/thumbnail` }),
    ];
    for (const res of await Promise.all(tries)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.body).not.toContain('SECRET-DEMO2');
    }
    // Each refusal is the scope check's, audited as denied against DEMO2.
    const denied = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['resource_type', 'clinic_id', 'details'])
      .where('actor_name', '=', 'clinic1')
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBeGreaterThanOrEqual(tries.length);
    for (const e of denied) {
      expect(e.clinic_id).toBe(demo2);
      expect((e.details as { refusedBy?: string }).refusedBy).toBe('scope');
    }
    const list = (await one.request({ url: '/api/messaging/threads' })).json<ThreadList>();
    expect(list.threads.every((t) => t.clinicId === demo1)).toBe(true);
    expect(JSON.stringify(list)).not.toContain('SECRET-DEMO2');
  });

  it("hears none of DEMO2's live events", async () => {
    const live = await recordingSocket<Omit<MessagingLiveEvent, 'type'> & { type: string }>(
      fx.wsBase,
      c.clinic1!.cookie,
      { label: 'clinic1', defaultTimeoutMs: 5000 },
    );
    try {
      const two = await messagingAs(c.clinic2!).channel(demo2);
      const one = await messagingAs(c.clinic1!).channel(demo1);
      await messagingAs(c.clinic2!).send(two.id, 'SECRET-DEMO2 again');
      await c.clinic2!.request({ method: 'POST', url: `/api/messaging/threads/${two.id}/typing` });
      // The hub delivers in order: once DEMO1's own message arrives, DEMO2's would have too.
      await messagingAs(c.assistant!).send(one.id, 'For DEMO1');
      await live.next((m) => m.type === 'message.created' && m.threadId === one.id);
      expect(live.seen.filter((m) => m.type.startsWith('message.'))).toEqual([
        expect.objectContaining({ threadId: one.id, clinicId: demo1 }),
      ]);
    } finally {
      live.ws.close();
    }
  });

  it("cannot see another person's attachment before it is sent", async () => {
    const channel = await messagingAs(c.clinic1!).channel(demo1);
    const file = await messagingAs(c.clinic1!).attach(channel.id);
    const res = await c.assistant!.request({ url: `/api/messaging/attachments/${file.id}` });
    expect(res.statusCode).toBe(404);
    // Nor send it as theirs.
    const stolen = await c.assistant!.request({
      method: 'POST',
      url: `/api/messaging/threads/${channel.id}/messages`,
      payload: { body: 'mine now', attachmentIds: [file.id] },
    });
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().error.code).toBe('ATTACHMENT_NOT_AVAILABLE');
  });
});

describe('attachments', () => {
  it('are judged by their bytes, not their name, within the size limit', async () => {
    const channel = await messagingAs(c.clinic1!).channel(demo1);
    const text = await upload(
      'clinic1',
      channel.id,
      Buffer.from('MZ not an image at all'),
      'a.png',
    );
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);
    const named = await upload('clinic1', channel.id, jpeg, 'scan.pdf');
    expect(named.json()).toMatchObject({ contentType: 'image/jpeg', fileName: 'scan.pdf' });
    const pdf = await upload('clinic1', channel.id, Buffer.from('%PDF-1.7\n%%EOF\n'), 'r.pdf');
    expect(pdf.json().contentType).toBe('application/pdf');
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    const tooBig = await upload('clinic1', channel.id, big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('ATTACHMENT_TOO_LARGE');
    const empty = await upload('clinic1', channel.id, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('ATTACHMENT_EMPTY');
  });
});

describe('the audit trail', () => {
  it('records every read and write, and a message whose event fails is neither stored nor announced', async () => {
    const channel = await messagingAs(c.clinic1!).channel(demo1);
    const file = await messagingAs(c.clinic1!).attach(channel.id);
    await messagingAs(c.clinic1!).send(channel.id, 'Is the report ready?', [file.id]);
    const before = (await messagingAs(c.clinic1!).detail(channel.id)).messages.length;
    const events = await fx.tdb.db
      .selectFrom('audit_events')
      .select(['action', 'outcome', 'clinic_id', 'resource_id'])
      .where('actor_name', '=', 'clinic1')
      .where('outcome', '=', 'success')
      .execute();
    const actions = new Set(events.map((e) => e.action));
    for (const a of [
      'messages.channel.open',
      'messages.thread.read',
      'messages.send',
      'messages.attachment.upload',
    ])
      expect(actions, a).toContain(a);
    expect(events.find((e) => e.action === 'messages.thread.read')).toMatchObject({
      clinic_id: demo1,
      resource_id: channel.id,
    });

    const live = await recordingSocket<Omit<MessagingLiveEvent, 'type'> & { type: string }>(
      fx.wsBase,
      c.assistant!.cookie,
      { label: 'assistant', defaultTimeoutMs: 5000 },
    );
    try {
      await audit.refuse('messages.send');
      const res = await c.clinic1!.request({
        method: 'POST',
        url: `/api/messaging/threads/${channel.id}/messages`,
        payload: { body: 'LOST message' },
      });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('AUDIT_UNAVAILABLE');
      await audit.allowAll();
      expect((await messagingAs(c.clinic1!).detail(channel.id)).messages).toHaveLength(before);
      await audit.refuse('messages.thread.read');
      const read = await c.clinic1!.request({ url: `/api/messaging/threads/${channel.id}` });
      expect(read.statusCode).toBe(503);
      expect(read.body).not.toContain('Is the report');
      await audit.allowAll();
      // The next message is announced; the lost one never was.
      const next = await messagingAs(c.clinic1!).send(channel.id, 'Kept message');
      await live.next((m) => m.type === 'message.created' && m.threadId === channel.id);
      expect(
        live.seen.filter((m) => m.type === 'message.created' && m.threadId === channel.id),
      ).toHaveLength(1);
      expect(next.body).toBe('Kept message');
    } finally {
      live.ws.close();
      await audit.allowAll();
    }
  });
});

describe('templates', () => {
  it('are seeded, readable by every messaging user, and edited by the assistant lead only', async () => {
    const seeded = (await c.clinic1!.request({ url: '/api/messaging/templates' })).json<
      { title: string }[]
    >();
    expect(seeded.map((t) => t.title)).toContain('Resend: wrong patient ID');
    const edit = { templates: [{ title: 'Resend, please', body: 'Please send again.' }] };
    for (const who of ['clinic1', 'radiologist']) {
      const res = await c[who]!.request({
        method: 'PUT',
        url: '/api/messaging/templates',
        payload: edit,
      });
      expect(res.statusCode, who).toBe(403);
    }
    const ok = await c.assistant!.request({
      method: 'PUT',
      url: '/api/messaging/templates',
      payload: edit,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual([expect.objectContaining({ title: 'Resend, please', position: 1 })]);
  });
});
