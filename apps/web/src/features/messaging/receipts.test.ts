import type { Message, ThreadRead } from '@telerad/contracts';
import { describe, expect, it } from 'vitest';
import { parseMessagingEvent } from './live';
import { hasUnseen, seenBy } from './receipts';

const ME = '00000000-0000-4000-8000-000000000001';
const AMINA = '00000000-0000-4000-8000-000000000002';
const T = '00000000-0000-4000-8000-0000000000aa';

const msg = (id: string, authorId: string | null, at: string): Message => ({
  id,
  threadId: T,
  authorId,
  authorName: authorId === ME ? 'Me' : 'Amina',
  side: authorId === ME ? 'centre' : 'clinic',
  body: id,
  createdAt: at,
  attachments: [],
});
const read = (userId: string, at: string): ThreadRead => ({
  userId,
  name: userId === ME ? 'Me' : 'Amina',
  side: 'clinic',
  readAt: at,
});

describe('read receipts', () => {
  const messages = [
    msg('a', AMINA, '2026-12-06T10:00:00Z'),
    msg('b', ME, '2026-12-06T10:01:00Z'),
    msg('c', ME, '2026-12-06T10:02:00Z'),
  ];

  it('names who read the thread since my latest message, under that message', () => {
    const r = seenBy(
      messages,
      [read(AMINA, '2026-12-06T10:05:00Z'), read(ME, '2026-12-06T10:02:00Z')],
      ME,
    );
    expect(r?.message.id).toBe('c');
    expect(r?.readers.map((x) => x.name)).toEqual(['Amina']);
  });

  it('shows nothing when the others read before my latest message, or I sent nothing', () => {
    expect(seenBy(messages, [read(AMINA, '2026-12-06T10:01:30Z')], ME)).toBeNull();
    expect(seenBy(messages.slice(0, 1), [read(AMINA, '2026-12-06T10:05:00Z')], ME)).toBeNull();
  });

  it('marks a thread read only when someone else wrote after my read mark', () => {
    expect(hasUnseen(messages, [], ME)).toBe(true);
    expect(hasUnseen(messages, [read(ME, '2026-12-06T10:00:30Z')], ME)).toBe(false);
    expect(
      hasUnseen(
        [...messages, msg('d', null, '2026-12-06T10:03:00Z')],
        [read(ME, '2026-12-06T10:02:00Z')],
        ME,
      ),
    ).toBe(true);
  });
});

describe('the live messaging events', () => {
  it('reads messaging events and ignores everything else', () => {
    const e = { type: 'message.read', threadId: T, clinicId: T, userId: ME, name: 'Me', at: 'x' };
    expect(parseMessagingEvent(JSON.stringify(e))).toEqual(e);
    expect(parseMessagingEvent(JSON.stringify({ type: 'task.created', taskId: T }))).toBeNull();
    expect(parseMessagingEvent('not json')).toBeNull();
    expect(parseMessagingEvent(42)).toBeNull();
  });
});
