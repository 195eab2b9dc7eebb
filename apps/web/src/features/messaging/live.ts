import type { MessagingLiveEvent } from '@telerad/contracts';

/** Reads a live-channel message as a messaging event, or null when it is something else. */
export function parseMessagingEvent(data: unknown): MessagingLiveEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const m = JSON.parse(data) as Partial<MessagingLiveEvent>;
    if (
      (m.type === 'message.created' || m.type === 'message.read' || m.type === 'message.typing') &&
      typeof m.threadId === 'string' &&
      typeof m.clinicId === 'string'
    )
      return {
        type: m.type,
        threadId: m.threadId,
        clinicId: m.clinicId,
        userId: m.userId ?? null,
        name: m.name ?? null,
        at: typeof m.at === 'string' ? m.at : new Date().toISOString(),
      };
  } catch {
    return null;
  }
  return null;
}

/** How long "… is typing" stays after the last typing signal. */
export const TYPING_SHOWN_MS = 6000;

type Typist = { userId: string; name: string; until: number };
type Listener = () => void;

const typists = new Map<string, Typist[]>();
const listeners = new Set<Listener>();
const notify = () => listeners.forEach((l) => l());

/**
 * Who is typing in each thread, as the live channel last said: a tiny store shared by every
 * open view of a thread. Each entry fades after TYPING_SHOWN_MS; a message from that person
 * clears it at once.
 */
export const typingStore = {
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => void listeners.delete(l);
  },
  /** The names typing in `threadId` now, other than `selfId`. */
  names(threadId: string, selfId: string | undefined, now = Date.now()): string[] {
    return (typists.get(threadId) ?? [])
      .filter((t) => t.until > now && t.userId !== selfId)
      .map((t) => t.name);
  },
  apply(e: MessagingLiveEvent, now = Date.now()): void {
    if (!e.userId) return;
    const rest = (typists.get(e.threadId) ?? []).filter(
      (t) => t.userId !== e.userId && t.until > now,
    );
    if (e.type === 'message.typing')
      rest.push({ userId: e.userId, name: e.name ?? 'Someone', until: now + TYPING_SHOWN_MS });
    else if (e.type !== 'message.created') return;
    typists.set(e.threadId, rest);
    notify();
    if (e.type === 'message.typing') window.setTimeout(notify, TYPING_SHOWN_MS + 50);
  },
};

/**
 * Applies one live-channel message to messaging: typing goes to the typing store, and a new
 * message or a moved read mark answers true (refresh the lists, badge and open threads).
 */
export function applyMessagingMessage(data: unknown): boolean {
  const e = parseMessagingEvent(data);
  if (!e) return false;
  typingStore.apply(e);
  return e.type !== 'message.typing';
}
