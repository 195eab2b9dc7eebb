import type { Message, ThreadRead } from '@telerad/contracts';

/**
 * The read receipt under the user's latest message: who else has read the thread since it was
 * sent, with when ("Seen by Amina 10:42"). Empty when nobody has, or the user has sent nothing.
 */
export function seenBy(
  messages: readonly Message[],
  reads: readonly ThreadRead[],
  selfId: string,
): { message: Message; readers: ThreadRead[] } | null {
  const mine = [...messages].reverse().find((m) => m.authorId === selfId);
  if (!mine) return null;
  const sent = new Date(mine.createdAt).getTime();
  const readers = reads.filter((r) => r.userId !== selfId && new Date(r.readAt).getTime() >= sent);
  return readers.length ? { message: mine, readers } : null;
}

/** Whether messages by others arrived after the user's read mark: the thread needs marking. */
export function hasUnseen(
  messages: readonly Message[],
  reads: readonly ThreadRead[],
  selfId: string,
): boolean {
  const mark = reads.find((r) => r.userId === selfId);
  const since = mark ? new Date(mark.readAt).getTime() : -Infinity;
  return messages.some((m) => m.authorId !== selfId && new Date(m.createdAt).getTime() > since);
}
