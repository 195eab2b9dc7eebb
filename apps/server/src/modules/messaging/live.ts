import type { MessagingLiveEvent } from '@telerad/contracts';
import type { Actor } from '../../platform/context';
import type { Db } from '../../platform/db';
import { publishInTransaction, type Realtime, type RealtimeMessage } from '../../platform/realtime';
import { can, clinicScope, inScope } from '../auth';

/** A messaging event as the hub carries it between server processes: ids and a name only. */
interface HubMessagingEvent extends MessagingLiveEvent {
  kind: 'messaging';
  /** True for a study's thread; a clinic's channel is not a reader's. */
  study: boolean;
}

/** The hub message of one messaging event. */
function hubEvent(e: Omit<HubMessagingEvent, 'kind' | 'at'>): HubMessagingEvent {
  return { kind: 'messaging', ...e, at: new Date().toISOString() };
}

/**
 * Announces a new message or a moved read mark when the caller's transaction commits, never if
 * it rolls back: no browser hears of a message that was not stored.
 */
export async function announceInTransaction(
  trx: Db,
  e: Omit<HubMessagingEvent, 'kind' | 'at'>,
): Promise<void> {
  await publishInTransaction(trx, { ...hubEvent(e) });
}

/** Announces that someone is typing: nothing is stored, so it goes straight to the hub. */
export async function announceTyping(
  hub: Realtime,
  e: Omit<HubMessagingEvent, 'kind' | 'at' | 'type'>,
): Promise<void> {
  await hub.publish({ ...hubEvent({ ...e, type: 'message.typing' }) });
}

/**
 * What a browser socket of `actor` (with clinic scope `scope`) receives for a hub message: the
 * messaging event when it is one the user may see (messages:read, their clinics, and a channel
 * only with messages:channels), null otherwise (not messaging, or not theirs).
 */
export function messagingEventFor(
  actor: Actor,
  scope: ReturnType<typeof clinicScope>,
  m: RealtimeMessage,
): MessagingLiveEvent | null {
  if (m.kind !== 'messaging') return null;
  const e = m as unknown as HubMessagingEvent;
  if (typeof e.threadId !== 'string' || typeof e.clinicId !== 'string') return null;
  if (!can(actor, 'messages:read') || !inScope(scope, e.clinicId)) return null;
  if (!e.study && !can(actor, 'messages:channels')) return null;
  return {
    type: e.type,
    threadId: e.threadId,
    clinicId: e.clinicId,
    userId: e.userId ?? null,
    name: e.name ?? null,
    at: e.at,
  };
}
