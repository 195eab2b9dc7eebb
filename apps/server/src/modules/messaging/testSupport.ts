import type { Message, MessageAttachment, ThreadDetail, ThreadSummary } from '@telerad/contracts';
import type { TestClient } from '../../testing/http';
import { TINY_PNG } from '../../testing/images';

/** Answers `res`'s JSON when its status is `status`, or throws with the body. */
function expectStatus<T>(
  res: { statusCode: number; body: string; json(): unknown },
  status = 200,
): T {
  if (res.statusCode !== status) throw new Error(`${res.statusCode}: ${res.body.slice(0, 300)}`);
  return res.json() as T;
}

/** The messaging calls of one signed-in test user. */
export function messagingAs(c: TestClient) {
  return {
    channel: async (clinicId: string) =>
      expectStatus<ThreadSummary>(
        await c.request({ method: 'GET', url: `/api/clinics/${clinicId}/channel` }),
      ),
    studyThread: async (studyUid: string) =>
      expectStatus<ThreadSummary>(
        await c.request({ method: 'GET', url: `/api/studies/${studyUid}/thread` }),
      ),
    attach: async (threadId: string, bytes: Buffer = TINY_PNG, name = 'photo.png') =>
      expectStatus<MessageAttachment>(
        await c.request({
          method: 'POST',
          url: `/api/messaging/threads/${threadId}/attachments?name=${encodeURIComponent(name)}`,
          headers: { 'content-type': 'application/octet-stream' },
          payload: bytes,
        }),
      ),
    send: async (threadId: string, body: string, attachmentIds: string[] = []) =>
      expectStatus<Message>(
        await c.request({
          method: 'POST',
          url: `/api/messaging/threads/${threadId}/messages`,
          payload: { body, attachmentIds },
        }),
      ),
    read: async (threadId: string) =>
      expectStatus<{ moved: boolean }>(
        await c.request({ method: 'POST', url: `/api/messaging/threads/${threadId}/read` }),
      ),
    detail: async (threadId: string) =>
      expectStatus<ThreadDetail>(
        await c.request({ method: 'GET', url: `/api/messaging/threads/${threadId}` }),
      ),
    unread: async () =>
      expectStatus<{ unread: number }>(
        await c.request({ method: 'GET', url: '/api/messaging/unread' }),
      ).unread,
  };
}
